using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using static Kinerja.Dashboard.Tests.Skp.SkpImportRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;
using static Kinerja.Dashboard.Tests.Skp.UnitIkuTargetRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// A unit's annual plan without SQL (issue 17, DOMAIN.md "SKP: plans, realisations and evaluation": the unit's Rencana
/// Kinerja Tahunan / Perjanjian Kinerja with its IKU and targets): <c>PUT /api/v1/units/{unitId}/iku</c> is idempotent per
/// (unit, year, code) and audited as <c>unit.iku</c>; bad input gets a 400 naming the field; <c>DELETE</c> refuses (409, with
/// the count) an IKU an RHK cascades from or a realisation is filed against.
/// </summary>
public sealed class UnitIkuTargetApiTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;

    private static int PlanYear => Year - 1;

    public async Task InitializeAsync()
    {
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "ikt", 8700);
        await SeedIkuAsync(app.DataSource, _w);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Hr => As(app, _w.Account("sdm"));

    [Fact]
    public async Task Put_CreatesThenUpdates_TheSameIkuAgainIsUnchanged_AndEachChangeIsAudited()
    {
        var iku = Iku(PlanYear, "IKU-7", periodTargets: new JsonObject { [$"{PlanYear}-Q1"] = 20, [$"{PlanYear}-06"] = 45.5m });

        var created = await PutAsync(Hr, _w.UnitA, iku);
        var again = await PutAsync(Hr, _w.UnitA, iku);
        iku["name"] = "Persentase layanan selesai tepat waktu";
        iku["periodTargets"] = $"{PlanYear}-Q1=25; {PlanYear}-Q2=50";   // the CSV form is read too
        var updated = await PutAsync(Hr, _w.UnitA, iku);

        Assert.True(created.Status == HttpStatusCode.OK, created.Body.ToString());
        Assert.Equal(["created", "unchanged", "updated"], new[] { created, again, updated }.Select(r => r.Body.GetProperty("change").GetString()));
        var read = await SendAsync(Hr, HttpMethod.Get, $"/api/v1/units/{_w.UnitA}/iku?year={PlanYear}");
        var stored = read.Body.GetProperty("iku").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "IKU-7");
        Assert.Equal(("Persentase layanan selesai tepat waktu", 90m, "persen", 0L), (stored.GetProperty("name").GetString(),
            stored.GetProperty("targetValue").GetDecimal(), stored.GetProperty("targetUnit").GetString(), stored.GetProperty("cascadingRhk").GetInt64()));
        Assert.Equal($"{{\"{PlanYear}-Q1\":25,\"{PlanYear}-Q2\":50}}", stored.GetProperty("periodTargets").GetRawText());
        var audit = await ScalarAsync<string>(app.DataSource, """
            select string_agg(detail->>'change', ',' order by id) from audit where action = 'unit.iku' and target = @target and detail->>'code' = 'IKU-7'
            """, new { target = "unit:" + _w.UnitA });
        Assert.Equal("created,updated", audit);
    }

    [Fact]
    public async Task Put_HostileButValidTexts_AreStoredAsText_AndBoundariesAreAccepted()
    {
        var html = "<script>alert('x')</script> & <b>IKU</b>";
        var saved = await PutAsync(Hr, _w.UnitA, Iku(PlanYear, "B.1_x-2 y", html + new string('n', 500 - html.Length), 0, new string('u', 50)));

        Assert.True(saved.Status == HttpStatusCode.OK, saved.Body.ToString());
        Assert.StartsWith(html, saved.Body.GetProperty("name").GetString());
        Assert.Equal(0m, saved.Body.GetProperty("targetValue").GetDecimal());
        var edges = await PutAsync(Hr, _w.UnitA, Iku(Year - 5, new string('K', 32), periodTargets: new JsonObject()));
        var ahead = await PutAsync(Hr, _w.UnitA, Iku(Year + 1, "IKU-NEXT"));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (edges.Status, ahead.Status));
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { """{"year":1999,"code":"A","name":"n","targetValue":1,"targetUnit":"u"}""", "year", "year must be between" },
        { """{"year":"dua ribu","code":"A","name":"n","targetValue":1,"targetUnit":"u"}""", "year", "year must be a year YYYY" },
        { """{"year":{Y},"name":"n","targetValue":1,"targetUnit":"u"}""", "code", "code is required" },
        { """{"year":{Y},"code":"<b>x</b>","name":"n","targetValue":1,"targetUnit":"u"}""", "code", "letters, digits, spaces" },
        { """{"year":{Y},"code":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","name":"n","targetValue":1,"targetUnit":"u"}""", "code", "at most 32 characters; got 33" },
        { """{"year":{Y},"code":"A","name":"   ","targetValue":1,"targetUnit":"u"}""", "name", "name is required" },
        { """{"year":{Y},"code":"A","name":"baris\nbaru","targetValue":1,"targetUnit":"u"}""", "name", "without control characters" },
        { """{"year":{Y},"code":"A","name":42,"targetValue":1,"targetUnit":"u"}""", "name", "name must be a text" },
        { """{"year":{Y},"code":"A","name":"n","targetValue":"12","targetUnit":"u"}""", "targetValue", "must be a number" },
        { """{"year":{Y},"code":"A","name":"n","targetValue":-0.5,"targetUnit":"u"}""", "targetValue", "cannot be negative" },
        { """{"year":{Y},"code":"A","name":"n","targetUnit":"u"}""", "targetValue", "targetValue is required" },
        { """{"year":{Y},"code":"A","name":"n","targetValue":1,"targetUnit":"UUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUU"}""", "targetUnit", "at most 50 characters; got 51" },
        { """{"year":{Y},"code":"A","name":"n","targetValue":1,"targetUnit":"u","periodTargets":{"{Y}-Q5":1}}""", "periodTargets.{Y}-Q5", "is not a month (YYYY-MM) or quarter (YYYY-Qn) of {Y}" },
        { """{"year":{Y},"code":"A","name":"n","targetValue":1,"targetUnit":"u","periodTargets":{"{N}-01":1}}""", "periodTargets.{N}-01", "of {Y}" },
        { """{"year":{Y},"code":"A","name":"n","targetValue":1,"targetUnit":"u","periodTargets":{"{Y}-01":"satu"}}""", "periodTargets.{Y}-01", "must be a number" },
        { """{"year":{Y},"code":"A","name":"n","targetValue":1,"targetUnit":"u","periodTargets":{"{Y}-01":-1}}""", "periodTargets.{Y}-01", "cannot be negative" },
        { """{"year":{Y},"code":"A","name":"n","targetValue":1,"targetUnit":"u","periodTargets":"{Y}-Q1 25"}""", "periodTargets", "is not 'period=target'" },
        { """{"year":{Y},"code":"A","name":"n","targetValue":1,"targetUnit":"u","periodTargets":"{Y}-Q1=25;{Y}-Q1=30"}""", "periodTargets.{Y}-Q1", "given twice" },
        { """{"year":{Y},"code":"A","name":"n","targetValue":1,"targetUnit":"u","periodTargets":[1,2]}""", "periodTargets", "must be an object" },
        { """[{"year":{Y}}]""", "", "The body must be an object" },
        { """{"year":{Y},"code":""", "", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Put_BadInput_Is400_NamingTheField_AndStoresNothing(string body, string field, string message)
    {
        string Fill(string s) => s.Replace("{Y}", PlanYear.ToString()).Replace("{N}", (PlanYear + 1).ToString());
        var before = await ScalarAsync<long>(app.DataSource, "select count(*) from unit_iku where unit_id = @u", new { u = _w.UnitA });

        var answer = await RawAsync(Hr, HttpMethod.Put, $"/api/v1/units/{_w.UnitA}/iku", Fill(body), "application/json");

        Assert.True(answer.Status == HttpStatusCode.BadRequest, answer.Body.ToString());
        Assert.Contains(Fill(message), ErrorAt(answer.Body, Fill(field)));
        Assert.Equal(before, await ScalarAsync<long>(app.DataSource, "select count(*) from unit_iku where unit_id = @u", new { u = _w.UnitA }));
    }

    [Fact]
    public async Task Put_WrongContentType_UnknownUnit_AndAHugeBody_AreRefusedClearly()
    {
        var json = Iku(PlanYear, "IKU-X").ToJsonString();
        var form = await RawAsync(Hr, HttpMethod.Put, $"/api/v1/units/{_w.UnitA}/iku", json, "text/plain");
        var unknown = await PutAsync(Hr, "tidak-ada", Iku(PlanYear, "IKU-X"));
        var huge = await RawAsync(Hr, HttpMethod.Put, $"/api/v1/units/{_w.UnitA}/iku",
            Iku(PlanYear, "IKU-X", new string('n', 200_000)).ToJsonString(), "application/json");

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, HttpStatusCode.NotFound, HttpStatusCode.RequestEntityTooLarge),
            (form.Status, unknown.Status, huge.Status));
        Assert.Contains("No unit has the id 'tidak-ada'", unknown.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Delete_RefusesAnIkuAnRhkCascadesFrom_NamingTheCount_ThenRemovesAFreeOne()
    {
        var k = await SaveAsync(As(app, _w.Account("k")), Plan(0, Rhk("K1", null, "IKU-1")), PlanYear);
        Assert.True(k.Status == HttpStatusCode.OK, k.Body.ToString());
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(Hr, _w.UnitA, Iku(PlanYear, "IKU-HAPUS"))).Status);

        var inUse = await DeleteAsync(Hr, _w.UnitA, "IKU-1", PlanYear);
        var noYear = await DeleteAsync(Hr, _w.UnitA, "IKU-HAPUS", null);
        var unknown = await DeleteAsync(Hr, _w.UnitA, "IKU-TIDAK-ADA", PlanYear);
        var removed = await DeleteAsync(Hr, _w.UnitA, "IKU-HAPUS", PlanYear);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.NoContent),
            (inUse.Status, noYear.Status, unknown.Status, removed.Status));
        Assert.Contains("1 RHK of employees' SKP plans", inUse.Body.GetProperty("detail").GetString());
        Assert.Equal(1, inUse.Body.GetProperty("cascadingRhk").GetInt64());
        var codes = (await SendAsync(Hr, HttpMethod.Get, $"/api/v1/units/{_w.UnitA}/iku?year={PlanYear}")).Body.GetProperty("iku").EnumerateArray()
            .ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("cascadingRhk").GetInt64());
        Assert.Equal(1, codes["IKU-1"]);
        Assert.DoesNotContain("IKU-HAPUS", codes.Keys);
        Assert.Equal(1L, await ScalarAsync<long>(app.DataSource,
            "select count(*) from audit where action = 'unit.iku' and detail->>'code' = 'IKU-HAPUS' and detail->>'change' = 'removed'", new { }));
    }

    [Fact]
    public async Task Delete_RefusesAnIkuWithFiledRealisations()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(Hr, _w.UnitA, Iku(PlanYear, "IKU-REAL"))).Status);
        var filed = await PostAsync(Hr, $"/api/v1/units/{_w.UnitA}/iku/realisations",
            new JsonArray(new JsonObject { ["eventId"] = "ikt-real-1", ["iku"] = "IKU-REAL", ["period"] = $"{PlanYear}-Q1", ["value"] = 30 }).ToJsonString(),
            "application/json");
        Assert.Equal("accepted", StatusAt(filed.Body, 1));

        var refused = await DeleteAsync(Hr, _w.UnitA, "IKU-REAL", PlanYear);

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("1 realisation(s) are filed against it", refused.Body.GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Number, refused.Body.GetProperty("realisations").ValueKind);
    }
}
