using System.Net;
using System.Text;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Employees;
using static Kinerja.Dashboard.Tests.Skp.SkpProgressRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// <c>POST /api/v1/me/skp/realisations</c> (issue 17): per-item results, idempotency on eventId, a later realisation of
/// the same indicator and period supersedes the earlier (history kept), and each refusal: a period outside the plan's
/// year, a future period, an indicator not in the current approved plan, a value of the wrong kind, a plan not approved.
/// </summary>
public sealed class SkpRealisationTests(LoopServerFactory app) : ApprovedPlanTests(app, "srl", 7800)
{
    [Fact]
    public async Task Realisation_RetryIsDuplicate_AndALaterOneSupersedesWithHistoryKept()
    {
        var s1 = await As.ClientAsync("s1");
        var period = $"{PastYear}-03";
        var first = await RealiseAsync(s1, Realisation("r-sup-1", Plan.Numeric, period, 5), Realisation("r-sup-q", Plan.Qualitative, period, text: "Diterima"));
        Assert.True(first.Status == HttpStatusCode.OK, first.Body.ToString());
        Assert.Equal(("accepted", "accepted"), (StatusOf(first.Body), StatusOf(first.Body, 1)));

        var retry = await RealiseAsync(s1, Realisation("r-sup-1", Plan.Numeric, period, 5));
        Assert.Equal("duplicate", StatusOf(retry.Body));
        var later = await RealiseAsync(s1, Realisation("r-sup-2", Plan.Numeric, period, 9));
        Assert.Equal("accepted", StatusOf(later.Body));

        var rows = await RowsAsync(App.DataSource, """
            select is_current, value::text from skp_realisation where indicator_id = @id and period = @period order by id
            """, new { id = Plan.Numeric, period });
        Assert.Equal([(false, "5"), (true, "9")], rows);
    }

    [Fact]
    public async Task Realisation_EachRefusal_IsRejectedWithTheFieldAndNothingStored()
    {
        var s1 = await As.ClientAsync("s1");
        var answer = await RealiseAsync(s1,
            Realisation("r-bad-year", Plan.Numeric, $"{PastYear + 1}-01", 3),
            Realisation("r-bad-ind", Plan.SuperiorRhk * 1000 + 7, $"{PastYear}-02", 3),
            Realisation("r-bad-kind-n", Plan.Numeric, $"{PastYear}-02", text: "banyak"),
            Realisation("r-bad-kind-q", Plan.Qualitative, $"{PastYear}-02", 3),
            Realisation("r-bad-period", Plan.Numeric, $"{PastYear}-13", 3),
            new System.Text.Json.Nodes.JsonObject { ["indicatorId"] = Plan.Numeric, ["period"] = $"{PastYear}-Q1", ["value"] = 1, ["text"] = "x" });
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal("rejected", StatusOf(answer.Body, i)));
        Assert.Contains("period: period " + (PastYear + 1) + "-01 is outside the plan's year", ErrorsOf(answer.Body, 0));
        Assert.Contains("indicatorId: Indicator", ErrorsOf(answer.Body, 1));
        Assert.Contains("not in your SKP", ErrorsOf(answer.Body, 1));
        Assert.Contains("value: Indicator " + Plan.Numeric + " has a numeric target", ErrorsOf(answer.Body, 2));
        Assert.Contains("text: Indicator " + Plan.Qualitative + " has a qualitative target", ErrorsOf(answer.Body, 3));
        Assert.Contains("period: period must be an evaluation period", ErrorsOf(answer.Body, 4));
        Assert.Contains("eventId: eventId is required", ErrorsOf(answer.Body, 5));
        Assert.Contains("value: Give exactly one of value", ErrorsOf(answer.Body, 5));
        Assert.Empty(await RowsAsync(App.DataSource, "select is_current, value::text from skp_realisation where event_id like 'r-bad-%'", new { }));
    }

    [Fact]
    public async Task Realisation_OfAnotherPersonsIndicator_OrAPlanNotApproved_IsRejected()
    {
        // S2's own draft plan: not approved yet
        var s2 = await As.ClientAsync("s2");
        var draft = await SaveAsync(s2, Plan(0, Rhk("D1", Plan.SuperiorRhk)), PastYear);
        Assert.True(draft.Status == HttpStatusCode.OK, draft.Body.ToString());
        var draftIndicator = draft.Body.GetProperty("rhk")[0].GetProperty("indicators")[0].GetProperty("id").GetInt64();
        var own = await RealiseAsync(s2, Realisation("r-draft", draftIndicator, $"{PastYear}-02", 1));
        Assert.Contains("is not approved yet (status draft)", ErrorsOf(own.Body));
        // S1's indicator filed by S2 (a peer), by B (the superior) and by U (another unit)
        foreach (var who in new[] { "s2", "b", "u" })
        {
            var other = await RealiseAsync(await As.ClientAsync(who), Realisation("r-other-" + who, Plan.Numeric, $"{PastYear}-02", 1));
            Assert.Equal("rejected", StatusOf(other.Body));
            Assert.Contains("is not in your SKP", ErrorsOf(other.Body));
        }
    }

    [Fact]
    public async Task Realisation_OfAPeriodNotBegunYet_IsRejected()
    {
        // next year's plan (plans may be written a year ahead): its first month has not begun
        var next = await ApprovedPlanAsync(As, Year + 1);
        var answer = await RealiseAsync(await As.ClientAsync("s1"), Realisation("r-future", next.Numeric, $"{Year + 1}-01", 1));
        Assert.Equal("rejected", StatusOf(answer.Body));
        Assert.Contains($"period: period {Year + 1}-01 has not begun yet", ErrorsOf(answer.Body));
    }

    [Fact]
    public async Task Realisation_Anonymous401_AccountsWithoutNip403_BadBodies400And415()
    {
        var body = new System.Text.Json.Nodes.JsonArray(Realisation("r-acc", Plan.Numeric, $"{PastYear}-04", 1));
        using var anonymous = new HttpClient { BaseAddress = App.BaseUri };
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(anonymous, HttpMethod.Post, "api/v1/me/skp/realisations", body)).Status);
        foreach (var who in new[] { "sdm", "admin", "pimpinan" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(await As.ClientAsync(who), HttpMethod.Post, "api/v1/me/skp/realisations", body)).Status);
        }
        var s1 = await As.ClientAsync("s1");
        var notArray = await SendAsync(s1, HttpMethod.Post, "api/v1/me/skp/realisations", Realisation("r-obj", Plan.Numeric, $"{PastYear}-04", 1));
        Assert.Equal(HttpStatusCode.BadRequest, notArray.Status);
        Assert.Contains("must be a JSON array of realisations", notArray.Body.GetProperty("detail").GetString());
        using var form = new StringContent("x=1", Encoding.UTF8, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await s1.PostAsync("api/v1/me/skp/realisations", form)).StatusCode);
    }

    [Fact]
    public async Task MinutesPerRhk_CountActivitiesNamingAnRhkCode_InMySkpAndTheTeamView()
    {
        var s1 = await As.ClientAsync("s1");
        var named = new[] { ("S1", 30), ("S1", 45), (" S2 ", 10), ("bukan RHK", 20) };
        var items = named.Select(n =>
        {
            var a = LoopClient.Activity(W.S1, n.Item2);
            a["skpIndicator"] = n.Item1;
            return (System.Text.Json.Nodes.JsonNode)a;
        }).ToArray();
        var posted = await LoopClient.PostAsync(s1, "api/v1/me/activities", new System.Text.Json.Nodes.JsonArray(items));
        Assert.True(posted.Response.IsSuccessStatusCode, posted.Body.ToString());
        // the plan of the year the activities fell in (the region's local day)
        var day = await LoopClient.ScalarAsync<DateTime>(App.DataSource, "select max(local_day) from activity where nip = @nip", new { nip = W.S1 });
        var plan = await ApprovedPlanAsync(As, day.Year);

        var mine = await GetAsync(s1, day.Year);
        var minutes = mine.Body.GetProperty("progress").GetProperty("minutesPerRhk").EnumerateArray()
            .Select(m => (m.GetProperty("code").GetString(), m.GetProperty("rhkId").GetInt64(), m.GetProperty("pendingMinutes").GetInt32(),
                m.GetProperty("period").GetString()))
            .ToList();
        var month = day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([("S1", plan.RhkUtama, 75, month), ("S2", plan.RhkTambahan, 10, month)], minutes);

        var team = await SendAsync(await As.ClientAsync("b"), HttpMethod.Get, $"api/v1/team/skp?year={day.Year}");
        var member = team.Body.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("nip").GetString() == W.S1);
        Assert.Equal(2, member.GetProperty("plan").GetProperty("progress").GetProperty("minutesPerRhk").GetArrayLength());
    }
}
