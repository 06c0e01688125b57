using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Testing;
using Npgsql;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>
/// <c>/api/v1/me/ratings/plan</c> and <c>POST /api/v1/me/ratings</c> over a real socket with real sign-in: the plan
/// and the rater role follow from the supervisor links (never from the body), ratings outside the plan are rejected
/// per item, one rater counts once per ratee, aspect and month, and the rater is stored as a pseudonym.
/// </summary>
public sealed class RatingsApiTests(LoopServerFactory app) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    private const string Period = "2026-11";
    private EmployeeWorld _w = null!;
    private LoopSessions _as = null!;

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "rt", 7200);
        _as = new LoopSessions(app, _w);
    }

    public Task DisposeAsync()
    {
        _as.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Plan_FollowsTheSupervisorLinks_WithTheRoleOfTheRelation()
    {
        Assert.Equal([(_w.S2, "rekan"), (_w.B, "bawahan")], await PlanAsync("s1"));
        Assert.Equal([(_w.S1, "atasan"), (_w.S2, "atasan"), (_w.K, "bawahan")], await PlanAsync("b"));
        Assert.Equal([(_w.B, "atasan")], await PlanAsync("k"));
        Assert.Empty(await PlanAsync("u"));
        Assert.Empty(await PlanAsync("o"));
        var plan = await (await _as.ClientAsync("s1")).GetFromJsonAsync<JsonElement>($"api/v1/me/ratings/plan?period={Period}&nip={_w.K}");
        Assert.Equal(_w.S1, plan.GetProperty("nip").GetString());
        Assert.Equal(7, plan.GetProperty("aspects").GetArrayLength());
    }

    [Fact]
    public async Task Post_TheRoleComesFromTheRelation_AClaimedRoleOrRaterIsIgnored_AndTheRaterIsAPseudonym()
    {
        var item = Rating(_w.S2, "kolaboratif", 4);
        item["raterRole"] = "atasan";
        item["raterRef"] = _w.B;
        item["raterNip"] = _w.B;
        var result = await PostAsync("s1", item);
        Assert.Equal("accepted", Status(result, 0));
        var (role, raterRef) = await StoredAsync(_w.S2, "kolaboratif");
        Assert.Equal("rekan", role);
        Assert.StartsWith("p1:", raterRef);
        Assert.DoesNotContain(_w.S1, raterRef);
        Assert.DoesNotContain(_w.B, raterRef);
        // the same rater always has the same pseudonym: the plan sees what was rated
        var plan = await (await _as.ClientAsync("s1")).GetFromJsonAsync<JsonElement>($"api/v1/me/ratings/plan?period={Period}");
        var s2 = plan.GetProperty("ratees").EnumerateArray().Single(r => r.GetProperty("nip").GetString() == _w.S2);
        Assert.Contains("kolaboratif", s2.GetProperty("ratedAspects").EnumerateArray().Select(a => a.GetString()));
        Assert.DoesNotContain("kolaboratif", s2.GetProperty("remainingAspects").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(7, s2.GetProperty("ratedAspects").GetArrayLength() + s2.GetProperty("remainingAspects").GetArrayLength());

        await PostAsync("b", Rating(_w.S1, "loyal", 5));
        Assert.Equal("atasan", (await StoredAsync(_w.S1, "loyal")).Role);
        await PostAsync("s1", Rating(_w.B, "loyal", 3));
        Assert.Equal("bawahan", (await StoredAsync(_w.B, "loyal")).Role);
    }

    [Fact]
    public async Task Post_SomeoneOutsideThePlan_IsRejectedPerItem_TheOthersAreStored()
    {
        var result = await PostAsync("s1", Rating(_w.U, "adaptif", 4), Rating(_w.O, "adaptif", 4), Rating(_w.K, "adaptif", 4),
            Rating(_w.S1, "adaptif", 5), Rating(_w.S2, "adaptif", 4), Rating("123", "adaptif", 4));
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(5, result.GetProperty("rejected").GetInt32());
        foreach (var i in new[] { 0, 1, 2, 3, 5 })
        {
            Assert.Equal("rejected", Status(result, i));
            Assert.Contains("is not in your rating plan", Error(result, i, "rateeNip"));
        }
        Assert.Equal("accepted", Status(result, 4));
        Assert.Equal(0, await CountAsync($"select count(*) from rating where ratee_nip = any(@n::char(18)[]) and aspect = 'adaptif' and period = '{Period}'",
            new[] { _w.U, _w.O, _w.K, _w.S1 }));
    }

    [Theory]
    [InlineData("score", 0, "kompeten", "score must be a whole number from 1 to 5; got 0.")]
    [InlineData("score", 6, "kompeten", "score must be a whole number from 1 to 5; got 6.")]
    [InlineData("aspect", 3, "hasil_kerja", "aspect must be one of the BerAKHLAK values")]
    [InlineData("aspect", 3, "kepuasan_layanan", "aspect must be one of the BerAKHLAK values")]
    [InlineData("aspect", 3, "Kompeten", "got 'Kompeten'")]
    public async Task Post_ScoreAndAspectOutsideTheirRange_AreRejectedOnTheirField(string field, int score, string aspect, string message)
    {
        var result = await PostAsync("b", Rating(_w.S2, aspect, score));
        Assert.Equal("rejected", Status(result, 0));
        Assert.Contains(message, Error(result, 0, field));
    }

    [Fact]
    public async Task Post_TheBoundaryScoresAndEveryBerAkhlakAspect_AreAccepted_PeriodAndEventIdAreChecked()
    {
        string[] aspects = ["berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"];
        var items = aspects.Select((a, i) => Rating(_w.K, a, i % 2 == 0 ? 1 : 5, "2026-10")).ToArray();
        var result = await PostAsync("b", items);
        Assert.Equal(7, result.GetProperty("accepted").GetInt32());

        var bad = Rating(_w.K, "kompeten", 3, "2026-13");
        var noId = Rating(_w.K, "kompeten", 3, "2026-09");
        noId.Remove("eventId");
        var noPeriod = Rating(_w.K, "kompeten", 3);
        noPeriod.Remove("period");
        result = await PostAsync("b", bad, noId, noPeriod);
        Assert.Contains("period must be a month YYYY-MM (e.g. 2026-03); got '2026-13'.", Error(result, 0, "period"));
        Assert.Contains("eventId is required", Error(result, 1, "eventId"));
        Assert.Contains("period must be a month", Error(result, 2, "period"));
    }

    [Fact]
    public async Task Post_OneRaterCountsOncePerRateeAspectAndMonth_ARetryIsADuplicate_ASecondRatingToo()
    {
        var first = Rating(_w.S1, "harmonis", 2);
        Assert.Equal("accepted", Status(await PostAsync("b", first), 0));
        var retry = await PostAsync("b", first);
        Assert.Equal("duplicate", Status(retry, 0));
        var second = await PostAsync("b", Rating(_w.S1, "harmonis", 5));
        Assert.Equal("duplicate", Status(second, 0));
        Assert.Contains("already rated by you", Error(second, 0, ""));
        var twice = await PostAsync("b", Rating(_w.S2, "harmonis", 4), Rating(_w.S2, "harmonis", 1));
        Assert.Equal("accepted", Status(twice, 0));
        Assert.Equal("rejected", Status(twice, 1));
        var sameId = Rating(_w.S2, "akuntabel", 4);
        var sameIdAgain = Rating(_w.S2, "adaptif", 4);
        sameIdAgain["eventId"] = sameId["eventId"]!.GetValue<string>();
        Assert.Contains("appears more than once", Error(await PostAsync("b", sameId, sameIdAgain), 1, "eventId"));

        Assert.Equal(1, await CountAsync($"select count(*) from rating where ratee_nip = @n and aspect = 'harmonis' and period = '{Period}'", _w.S1));
        Assert.Equal(2, await CountAsync(
            $"select score_sum from rating_rollup where subject_id = @n and aspect = 'harmonis' and period = '{Period}' and rater_role = 'atasan'", _w.S1));
    }

    [Fact]
    public async Task Endpoints_AnonymousIs401_AccountsWithoutNipAre403_FormPostsAre415()
    {
        string[] gets = [$"api/v1/me/ratings?period={Period}", $"api/v1/me/ratings/plan?period={Period}"];
        using var anonymous = new HttpClient { BaseAddress = app.BaseUri };
        foreach (var url in gets)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("api/v1/me/ratings", new[] { Rating(_w.S2, "loyal", 3) })).StatusCode);
        foreach (var who in new[] { "admin", "sdm", "pimpinan" })
        {
            var client = await _as.ClientAsync(who);
            foreach (var url in gets)
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
            }
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("api/v1/me/ratings", new[] { Rating(_w.S2, "loyal", 3) })).StatusCode);
        }
        // A cross-site form cannot post a rating: the endpoint reads JSON only (and the session cookie is SameSite=Strict).
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["rateeNip"] = _w.S2, ["aspect"] = "loyal", ["score"] = "1" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await (await _as.ClientAsync("s1")).PostAsync("api/v1/me/ratings", form)).StatusCode);
        var s1 = await _as.ClientAsync("s1");
        var missing = await s1.GetAsync("api/v1/me/ratings/plan");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("period is required", await missing.Content.ReadAsStringAsync());
        using var empty = await s1.PostAsync("api/v1/me/ratings", new StringContent("[]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    private async Task<List<(string, string)>> PlanAsync(string who)
    {
        var plan = await (await _as.ClientAsync(who)).GetFromJsonAsync<JsonElement>($"api/v1/me/ratings/plan?period={Period}");
        return plan.GetProperty("ratees").EnumerateArray()
            .Select(r => (r.GetProperty("nip").GetString()!, r.GetProperty("role").GetString()!)).ToList();
    }

    private static JsonObject Rating(string ratee, string aspect, int score, string period = Period) => new()
    {
        ["eventId"] = Guid.NewGuid().ToString(), ["rateeNip"] = ratee, ["aspect"] = aspect, ["score"] = score, ["period"] = period,
    };

    private async Task<JsonElement> PostAsync(string who, params JsonObject[] items)
    {
        using var response = await (await _as.ClientAsync(who)).PostAsJsonAsync("api/v1/me/ratings", new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Status(JsonElement result, int index) => result.GetProperty("items")[index].GetProperty("status").GetString()!;

    private static string Error(JsonElement result, int index, string field) =>
        string.Join(" | ", result.GetProperty("items")[index].GetProperty("errors").EnumerateArray()
            .Where(e => e.GetProperty("field").GetString() == field).Select(e => e.GetProperty("message").GetString()));

    private async Task<(string Role, string RaterRef)> StoredAsync(string ratee, string aspect)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(
            "select rater_role, rater_ref from rating where ratee_nip = $1 and aspect = $2 and period = $3", conn);
        cmd.Parameters.AddWithValue(ratee);
        cmd.Parameters.AddWithValue(aspect);
        cmd.Parameters.AddWithValue(Period);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no rating of {aspect} of {ratee}");
        var row = (reader.GetString(0), reader.GetString(1));
        Assert.False(await reader.ReadAsync(), "more than one rating");
        return row;
    }

    private async Task<long> CountAsync(string sql, object n)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql.Replace("@n", "$1"), conn);
        cmd.Parameters.AddWithValue(n);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync() ?? 0L);
    }
}
