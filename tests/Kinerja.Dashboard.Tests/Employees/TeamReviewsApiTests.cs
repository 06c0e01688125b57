using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Testing;
using static Kinerja.Dashboard.Tests.Employees.LoopClient;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>
/// The superior's side of the loop over a real socket, real sign-in and PostgreSQL: <c>GET /api/v1/team</c>,
/// <c>GET /api/v1/team/reviews</c> and <c>POST /api/v1/team/reviews</c> for the direct superior, the chain above, a
/// peer, other units and regions, anonymous and accounts without a NIP.
/// </summary>
public sealed class TeamReviewsApiTests(EmployeeServerFactory app) : IClassFixture<EmployeeServerFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;
    private readonly List<IDisposable> _clients = [];

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "tr", 7300);
    }

    public Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        return Task.CompletedTask;
    }

    private async Task<HttpClient> SignInAsync(string who)
    {
        var signIn = await FormSignIn.SignInAsync(app.BaseUri, _w.Account(who), EmployeeWorld.Password);
        _clients.Add(signIn);
        return signIn.Client;
    }

    private async Task<Guid> LogAsync(string who, string nip, string description = "Menyusun laporan")
    {
        var item = Activity(nip, 4, description);
        var (_, result) = await PostAsync(await SignInAsync(who), "api/v1/me/activities", new JsonArray(item));
        Assert.Equal("accepted", StatusAt(result, 0));
        return IdOf(item);
    }

    [Fact]
    public async Task Team_IsTheDirectReports_WithTheirSnapshots()
    {
        var members = async (string who) => (await (await SignInAsync(who)).GetFromJsonAsync<JsonElement>("api/v1/team"))
            .GetProperty("members").EnumerateArray().Select(m => m.GetProperty("nip").GetString()!).Order().ToList();

        Assert.Equal(new[] { _w.S1, _w.S2 }.Order().ToList(), await members("b"));
        Assert.Equal([_w.B], await members("k"));
        Assert.Empty(await members("s1"));
        Assert.Empty(await members("o"));
        var team = await (await SignInAsync("b")).GetFromJsonAsync<JsonElement>("api/v1/team");
        var s1 = team.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("nip").GetString() == _w.S1);
        Assert.Equal("Staf Satu", s1.GetProperty("name").GetString());
        Assert.Equal(_w.S1, s1.GetProperty("snapshot").GetProperty("nip").GetString());
    }

    [Fact]
    public async Task Queue_HoldsPendingActivitiesOfDirectReportsOnly()
    {
        var activity = await LogAsync("s1", _w.S1);
        var queue = async (string who) => (await (await SignInAsync(who)).GetFromJsonAsync<JsonElement>("api/v1/team/reviews"))
            .GetProperty("pending").EnumerateArray().Select(a => a.GetProperty("eventId").GetGuid()).ToList();

        Assert.Contains(activity, await queue("b"));
        foreach (var who in new[] { "k", "s2", "s1", "u", "o" })
        {
            Assert.DoesNotContain(activity, await queue(who));
        }
    }

    [Fact]
    public async Task Return_WithNote_ReachesTheEmployee_ARetryIsADuplicate_ThenApprovalMovesTheState()
    {
        var activity = await LogAsync("s1", _w.S1);
        var b = await SignInAsync("b");
        const string note = "<b>Lengkapi</b> volume & lampiran </script>";
        var returned = Review(activity, approved: false, note);

        var (response, result) = await PostAsync(b, "api/v1/team/reviews", new JsonArray(returned));
        var (_, retry) = await PostAsync(b, "api/v1/team/reviews", returned.DeepClone());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted", StatusAt(result, 0));
        Assert.Equal("duplicate", StatusAt(retry, 0));
        var s1 = await SignInAsync("s1");
        using (var raw = await s1.GetAsync("api/v1/me/activities"))
        {
            var text = await raw.Content.ReadAsStringAsync();
            Assert.DoesNotContain("</script>", text);
            Assert.DoesNotContain("<b>", text);
        }
        var seen = (await MyActivitiesAsync(s1))[activity];
        Assert.Equal("dikembalikan", seen.GetProperty("state").GetString());
        Assert.Equal(note, seen.GetProperty("review").GetProperty("note").GetString());
        Assert.Equal(_w.B, seen.GetProperty("review").GetProperty("reviewerNip").GetString());
        Assert.Equal(note, await ScalarAsync<string>(app.DataSource, "select note from activity_review where event_id = @id",
            new { id = IdOf(returned) }));

        const string day = """
            select array[minutes_pending, minutes_approved, minutes_rejected] from employee_day
            where nip = @nip and day = (select local_day from activity where event_id = @id)
            """;
        var before = await ScalarAsync<int[]>(app.DataSource, day, new { nip = _w.S1, id = activity });
        var (_, approved) = await PostAsync(b, "api/v1/team/reviews", new JsonArray(Review(activity, approved: true, null)));
        Assert.Equal("accepted", StatusAt(approved, 0));
        Assert.Equal("disetujui", (await MyActivitiesAsync(s1))[activity].GetProperty("state").GetString());
        var after = await ScalarAsync<int[]>(app.DataSource, day, new { nip = _w.S1, id = activity });
        // The activity's 4 minutes move from the returned bucket to the approved one (other tests' activities stay pending).
        Assert.Equal([before[0], before[1] + 4, before[2] - 4], after);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Returning_WithoutANote_IsRejectedPerItem(string? note)
    {
        var activity = await LogAsync("s2", _w.S2);
        var other = await LogAsync("s2", _w.S2);
        var (_, result) = await PostAsync(await SignInAsync("b"), "api/v1/team/reviews",
            new JsonArray(Review(activity, approved: false, note), Review(other, approved: true, null)));

        Assert.Equal(("note", "note is required when returning an activity (approved false): tell the employee what to correct."),
            Assert.Single(ErrorsAt(result, 0)));
        Assert.Equal("accepted", StatusAt(result, 1));
        Assert.Equal("menunggu", (await MyActivitiesAsync(await SignInAsync("s2")))[activity].GetProperty("state").GetString());
    }

    [Fact]
    public async Task ReviewingSomeoneWhoIsNotADirectReport_IsRejectedPerItem_WithoutTellingWhetherItExists()
    {
        var activity = await LogAsync("s1", _w.S1);
        var expected = ("activityEventId", $"Activity {activity} is not an activity of one of your direct reports.");
        foreach (var who in new[] { "k", "s2", "s1", "u", "o" })
        {
            var (_, result) = await PostAsync(await SignInAsync(who), "api/v1/team/reviews", new JsonArray(Review(activity, true, null)));
            Assert.Equal(expected, Assert.Single(ErrorsAt(result, 0)));
        }
        var unknown = Guid.NewGuid();
        var (_, none) = await PostAsync(await SignInAsync("b"), "api/v1/team/reviews", new JsonArray(Review(unknown, true, null)));
        Assert.Equal(("activityEventId", $"Activity {unknown} is not an activity of one of your direct reports."), Assert.Single(ErrorsAt(none, 0)));
        Assert.Equal(0, await ScalarAsync<int>(app.DataSource, "select count(*)::int from activity_review where activity_event_id = @activity",
            new { activity }));
    }

    [Fact]
    public async Task TheReviewerComesFromTheSession_ABodyNamingOneIsRejected()
    {
        var activity = await LogAsync("s1", _w.S1);
        var item = Review(activity, true, null);
        item["reviewerNip"] = _w.K;
        var (_, result) = await PostAsync(await SignInAsync("b"), "api/v1/team/reviews", new JsonArray(item));
        Assert.Equal(("reviewerNip", "reviewerNip is not accepted here: the reviewer is the signed-in employee and the time is the server's."),
            Assert.Single(ErrorsAt(result, 0)));
    }

    [Fact]
    public async Task MalformedBodies_GetSpecificAnswers()
    {
        var b = await SignInAsync("b");
        foreach (var (body, detail) in new[]
        {
            ("[{", "The body is not valid JSON"), ("42", "The body must be a JSON array of review items"), ("[]", "The body holds no review items."),
        })
        {
            var (response, text) = await PostRawAsync(b, "api/v1/team/reviews", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(detail, text);
        }
        var (form, _) = await PostRawAsync(b, "api/v1/team/reviews", "approved=true", "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        var (_, items) = await PostRawAsync(b, "api/v1/team/reviews",
            "[\"x\", {\"activityEventId\": \"nope\", \"approved\": \"ya\"}, {\"eventId\": \"" + Guid.NewGuid() + "\"}]");
        var result = JsonDocument.Parse(items).RootElement;
        Assert.Equal(("", "Each item must be a JSON object; got String."), Assert.Single(ErrorsAt(result, 0)));
        Assert.Equal(["eventId", "activityEventId", "approved"], ErrorsAt(result, 1).Select(e => e.Field));
        Assert.Equal(["activityEventId", "approved"], ErrorsAt(result, 2).Select(e => e.Field));
    }

    [Fact]
    public async Task Anonymous_Is401_AndLeaderHrAdmin_Are403_OnEveryTeamEndpoint()
    {
        using var anonymous = new HttpClient { BaseAddress = app.BaseUri };
        var body = new JsonArray(Review(Guid.NewGuid(), true, null));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/team")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/team/reviews")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, "api/v1/team/reviews", body.DeepClone())).Response.StatusCode);
        foreach (var who in new[] { "admin", "sdm", "pimpinan" })
        {
            var client = await SignInAsync(who);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("api/v1/team")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("api/v1/team/reviews")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(client, "api/v1/team/reviews", body.DeepClone())).Response.StatusCode);
        }
    }
}
