using System.Net;
using Dapper;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Employees;
using Microsoft.Extensions.DependencyInjection;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// The cascade links and the field errors of a save against the database: a parent RHK that does not exist, that is
/// someone else's than the direct superior's, a cycle; IKU links only at the top of a unit; a refused save loses
/// nothing already saved; a superior cannot drop an RHK their reports cascade from.
/// </summary>
public sealed class SkpCascadeTests(LoopServerFactory app) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;
    private LoopSessions _as = null!;
    private long _k1;
    private long _b1;

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "skc", 7720);
        _as = new LoopSessions(app, _w);
        await SeedIkuAsync(app.DataSource, _w);
        // xunit makes an instance per test; the database (and these two plans) per class
        var k = await GetAsync(await _as.ClientAsync("k"));
        if (k.Status == HttpStatusCode.NotFound)
        {
            k = await SaveAsync(await _as.ClientAsync("k"), Plan(0, Rhk("K1", null, "IKU-1")));
        }
        _k1 = RhkId(k.Body, "K1");
        var b = await GetAsync(await _as.ClientAsync("b"));
        if (b.Status == HttpStatusCode.NotFound)
        {
            b = await SaveAsync(await _as.ClientAsync("b"), Plan(0, Rhk("B1", _k1), Rhk("B2", _k1)));
        }
        _b1 = RhkId(b.Body, "B1");
    }

    public Task DisposeAsync()
    {
        _as.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AParentThatDoesNotExist_OrIsNotTheDirectSuperiors_IsRefusedAtItsPath()
    {
        var s1 = await _as.ClientAsync("s1");
        const string Count = "select count(*)::text || '/' || coalesce(sum(revision), 0)::text from skp_plan where nip = @nip";
        var before = await LoopClient.ScalarAsync<string>(app.DataSource, Count, new { nip = _w.S1 });
        var version = (await GetAsync(s1)) is { Status: HttpStatusCode.OK } g ? g.Body.GetProperty("version").GetInt32() : 0;
        var missing = await SaveAsync(s1, Plan(version, Rhk("S1", _b1), Rhk("S2", 987_654_321)));
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("No RHK has the id 987654321.", ErrorAt(missing.Body, "rhk[1].parentRhkId"));
        // K is S1's superior's superior: not the direct superior
        var skipping = await SaveAsync(s1, Plan(version, Rhk("S1", _k1)));
        Assert.Contains("belongs to someone other than your direct superior", ErrorAt(skipping.Body, "rhk[0].parentRhkId"));
        var iku = await SaveAsync(s1, Plan(version, Rhk("S1", null, "IKU-1")));
        Assert.Contains("You have a direct superior in your unit", ErrorAt(iku.Body, "rhk[0].parentIku"));
        // U has no superior: their RHK link to an IKU of their own unit only
        var u = await _as.ClientAsync("u");
        Assert.Contains("You have no direct superior in your unit", ErrorAt((await SaveAsync(u, Plan(0, Rhk("U1", _b1)))).Body, "rhk[0].parentRhkId"));
        Assert.Equal($"Your unit has no IKU with the code 'IKU-9' for {Year}.",
            ErrorAt((await SaveAsync(u, Plan(0, Rhk("U1", null, "IKU-9")))).Body, "rhk[0].parentIku"));
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(u, Plan(0, Rhk("U1", null, "IKU-2")))).Status);
        Assert.Equal(before, await LoopClient.ScalarAsync<string>(app.DataSource, Count, new { nip = _w.S1 }));
    }

    [Fact]
    public async Task ARefusedSave_LosesNothingAlreadySaved()
    {
        var s2 = await _as.ClientAsync("s2");
        var saved = await SaveAsync(s2, Plan(0, Rhk("S1", _b1, null, "utama", Numeric(value: 7))));
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        var wrongKind = Plan(1, Rhk("S1", _b1, null, "utama", Quality()), Rhk("S2", _b1, null, "utama",
            new System.Text.Json.Nodes.JsonObject { ["aspect"] = "kuantitas", ["text"] = "Jumlah", ["target"] = "banyak" }));
        var refused = await SaveAsync(s2, wrongKind);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("needs a numeric target", ErrorAt(refused.Body, "rhk[1].indicators[0].target"));
        var oversized = Plan(1, Rhk("S1", _b1));
        oversized["rhk"]![0]!["text"] = new string('x', 1001);
        Assert.Contains("at most 1000 characters", ErrorAt((await SaveAsync(s2, oversized)).Body, "rhk[0].text"));
        Assert.Contains("already used", ErrorAt((await SaveAsync(s2, Plan(1, Rhk("S1", _b1), Rhk("S1", _b1)))).Body, "rhk[1].code"));
        Assert.Contains("year must be between", ErrorAt((await SaveAsync(s2, Plan(1, Rhk("S1", _b1)), Year + 2)).Body, "year"));

        var after = (await GetAsync(s2)).Body;
        Assert.Equal(1, after.GetProperty("revision").GetInt32());
        Assert.Equal(7m, after.GetProperty("rhk")[0].GetProperty("indicators")[0].GetProperty("target").GetProperty("value").GetDecimal());
        Assert.Equal(1, after.GetProperty("rhk").GetArrayLength());
    }

    [Fact]
    public async Task ASuperiorCannotDropAnRhkTheirReportsCascadeFrom()
    {
        // S1 cascades from B1 (S1 may already have a plan from another test of this class)
        var s1 = await _as.ClientAsync("s1");
        var existing = await GetAsync(s1);
        var linked = await SaveAsync(s1, Plan(existing.Status == HttpStatusCode.OK ? existing.Body.GetProperty("version").GetInt32() : 0,
            Rhk("S1", _b1)));
        Assert.True(linked.Status == HttpStatusCode.OK, linked.Body.ToString());
        var b = await _as.ClientAsync("b");
        var version = (await GetAsync(b)).Body.GetProperty("version").GetInt32();
        var dropped = await SaveAsync(b, Plan(version, Rhk("B2", _k1)));
        Assert.Equal(HttpStatusCode.BadRequest, dropped.Status);
        Assert.Contains("The RHK 'B1' cannot be removed", ErrorAt(dropped.Body, "rhk"));
        // changing its text keeps its id, so the reports' links hold
        var renamed = Plan(version, Rhk("B1", _k1), Rhk("B2", _k1));
        renamed["rhk"]![0]!["text"] = "RHK B1 yang diperjelas";
        var ok = await SaveAsync(b, renamed);
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(_b1, RhkId(ok.Body, "B1"));
    }

    [Fact]
    public async Task ACycleInTheCascade_IsRefused()
    {
        // A second organisation whose top (K) becomes the report of their own report (B): supervisor data with a loop.
        var w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "sky", 7740);
        await SeedIkuAsync(app.DataSource, w);
        using var sessions = new LoopSessions(app, w);
        var year = Year - 1;
        var k = await SaveAsync(await sessions.ClientAsync("k"), Plan(0, Rhk("K1", null, "IKU-1")), year);
        var kb = await SaveAsync(await sessions.ClientAsync("b"), Plan(0, Rhk("B1", RhkId(k.Body, "K1"))), year);
        Assert.Equal(HttpStatusCode.OK, kb.Status);
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("update employee set supervisor_nip = @b where nip = @k", new { b = w.B, k = w.K });
        }
        app.Services.GetRequiredService<AccessCache>().Clear();

        var cycle = await SaveAsync(await sessions.ClientAsync("k"), Plan(1, Rhk("K1", RhkId(kb.Body, "B1"))), year);
        Assert.Equal(HttpStatusCode.BadRequest, cycle.Status);
        Assert.Contains("would make a cycle in the cascade", ErrorAt(cycle.Body, "rhk[0].parentRhkId"));
        Assert.Equal(1, (await GetAsync(await sessions.ClientAsync("k"), year)).Body.GetProperty("revision").GetInt32());
    }
}
