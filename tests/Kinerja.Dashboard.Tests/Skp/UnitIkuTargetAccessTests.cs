using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Board;
using Kinerja.Dashboard.Tests.Infrastructure;
using static Kinerja.Dashboard.Tests.Skp.SkpImportRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;
using static Kinerja.Dashboard.Tests.Skp.UnitIkuTargetRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// Who may plan a unit's IKU: HR (sdm) of the unit's region (or of every region) and admins; not HR granted only another
/// region, a leader, an employee (pegawai) or anonymous. And it is live: a change of an IKU target or a filed IKU
/// realisation sends the <c>Panels</c> hint to the unit's board groups (a real HubConnection).
/// </summary>
public sealed class UnitIkuTargetAccessTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private EmployeeWorld _w = null!;

    private static int PlanYear => Year - 1;

    public async Task InitializeAsync()
    {
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "ika", 8750);
        await SeedIkuAsync(app.DataSource, _w);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Dictionary<string, HttpClient>> PeopleAsync() => new()
    {
        ["sdm (every region)"] = As(app, _w.Account("sdm")),
        ["sdm of region a"] = await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionA),
        ["sdm of region b"] = await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionB),
        ["admin"] = As(app, _w.Account("admin")),
        ["pimpinan of region a"] = As(app, _w.Account("pimpinan")),
        ["pegawai (k, top of the unit)"] = As(app, _w.Account("k")),
        ["anonymous"] = As(app, null),
    };

    private static readonly Dictionary<string, HttpStatusCode> HrOfTheRegionOnly = new()
    {
        ["sdm (every region)"] = HttpStatusCode.OK, ["sdm of region a"] = HttpStatusCode.OK, ["sdm of region b"] = HttpStatusCode.Forbidden,
        ["admin"] = HttpStatusCode.OK, ["pimpinan of region a"] = HttpStatusCode.Forbidden, ["pegawai (k, top of the unit)"] = HttpStatusCode.Forbidden,
        ["anonymous"] = HttpStatusCode.Unauthorized,
    };

    [Fact]
    public async Task Put_HrOfTheUnitsRegionOnly()
    {
        var matrix = new Dictionary<string, HttpStatusCode>();
        foreach (var (who, client) in await PeopleAsync())
        {
            matrix[who] = (await PutAsync(client, _w.UnitA, Iku(PlanYear, "AKSES-" + matrix.Count))).Status;
        }
        Assert.Equal(HrOfTheRegionOnly, matrix);
    }

    [Fact]
    public async Task Delete_And_RealisationFiling_HrOfTheUnitsRegionOnly()
    {
        var delete = new Dictionary<string, HttpStatusCode>();
        var file = new Dictionary<string, HttpStatusCode>();
        foreach (var (who, client) in await PeopleAsync())
        {
            var code = "HAPUS-" + delete.Count;
            Assert.Equal(HttpStatusCode.OK, (await PutAsync(As(app, _w.Account("sdm")), _w.UnitA, Iku(PlanYear, code))).Status);
            var removed = await DeleteAsync(client, _w.UnitA, code, PlanYear);
            delete[who] = removed.Status == HttpStatusCode.NoContent ? HttpStatusCode.OK : removed.Status;
            var rows = new JsonArray(new JsonObject { ["eventId"] = "akses-" + who, ["iku"] = "IKU-2", ["period"] = $"{PlanYear}-03", ["value"] = 1 });
            file[who] = (await PostAsync(client, $"/api/v1/units/{_w.UnitA}/iku/realisations", rows.ToJsonString(), "application/json")).Status;
        }
        Assert.Equal(HrOfTheRegionOnly, delete);
        Assert.Equal(HrOfTheRegionOnly, file);
    }

    [Fact]
    public async Task Import_RowsOfAnotherRegionsUnit_AreRejected_ForHrGrantedOneRegion()
    {
        var rows = new JsonArray(
            Iku(PlanYear, "IMP-A").Also(o => o["unitId"] = _w.UnitA),
            Iku(PlanYear, "IMP-B").Also(o => o["unitId"] = _w.Prefix + "-b-dinas"));

        var answer = await PostAsync(await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionA), "/api/v1/skp/import/iku", rows.ToJsonString(), "application/json");
        var leader = await PostAsync(As(app, _w.Account("pimpinan")), "/api/v1/skp/import/iku", rows.ToJsonString(), "application/json");

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body.ToString());
        Assert.Equal(("accepted", "rejected"), (StatusAt(answer.Body, 1), StatusAt(answer.Body, 2)));
        Assert.Contains($"unitId: Unit {_w.Prefix}-b-dinas is in region {_w.RegionB}, which is not granted to you", ErrorsAt(answer.Body, 2));
        Assert.Equal(HttpStatusCode.Forbidden, leader.Status);
    }

    [Fact]
    public async Task Page_HrOfTheRegionOnly()
    {
        var url = $"/rencana-unit?regionId={_w.RegionA}&unitId={_w.UnitA}&year={PlanYear}";
        var matrix = new Dictionary<string, HttpStatusCode>();
        foreach (var (who, client) in await PeopleAsync())
        {
            using var response = await client.GetAsync(url);
            matrix[who] = response.StatusCode;
        }
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.OK),
            (matrix["sdm (every region)"], matrix["sdm of region a"], matrix["sdm of region b"], matrix["admin"]));
        Assert.All(new[] { "pimpinan of region a", "pegawai (k, top of the unit)", "anonymous" },
            who => Assert.Contains(matrix[who], new[] { HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized, HttpStatusCode.Redirect }));
        var html = await As(app, _w.Account("sdm")).GetStringAsync(url);
        Assert.Contains("data-unit=\"" + _w.UnitA + "\"", html);
        Assert.Contains($"<option selected>{PlanYear}</option>", html);
        var monitoring = await As(app, _w.Account("sdm")).GetStringAsync($"/pemantauan-skp?regionId={_w.RegionA}");
        var leaders = await As(app, _w.Account("pimpinan")).GetStringAsync($"/pemantauan-skp?regionId={_w.RegionA}");
        Assert.Contains("id=\"ke-rencana-unit\"", monitoring);
        Assert.DoesNotContain("ke-rencana-unit", leaders);
    }

    private static Func<JsonElement, bool> After(DateTimeOffset before) => p =>
        p.GetProperty("reason").GetString() == "skp" && p.GetProperty("at").GetDateTimeOffset() >= before;

    [Fact]
    public async Task FilingAnIkuRealisation_SendsThePanelsHint_ToTheRegionAndPublicGroups()
    {
        await using var hub = await HubClient.ConnectAsync(app, _w.Account("pimpinan"));
        await hub.SubscribeAsync("region:" + _w.RegionA);
        await using var publik = await HubClient.ConnectAsync(app, null);
        await publik.SubscribeAsync("public:" + _w.RegionA);
        var before = DateTimeOffset.UtcNow;

        var filed = await PostAsync(As(app, _w.Account("sdm")), $"/api/v1/units/{_w.UnitA}/iku/realisations",
            new JsonArray(new JsonObject { ["eventId"] = "ika-live-1", ["iku"] = "IKU-1", ["period"] = $"{PlanYear}-Q2", ["value"] = 40 }).ToJsonString(),
            "application/json");

        Assert.Equal("accepted", StatusAt(filed.Body, 1));
        var (hint, _) = await hub.WaitForAsync("Panels", After(before), Wait);
        Assert.Equal("region:" + _w.RegionA, hint.GetProperty("group").GetString());
        await publik.WaitForAsync("Panels", After(before), Wait);
    }

    [Fact]
    public async Task ImportingIkuTargets_SendsThePanelsHint_ToTheChangedUnitsRegion()
    {
        await using var hub = await HubClient.ConnectAsync(app, _w.Account("pimpinan"));
        await hub.SubscribeAsync("region:" + _w.RegionA);
        var before = DateTimeOffset.UtcNow;

        var imported = await PostAsync(As(app, _w.Account("sdm")), "/api/v1/skp/import/iku",
            new JsonArray(Iku(PlanYear, "IMPOR-LIVE").Also(o => o["unitId"] = _w.UnitA)).ToJsonString(), "application/json");

        Assert.Equal("accepted", StatusAt(imported.Body, 1));
        await hub.WaitForAsync("Panels", After(before), Wait);
    }

    [Fact]
    public async Task ChangingAnIkuTarget_SendsThePanelsHint_AndAnUnchangedSaveDoesNot()
    {
        await using var hub = await HubClient.ConnectAsync(app, _w.Account("pimpinan"));
        await hub.SubscribeAsync("unit:" + _w.UnitA);
        var hr = As(app, _w.Account("sdm"));
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(hr, _w.UnitA, Iku(PlanYear, "LIVE-1"))).Status);
        var before = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, (await PutAsync(hr, _w.UnitA, Iku(PlanYear, "LIVE-1", value: 95))).Status);

        var (hint, _) = await hub.WaitForAsync("Panels", After(before), Wait);
        Assert.Equal("unit:" + _w.UnitA, hint.GetProperty("group").GetString());
        var quiet = DateTimeOffset.UtcNow;
        Assert.Equal("unchanged", (await PutAsync(hr, _w.UnitA, Iku(PlanYear, "LIVE-1", value: 95))).Body.GetProperty("change").GetString());
        // a second write that changes something is the synchronisation point: its hint arrives, the unchanged one's never does
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(hr, _w.UnitA, Iku(PlanYear, "LIVE-2"))).Status);
        await hub.WaitForAsync("Panels", After(quiet), Wait);
        Assert.Single(hub.Messages, m => m.Method == "Panels" && m.Payload.GetProperty("at").GetDateTimeOffset() >= quiet);
    }
}
