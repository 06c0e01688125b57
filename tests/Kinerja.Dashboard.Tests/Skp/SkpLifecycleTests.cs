using System.Net;
using System.Text.Json;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Employees;
using Microsoft.AspNetCore.SignalR.Client;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// The plan lifecycle over a real socket (issue 17): draft → diajukan → dikembalikan with a note → fixed → disetujui →
/// a change is version 2 with version 1 kept; optimistic concurrency on version and revision; SkpChanged reaches the
/// employee's and the superior's groups.
/// </summary>
public sealed class SkpLifecycleTests(LoopServerFactory app) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;
    private LoopSessions _as = null!;

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "skl", 7700);
        _as = new LoopSessions(app, _w);
        await SeedIkuAsync(app.DataSource, _w);
    }

    public Task DisposeAsync()
    {
        _as.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>K (top, IKU) → B → the report's plan links to B's RHK; returns B's RHK id.</summary>
    private async Task<long> CascadeAsync(int year)
    {
        var k = await SaveAsync(await _as.ClientAsync("k"), Plan(0, Rhk("K1", null, "IKU-1")), year);
        Assert.True(k.Status == HttpStatusCode.OK, k.Body.ToString());
        var b = await SaveAsync(await _as.ClientAsync("b"), Plan(0, Rhk("B1", RhkId(k.Body, "K1"))), year);
        Assert.True(b.Status == HttpStatusCode.OK, b.Body.ToString());
        return RhkId(b.Body, "B1");
    }

    [Fact]
    public async Task Plan_GoesDraftSubmittedReturnedFixedApproved_AndAChangeAfterApprovalIsVersion2WithVersion1Kept()
    {
        var s1 = await _as.ClientAsync("s1");
        var b = await _as.ClientAsync("b");
        var parent = await CascadeAsync(Year);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(s1)).Status);

        var saved = await SaveAsync(s1, Plan(0, Rhk("S1", parent, null, "utama", Numeric(), Quality()), Rhk("S2", parent, null, "tambahan")));
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Equal(("draft", 1, 1), (saved.Body.GetProperty("status").GetString(), saved.Body.GetProperty("version").GetInt32(),
            saved.Body.GetProperty("revision").GetInt32()));
        var read = (await GetAsync(s1)).Body;
        Assert.Equal(2, read.GetProperty("rhk").GetArrayLength());
        var quality = read.GetProperty("rhk")[0].GetProperty("indicators")[1].GetProperty("target");
        Assert.Equal("Diterima tanpa revisi", quality.GetProperty("text").GetString());
        Assert.Equal(12m, read.GetProperty("rhk")[0].GetProperty("indicators")[0].GetProperty("target").GetProperty("value").GetDecimal());
        Assert.Equal(parent, read.GetProperty("rhk")[0].GetProperty("parentRhkId").GetInt64());

        var submitted = await SubmitAsync(s1);
        Assert.Equal("diajukan", submitted.Body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await SaveAsync(s1, Plan(1, Rhk("S1", parent)))).Status);
        var team = (await SendAsync(b, HttpMethod.Get, $"api/v1/team/skp?year={Year}")).Body.GetProperty("members");
        Assert.Equal(_w.S1, team[0].GetProperty("nip").GetString());
        Assert.Equal("diajukan", team[0].GetProperty("status").GetString());
        Assert.Contains(team.EnumerateArray(), m => m.GetProperty("nip").GetString() == _w.S2 && m.GetProperty("status").ValueKind == JsonValueKind.Null);

        var noNote = await DecideAsync(b, _w.S1, false);
        Assert.Equal(HttpStatusCode.BadRequest, noNote.Status);
        Assert.Contains("note is required when returning", ErrorAt(noNote.Body, "note"));
        var returned = await DecideAsync(b, _w.S1, false, "Tambahkan indikator waktu.");
        Assert.Equal("dikembalikan", returned.Body.GetProperty("status").GetString());
        var seen = (await GetAsync(s1)).Body;
        Assert.Equal(("dikembalikan", "Tambahkan indikator waktu."), (seen.GetProperty("status").GetString(), seen.GetProperty("note").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(b, _w.S1, true)).Status);

        var timed = new System.Text.Json.Nodes.JsonObject
        {
            ["aspect"] = "waktu", ["text"] = "Tepat waktu", ["target"] = new System.Text.Json.Nodes.JsonObject { ["value"] = 12, ["unit"] = "bulan" },
        };
        var fixedPlan = await SaveAsync(s1, Plan(1, Rhk("S1", parent, null, "utama", Numeric(), Quality(), timed), Rhk("S2", parent, null, "tambahan")));
        Assert.Equal(("draft", 1, 2), (fixedPlan.Body.GetProperty("status").GetString(), fixedPlan.Body.GetProperty("version").GetInt32(),
            fixedPlan.Body.GetProperty("revision").GetInt32()));
        Assert.Equal(RhkId(saved.Body, "S1"), RhkId(fixedPlan.Body, "S1"));
        Assert.Equal("diajukan", (await SubmitAsync(s1)).Body.GetProperty("status").GetString());
        var approved = await DecideAsync(b, _w.S1, true);
        Assert.Equal(("disetujui", _w.B), (approved.Body.GetProperty("status").GetString(), approved.Body.GetProperty("decidedBy").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await SubmitAsync(s1)).Status);

        var changed = await SaveAsync(s1, Plan(1, Rhk("S1", parent, null, "utama", Numeric(value: 20))));
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal(("draft", 2), (changed.Body.GetProperty("status").GetString(), changed.Body.GetProperty("version").GetInt32()));
        Assert.Equal([(1, "disetujui"), (2, "draft")], changed.Body.GetProperty("versions").EnumerateArray()
            .Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("status").GetString())).ToList());
        // version 1 is kept as it was approved: its two RHK, its three indicators of S1, its steps
        Assert.Equal(2L, await LoopClient.ScalarAsync<long>(app.DataSource,
            "select count(*) from skp_rhk r join skp_plan p on p.id = r.plan_id where p.nip = @nip and p.version = 1 and p.year = @year",
            new { nip = _w.S1, year = (short)Year }));
        Assert.Equal(12m, await LoopClient.ScalarAsync<decimal>(app.DataSource, """
            select i.target_value from skp_indicator i join skp_rhk r on r.id = i.rhk_id join skp_plan p on p.id = r.plan_id
            where p.nip = @nip and p.version = 1 and p.year = @year and r.code = 'S1' and i.position = 0
            """, new { nip = _w.S1, year = (short)Year }));
        Assert.Equal("saved,diajukan,dikembalikan,saved,diajukan,disetujui", await LoopClient.ScalarAsync<string>(app.DataSource, """
            select string_agg(s.step, ',' order by s.id) from skp_plan_step s join skp_plan p on p.id = s.plan_id
            where p.nip = @nip and p.version = 1 and p.year = @year
            """, new { nip = _w.S1, year = (short)Year }));
        Assert.Equal(HttpStatusCode.Conflict, (await SaveAsync(s1, Plan(1, Rhk("S1", parent)))).Status);
    }

    [Fact]
    public async Task EmptyPlans_AndPlansWithoutAnRhkUtama_CannotBeSubmitted_AndATopEmployeeHasNobodyToApprove()
    {
        var year = Year - 1;
        var parent = await CascadeAsync(year);
        var s2 = await _as.ClientAsync("s2");
        Assert.Equal(HttpStatusCode.NotFound, (await SubmitAsync(s2, year)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(s2, Plan(0), year)).Status);
        var empty = await SubmitAsync(s2, year);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("has no RHK", ErrorAt(empty.Body, "rhk"));
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(s2, Plan(1, Rhk("T1", parent, null, "tambahan")), year)).Status);
        var noUtama = await SubmitAsync(s2, year);
        Assert.Contains("no RHK utama", ErrorAt(noUtama.Body, "rhk"));
        Assert.Equal("draft", (await GetAsync(s2, year)).Body.GetProperty("status").GetString());
        var top = await SubmitAsync(await _as.ClientAsync("k"), year);
        Assert.Equal(HttpStatusCode.Conflict, top.Status);
        Assert.Contains("no direct superior", top.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TwoSavesOfTheSameVersion_OneWins_TheOtherIs409_AndNothingOfItIsStored()
    {
        var year = Year - 2;
        var parent = await CascadeAsync(year);
        var s1 = await _as.ClientAsync("s1");
        var s1Again = (await FormSignInAsync("s1")).Client;
        var first = await Task.WhenAll(SaveAsync(s1, Plan(0, Rhk("A", parent)), year), SaveAsync(s1Again, Plan(0, Rhk("B", parent)), year));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], first.Select(r => r.Status).Order());

        // two screens editing the same draft revision: the second save is stale
        var current = (await GetAsync(s1, year)).Body;
        var revision = current.GetProperty("revision").GetInt32();
        var one = Plan(1, Rhk("A", parent));
        one["revision"] = revision;
        var two = Plan(1, Rhk("Z", parent));
        two["revision"] = revision;
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(s1, one, year)).Status);
        var stale = await SaveAsync(s1Again, two, year);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("saved meanwhile", stale.Body.GetProperty("detail").GetString());

        // after approval, two concurrent changes of version 1: one becomes version 2, the other is refused
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(s1, year)).Status);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(await _as.ClientAsync("b"), _w.S1, true, year: year)).Status);
        var changes = await Task.WhenAll(SaveAsync(s1, Plan(1, Rhk("A", parent), Rhk("C", parent)), year),
            SaveAsync(s1Again, Plan(1, Rhk("A", parent), Rhk("D", parent)), year));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], changes.Select(r => r.Status).Order());
        var after = (await GetAsync(s1, year)).Body;
        Assert.Equal(2, after.GetProperty("version").GetInt32());
        Assert.Equal(2L, await LoopClient.ScalarAsync<long>(app.DataSource, "select count(*) from skp_plan where nip = @nip and year = @year",
            new { nip = _w.S1, year = (short)year }));
        Assert.Single(after.GetProperty("rhk").EnumerateArray(), r => r.GetProperty("code").GetString() is "C" or "D");
    }

    [Fact]
    public async Task EveryCommit_PushesSkpChanged_ToTheEmployeeAndTheirSuperior_NotToAPeer()
    {
        var year = Year - 3;
        var parent = await CascadeAsync(year);
        await using var own = await ConnectAsync("s1", _w.S1);
        await using var superior = await ConnectAsync("b", _w.B);
        await using var peer = await ConnectAsync("s2", _w.S2);
        var toOwn = Collect(own);
        var toSuperior = Collect(superior);
        var toPeer = Collect(peer);

        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(await _as.ClientAsync("s1"), Plan(0, Rhk("P1", parent)), year)).Status);
        Assert.Equal(_w.S1, (await toOwn.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).GetProperty("nip").GetString());
        Assert.Equal(_w.S1, (await toSuperior.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).GetProperty("nip").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(await _as.ClientAsync("s1"), year)).Status);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(await _as.ClientAsync("b"), _w.S1, true, year: year)).Status);
        for (var i = 0; i < 2; i++)
        {
            await toOwn.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            await toSuperior.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
        await Task.Delay(300);
        Assert.False(toPeer.Reader.TryRead(out _), "a peer's group got SkpChanged of S1");
    }

    private async Task<Kinerja.Testing.FormSignIn> FormSignInAsync(string who) =>
        await Kinerja.Testing.FormSignIn.SignInAsync(app.BaseUri, _w.Account(who), EmployeeWorld.Password);

    private static System.Threading.Channels.Channel<JsonElement> Collect(HubConnection hub)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("SkpChanged", m => channel.Writer.TryWrite(m));
        return channel;
    }

    private async Task<HubConnection> ConnectAsync(string who, string nip)
    {
        var signIn = await _as.AsAsync(who);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseUri, "/hubs/employee"), o => o.Cookies = signIn.Cookies)
            .Build();
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", "employee:" + nip);
        return connection;
    }
}
