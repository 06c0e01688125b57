using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Employees;
using static Kinerja.Dashboard.Tests.Skp.SkpImportRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpProgressRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// A unit's IKU realisations (issue 17, migration 0026): HR files them per period with an evidence link (JSON or CSV),
/// idempotent on eventId, a later one supersedes; <c>GET /api/v1/units/{unitId}/iku?year=</c> answers targets,
/// realisations and attainment (against the period's own target when the IKU has one).
/// </summary>
public sealed class UnitIkuRealisationTests(LoopServerFactory app) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;
    private LoopSessions _as = null!;

    private string Url => $"api/v1/units/{_w.UnitA}/iku/realisations";

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "iku", 7960);
        _as = new LoopSessions(app, _w);
        await SeedIkuAsync(app.DataSource, _w);
        await ScalarAsync<int>(app.DataSource, """
            update unit_iku set period_targets = jsonb_build_object(@q1, 50) where unit_id = @unit and year = @year and code = 'IKU-2' returning 1
            """, new { unit = _w.UnitA, year = (short)PastYear, q1 = $"{PastYear}-Q1" });
    }

    public Task DisposeAsync()
    {
        _as.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Realisations_AreIdempotent_SupersedeWithHistory_AndGiveAttainment()
    {
        var y = PastYear;
        var sdm = await _as.ClientAsync("sdm");
        var json = new JsonArray(
            new JsonObject { ["eventId"] = "iku-1", ["iku"] = "IKU-1", ["period"] = $"{y}-Q1", ["value"] = 20, ["evidenceUrl"] = "https://bukti.example/iku1" },
            new JsonObject { ["eventId"] = "iku-2", ["iku"] = "IKU-9", ["period"] = $"{y}-Q1", ["value"] = 1 },
            new JsonObject { ["eventId"] = "iku-3", ["iku"] = "IKU-1", ["period"] = $"{Year + 1}-01", ["value"] = 1 },
            new JsonObject { ["eventId"] = "iku-4", ["iku"] = "IKU-1", ["period"] = $"{y}-Q2", ["value"] = -1, ["evidenceUrl"] = "javascript:x" });
        var first = await PostAsync(sdm, Url, json.ToJsonString(), "application/json");
        Assert.True(first.Status == HttpStatusCode.OK, first.Body.ToString());
        Assert.Equal(["accepted", "rejected", "rejected", "rejected"], Enumerable.Range(1, 4).Select(r => StatusAt(first.Body, r)));
        Assert.Contains($"iku: Unit {_w.UnitA} has no IKU with the code 'IKU-9' for {y}", ErrorsAt(first.Body, 2));
        Assert.Contains("has not begun yet", ErrorsAt(first.Body, 3));
        Assert.Contains("value: value is required", ErrorsAt(first.Body, 4));
        Assert.Contains("evidenceUrl: evidenceUrl must be an absolute http(s) link", ErrorsAt(first.Body, 4));

        var csv = Csv(true, "eventId,iku,period,value,evidenceUrl,note",
            $"iku-1,IKU-1,{y}-Q1,20,https://bukti.example/iku1,",          // 2 retry: duplicate
            $"iku-5,IKU-1,{y}-Q1,25,https://bukti.example/iku1b,revisi",   // 3 supersedes iku-1
            $"iku-6,IKU-2,{y}-Q1,25,,");                                   // 4 against the period target 50
        var second = await PostAsync(sdm, Url, csv, "text/csv");
        Assert.Equal(["duplicate", "accepted", "accepted"], Enumerable.Range(2, 3).Select(r => StatusAt(second.Body, r)));
        Assert.Equal([(false, "20"), (true, "25")], await RowsAsync(app.DataSource,
            "select is_current, value::text from unit_iku_realisation where unit_id = @unit and period = @p and event_id in ('iku-1', 'iku-5') order by id",
            new { unit = _w.UnitA, p = $"{y}-Q1" }));

        var read = await SendAsync(await _as.ClientAsync("pimpinan"), HttpMethod.Get, $"api/v1/units/{_w.UnitA}/iku?year={y}");
        Assert.True(read.Status == HttpStatusCode.OK, read.Body.ToString());
        var iku = read.Body.GetProperty("iku").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!);
        var one = iku["IKU-1"].GetProperty("realisations").EnumerateArray().Single();
        Assert.Equal((25m, 100m, 25.0, "https://bukti.example/iku1b"), (one.GetProperty("value").GetDecimal(), one.GetProperty("target").GetDecimal(),
            one.GetProperty("attainment").GetDouble(), one.GetProperty("evidenceUrl").GetString()));
        var two = iku["IKU-2"].GetProperty("realisations").EnumerateArray().Single();
        Assert.Equal((50m, 50.0), (two.GetProperty("target").GetDecimal(), two.GetProperty("attainment").GetDouble()));
        Assert.Equal(25.0, iku["IKU-2"].GetProperty("attainment").GetDouble());
        Assert.Equal(JsonValueKind.Array, read.Body.GetProperty("iku").ValueKind);
    }

    [Fact]
    public async Task UnknownUnit_Is404_AndAMissingYearIs400()
    {
        var sdm = await _as.ClientAsync("sdm");
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(sdm, "api/v1/units/tidak-ada/iku/realisations", "[]", "application/json")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(sdm, HttpMethod.Get, $"api/v1/units/tidak-ada/iku?year={PastYear}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(sdm, HttpMethod.Get, $"api/v1/units/{_w.UnitA}/iku")).Status);
    }
}
