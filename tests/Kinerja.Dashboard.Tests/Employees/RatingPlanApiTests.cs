using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;
using static Kinerja.Dashboard.Tests.Employees.LoopClient;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>
/// HR's amendment of the 360 rating plan over a real socket with real sign-in and PostgreSQL (issue 16):
/// <c>GET /api/v1/rating-plan</c>, <c>POST /api/v1/rating-plan/amendments</c>, <c>DELETE …/{id}</c>. A pair HR adds
/// appears in the rater's <c>/api/v1/me/ratings/plan</c> of that month only and is rated with the role HR gave; a
/// derived pair HR removes is gone from the plan and its rating refused; deleting the amendment restores it; every write
/// is audited; bad items get specific per-item errors; only sdm and admin may use the API.
/// </summary>
public sealed class RatingPlanApiTests(LoopServerFactory app) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;
    private LoopSessions _as = null!;

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "rp", 7900);
        _as = new LoopSessions(app, _w);
    }

    public Task DisposeAsync()
    {
        _as.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AnAddedCrossUnitPair_IsInThatMonthsPlanOnly_AndRatedWithTheRoleHrGave()
    {
        const string month = "2026-05";
        var result = await AmendAsync("sdm", Amendment(month, _w.S1, _w.U, "tambah", "bawahan", "Mitra lintas unit"));
        Assert.Equal("accepted", StatusAt(result, 0));

        Assert.Contains((_w.U, "bawahan"), await MyPlanAsync("s1", month));
        Assert.DoesNotContain(_w.U, (await MyPlanAsync("s1", "2026-06")).Select(p => p.Nip));
        var rated = await RateAsync("s1", _w.U, month);
        var otherMonth = await RateAsync("s1", _w.U, "2026-06");

        Assert.Equal("accepted", StatusAt(rated, 0));
        Assert.Equal("bawahan", await ScalarAsync<string>(app.DataSource,
            "select rater_role from rating where ratee_nip = @n and period = @p", new { n = _w.U, p = month }));
        Assert.Equal("rejected", StatusAt(otherMonth, 0));
        Assert.Contains($"is not in your rating plan for 2026-06", Assert.Single(ErrorsAt(otherMonth, 0)).Message);
        var pair = (await UnitPlanAsync("sdm", month, _w.UnitA)).Single(p => p.GetProperty("raterNip").GetString() == _w.S1
                                                                            && p.GetProperty("rateeNip").GetString() == _w.U);
        Assert.Equal("bawahan", pair.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, pair.GetProperty("derivedRole").ValueKind);
        Assert.Equal("Mitra lintas unit", pair.GetProperty("amendment").GetProperty("note").GetString());
        Assert.Equal(1, await ScalarAsync<int>(app.DataSource,
            "select count(*)::int from audit where action = 'rating_plan.amend' and actor = @a and target like '%' || @u",
            new { a = "user:" + _w.Account("sdm"), u = _w.U }));
    }

    [Fact]
    public async Task ARemovedDerivedPair_IsRefused_AndDeletingTheAmendmentRestoresIt()
    {
        const string month = "2026-04";
        Assert.Contains((_w.S2, "rekan"), await MyPlanAsync("s1", month));
        var result = await AmendAsync("admin", Amendment(month, _w.S1, _w.S2, "hapus", null, "Baru pindah tim"));
        var id = result.GetProperty("items")[0].GetProperty("id").GetInt64();

        Assert.DoesNotContain(_w.S2, (await MyPlanAsync("s1", month)).Select(p => p.Nip));
        var refused = await RateAsync("s1", _w.S2, month);
        Assert.Equal("rejected", StatusAt(refused, 0));
        Assert.Equal("rateeNip", Assert.Single(ErrorsAt(refused, 0)).Field);
        var pair = (await UnitPlanAsync("sdm", month, _w.UnitA)).Single(p => p.GetProperty("raterNip").GetString() == _w.S1
                                                                            && p.GetProperty("rateeNip").GetString() == _w.S2);
        Assert.Equal(JsonValueKind.Null, pair.GetProperty("role").ValueKind);
        Assert.Equal("rekan", pair.GetProperty("derivedRole").GetString());
        Assert.Equal("hapus", pair.GetProperty("amendment").GetProperty("action").GetString());
        Assert.Contains((_w.S1, "rekan"), await MyPlanAsync("s2", month)); // the other direction is a pair of its own

        using var deleted = await (await _as.ClientAsync("sdm")).DeleteAsync($"api/v1/rating-plan/amendments/{id}");
        using var again = await (await _as.ClientAsync("sdm")).DeleteAsync($"api/v1/rating-plan/amendments/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains((_w.S2, "rekan"), await MyPlanAsync("s1", month));
        Assert.Equal("accepted", StatusAt(await RateAsync("s1", _w.S2, month), 0));
        Assert.Equal(1, await ScalarAsync<int>(app.DataSource,
            "select count(*)::int from audit where action = 'rating_plan.amendment_delete' and detail ->> 'id' = @id",
            new { id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
    }

    [Fact]
    public async Task BadItems_AreRejectedPerItem_WithSpecificErrors_TheGoodOneIsStored()
    {
        const string month = "2026-03";
        var result = await AmendAsync("sdm",
            Amendment(month, _w.S1, "199999999999999999", "tambah", "rekan"),
            Amendment(month, _w.S1, _w.S1, "tambah", "rekan"),
            Amendment(month, _w.S1, _w.K, "tambah", "ketua"),
            Amendment("2026-3", _w.S1, _w.K, "tambah", "rekan"),
            Amendment(month, _w.S1, _w.K, "ganti", "rekan"),
            Amendment(month, _w.S1, _w.O, "hapus", null),
            Amendment(month, _w.S1, _w.K, "tambah", null),
            Amendment(month, _w.S1, _w.O, "tambah", "rekan"));

        Assert.Contains("rateeNip 199999999999999999 is not an active employee.", ErrorsAt(result, 0).Select(e => e.Message));
        Assert.Contains("nobody rates themselves", Assert.Single(ErrorsAt(result, 1)).Message);
        Assert.Equal(("role", "role must be atasan, rekan or bawahan (the rater's role towards the ratee); got 'ketua'."), Assert.Single(ErrorsAt(result, 2)));
        Assert.Equal("period", Assert.Single(ErrorsAt(result, 3)).Field);
        Assert.Equal("action", Assert.Single(ErrorsAt(result, 4)).Field);
        Assert.Contains("only a derived pair can be removed", Assert.Single(ErrorsAt(result, 5)).Message);
        Assert.Equal("role", Assert.Single(ErrorsAt(result, 6)).Field);
        Assert.Equal("accepted", StatusAt(result, 7)); // HR reads every region: a colleague of another region may be added
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(7, result.GetProperty("rejected").GetInt32());
        Assert.Equal(1, await ScalarAsync<int>(app.DataSource, "select count(*)::int from rating_plan_amendment where period = @month", new { month }));
    }

    [Fact]
    public async Task Access_AnonymousIs401_PegawaiAndPimpinanAre403_SdmAndAdminMay()
    {
        var get = $"api/v1/rating-plan?period=2026-02&unitId={_w.UnitA}";
        var body = new JsonArray(Amendment("2026-02", _w.B, _w.U, "tambah", "atasan"));
        using var anonymous = new HttpClient { BaseAddress = app.BaseUri };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(get)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, "api/v1/rating-plan/amendments", body.DeepClone())).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("api/v1/rating-plan/amendments/1")).StatusCode);
        foreach (var who in new[] { "s1", "b", "pimpinan" })
        {
            var client = await _as.ClientAsync(who);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(get)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(client, "api/v1/rating-plan/amendments", body.DeepClone())).Response.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync("api/v1/rating-plan/amendments/1")).StatusCode);
        }
        Assert.Equal(0, await ScalarAsync<int>(app.DataSource, "select count(*)::int from rating_plan_amendment where period = '2026-02'", new { }));
        foreach (var who in new[] { "sdm", "admin" })
        {
            Assert.Equal(HttpStatusCode.OK, (await (await _as.ClientAsync(who)).GetAsync(get)).StatusCode);
        }
    }

    [Fact]
    public async Task BadQueriesAndBodies_GetSpecificProblems()
    {
        var sdm = await _as.ClientAsync("sdm");
        using var noUnit = await sdm.GetAsync("api/v1/rating-plan?period=2026-02");
        using var unknownUnit = await sdm.GetAsync("api/v1/rating-plan?period=2026-02&unitId=tidak-ada");
        using var badPeriod = await sdm.GetAsync($"api/v1/rating-plan?period=2026&unitId={_w.UnitA}");
        using var empty = await sdm.PostAsync("api/v1/rating-plan/amendments", new StringContent("[]", Encoding.UTF8, "application/json"));
        using var form = await sdm.PostAsync("api/v1/rating-plan/amendments", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));

        Assert.Equal(HttpStatusCode.BadRequest, noUnit.StatusCode);
        Assert.Contains("unitId is required", await noUnit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownUnit.StatusCode);
        Assert.Contains("No unit has the id 'tidak-ada'.", await unknownUnit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Contains("period must be a month YYYY-MM", await badPeriod.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("JSON array of 1 to 200 amendments", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
    }

    private static JsonObject Amendment(string period, string rater, string ratee, string action, string? role, string? note = null) => new()
    {
        ["period"] = period, ["raterNip"] = rater, ["rateeNip"] = ratee, ["action"] = action, ["role"] = role, ["note"] = note,
    };

    private async Task<JsonElement> AmendAsync(string who, params JsonObject[] items)
    {
        var (response, body) = await PostAsync(await _as.ClientAsync(who), "api/v1/rating-plan/amendments", new JsonArray(items));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body;
    }

    private async Task<JsonElement> RateAsync(string who, string ratee, string period)
    {
        var item = new JsonObject
        {
            ["eventId"] = Guid.NewGuid().ToString(), ["rateeNip"] = ratee, ["aspect"] = "kolaboratif", ["score"] = 4, ["period"] = period,
        };
        var (response, body) = await PostAsync(await _as.ClientAsync(who), "api/v1/me/ratings", new JsonArray(item));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body;
    }

    private async Task<List<(string Nip, string Role)>> MyPlanAsync(string who, string period)
    {
        var plan = await (await _as.ClientAsync(who)).GetFromJsonAsync<JsonElement>($"api/v1/me/ratings/plan?period={period}");
        return plan.GetProperty("ratees").EnumerateArray().Select(r => (r.GetProperty("nip").GetString()!, r.GetProperty("role").GetString()!)).ToList();
    }

    private async Task<List<JsonElement>> UnitPlanAsync(string who, string period, string unitId)
    {
        var plan = await (await _as.ClientAsync(who)).GetFromJsonAsync<JsonElement>($"api/v1/rating-plan?period={period}&unitId={unitId}");
        Assert.Equal(period, plan.GetProperty("period").GetString());
        return plan.GetProperty("pairs").EnumerateArray().ToList();
    }
}
