using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using static Kinerja.Dashboard.Tests.Employees.LoopClient;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>
/// <c>POST /api/v1/me/activities/withdrawals</c> over a real socket, real sign-in, HubConnection and PostgreSQL: the
/// employee withdraws (or edits) their own pending activity, which then shows as <c>ditarik</c> with
/// <c>replacedBy</c>, leaves the superior's queue and the snapshot's minutes, and can no longer be reviewed; someone
/// else's and an unknown activity get the same refusal; malformed bodies get specific answers.
/// </summary>
public sealed class MeWithdrawalsApiTests(EmployeeServerFactory app) : IClassFixture<EmployeeServerFactory>, IAsyncLifetime
{
    private const string Url = "api/v1/me/activities/withdrawals";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private EmployeeWorld _w = null!;
    private readonly List<IDisposable> _clients = [];

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "wd", 7600);
    }

    public Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        return Task.CompletedTask;
    }

    private async Task<FormSignIn> SignInAsync(string who)
    {
        var signIn = await FormSignIn.SignInAsync(app.BaseUri, _w.Account(who), EmployeeWorld.Password);
        _clients.Add(signIn);
        return signIn;
    }

    private static JsonObject Withdrawal(Guid activity, Guid? replacedBy = null) => new()
    {
        ["eventId"] = Guid.NewGuid().ToString(), ["activityEventId"] = activity.ToString(),
        ["replacedBy"] = replacedBy?.ToString(),
    };

    private static async Task<JsonObject> LogAsync(HttpClient client, string nip, int minutes)
    {
        var item = Activity(nip, minutes);
        Assert.Equal("accepted", StatusAt((await PostAsync(client, "api/v1/me/activities", new JsonArray(item))).Body, 0));
        return item;
    }

    private static async Task<int> PendingMinutesAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("api/v1/me")).GetProperty("snapshot").GetProperty("activityMinutesPending").GetInt32();

    [Fact]
    public async Task Edit_ShowsDitarikWithReplacedBy_LeavesQueueAndSnapshot_AndCannotBeReviewed()
    {
        var s1 = (await SignInAsync("s1")).Client;
        var b = (await SignInAsync("b")).Client;
        var old = await LogAsync(s1, _w.S1, 40);
        var edited = await LogAsync(s1, _w.S1, 25);
        var before = await PendingMinutesAsync(s1);

        var (response, result) = await PostAsync(s1, Url, new JsonArray(Withdrawal(IdOf(old), IdOf(edited))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted", StatusAt(result, 0));
        var mine = await MyActivitiesAsync(s1);
        Assert.Equal("ditarik", mine[IdOf(old)].GetProperty("state").GetString());
        Assert.Equal(IdOf(edited), mine[IdOf(old)].GetProperty("replacedBy").GetGuid());
        Assert.Equal("menunggu", mine[IdOf(edited)].GetProperty("state").GetString());
        Assert.False(mine[IdOf(edited)].TryGetProperty("replacedBy", out _));
        var queue = (await b.GetFromJsonAsync<JsonElement>("api/v1/team/reviews")).GetProperty("pending").EnumerateArray()
            .Select(a => a.GetProperty("eventId").GetGuid()).ToList();
        Assert.DoesNotContain(IdOf(old), queue);
        Assert.Contains(IdOf(edited), queue);
        // the live model recomputes the employee on the change notice: the snapshot drops the withdrawn minutes
        var deadline = DateTime.UtcNow + Wait;
        while (await PendingMinutesAsync(s1) != before - 40 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(before - 40, await PendingMinutesAsync(s1));

        var (_, review) = await PostAsync(b, "api/v1/team/reviews", new JsonArray(Review(IdOf(old), approved: true, null)));
        Assert.Equal("rejected", StatusAt(review, 0));
        Assert.Equal(("activityEventId", $"Activity {IdOf(old)} was withdrawn by the employee; it can no longer be reviewed."),
            Assert.Single(ErrorsAt(review, 0)));
    }

    [Fact]
    public async Task Withdrawal_PushesActivitiesChangedToEmployee_AndReviewQueueChangedToSuperior()
    {
        var s2 = await SignInAsync("s2");
        var item = await LogAsync(s2.Client, _w.S2, 15);
        await using var own = await ConnectAsync(s2, "employee:" + _w.S2);
        await using var superior = await ConnectAsync(await SignInAsync("b"), "employee:" + _w.B);
        var changes = Collect(own, "ActivitiesChanged");
        var queue = Collect(superior, "ReviewQueueChanged");

        Assert.Equal("accepted", StatusAt((await PostAsync(s2.Client, Url, new JsonArray(Withdrawal(IdOf(item))))).Body, 0));

        Assert.Equal(_w.S2, (await changes.Reader.ReadAsync().AsTask().WaitAsync(Wait)).GetProperty("nip").GetString());
        Assert.Equal(_w.S2, (await queue.Reader.ReadAsync().AsTask().WaitAsync(Wait)).GetProperty("nip").GetString());
    }

    [Fact]
    public async Task SomeoneElsesAndUnknown_SameRefusal_ApprovedRefused_RetryIsDuplicate()
    {
        var s1 = (await SignInAsync("s1")).Client;
        var s2 = (await SignInAsync("s2")).Client;
        var peers = await LogAsync(s2, _w.S2, 10);
        var approved = await LogAsync(s1, _w.S1, 10);
        var (_, review) = await PostAsync((await SignInAsync("b")).Client, "api/v1/team/reviews", new JsonArray(Review(IdOf(approved), true, null)));
        Assert.Equal("accepted", StatusAt(review, 0));
        var pending = await LogAsync(s1, _w.S1, 10);
        var unknown = Guid.NewGuid();
        var retry = Withdrawal(IdOf(pending));

        var (_, result) = await PostAsync(s1, Url, new JsonArray(Withdrawal(IdOf(peers)), Withdrawal(unknown), Withdrawal(IdOf(approved)), retry));
        var (_, again) = await PostAsync(s1, Url, new JsonArray(retry.DeepClone()));

        Assert.Equal(("activityEventId", $"Employee {_w.S1} has no activity {IdOf(peers)} (stored, or accepted in this batch)."),
            Assert.Single(ErrorsAt(result, 0)));
        Assert.Equal(("activityEventId", $"Employee {_w.S1} has no activity {unknown} (stored, or accepted in this batch)."),
            Assert.Single(ErrorsAt(result, 1)));
        Assert.Equal(("activityEventId", $"Activity {IdOf(approved)} is approved; only a pending or returned activity can be withdrawn."),
            Assert.Single(ErrorsAt(result, 2)));
        Assert.Equal("accepted", StatusAt(result, 3));
        Assert.Equal("duplicate", StatusAt(again, 0));
        Assert.Equal("menunggu", (await MyActivitiesAsync(s2))[IdOf(peers)].GetProperty("state").GetString());
    }

    [Fact]
    public async Task MalformedHostileAndBoundaryBodies_GetSpecificAnswers()
    {
        var signIn = await SignInAsync("s1");
        var s1 = signIn.Client;
        var id = Guid.NewGuid();

        var (_, items) = await PostRawAsync(s1, Url, $$"""
            [{"activityEventId":"{{id}}"},
             {"eventId":"nicht-uuid","activityEventId":"{{id}}"},
             {"eventId":"{{Guid.NewGuid()}}","activityEventId":42,"replacedBy":true},
             {"eventId":"{{Guid.NewGuid()}}","activityEventId":"{{id}}","nip":"{{_w.S2}}","occurredAt":"2026-01-01T00:00:00Z"},
             "teks",
             {"eventId":"00000000-0000-0000-0000-000000000000","activityEventId":"{{id}}","replacedBy":"{{id}}"}]
            """);
        var r = JsonDocument.Parse(items).RootElement;
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal("rejected", StatusAt(r, i)));
        Assert.Equal(("eventId", "eventId is required (a UUID the client makes once per withdrawal, so a retry is answered duplicate)."),
            Assert.Single(ErrorsAt(r, 0)));
        Assert.Equal(("eventId", "eventId must be a UUID (a UUID the client makes once per withdrawal, so a retry is answered duplicate); got 'nicht-uuid'."),
            Assert.Single(ErrorsAt(r, 1)));
        Assert.Equal([("activityEventId", "activityEventId must be a UUID string (the eventId of the activity to withdraw); got Number."),
            ("replacedBy", "replacedBy must be a UUID string (the eventId of the new activity), or null; got True.")], ErrorsAt(r, 2));
        Assert.Equal([("nip", "nip is not accepted here: the employee is the signed-in one and the time is the server's."),
            ("occurredAt", "occurredAt is not accepted here: the employee is the signed-in one and the time is the server's.")], ErrorsAt(r, 3));
        Assert.Equal(("", "Each item must be a JSON object; got String."), Assert.Single(ErrorsAt(r, 4)));
        Assert.Contains(("eventId", "eventId must not be the empty UUID (a UUID the client makes once per withdrawal, so a retry is answered duplicate)."),
            ErrorsAt(r, 5));
        Assert.Contains(ErrorsAt(r, 5), e => e.Field == "replacedBy" && e.Message.Contains("not the withdrawn one"));

        // 10,000 items are over the server's body cap before they are read; 201 small ones over the item limit
        var huge = new JsonArray(Enumerable.Range(0, 10_000).Select(_ => (JsonNode)Withdrawal(id)).ToArray());
        var (big, bigText) = await PostOversizedAsync(signIn, Url, huge.ToJsonString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Contains("over the limit of", bigText);
        var tooMany = new JsonArray(Enumerable.Range(0, 201).Select(_ => (JsonNode)Withdrawal(id)).ToArray());
        var (many, manyText) = await PostRawAsync(s1, Url, tooMany.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Contains("At most 200 withdrawal items per request; got 201.", manyText);
        var (notJson, notJsonText) = await PostRawAsync(s1, Url, "[{", "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("The body is not valid JSON", notJsonText);
        var (empty, emptyText) = await PostRawAsync(s1, Url, "[]");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("The body holds no withdrawal items.", emptyText);
        var (scalar, scalarText) = await PostRawAsync(s1, Url, "42");
        Assert.Equal(HttpStatusCode.BadRequest, scalar.StatusCode);
        Assert.Contains("must be a JSON array of withdrawal items", scalarText);
        var (form, _) = await PostRawAsync(s1, Url, "eventId=1", "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(0, await ScalarAsync<int>(app.DataSource, "select count(*)::int from activity_withdrawal where activity_event_id = @id", new { id }));
    }

    [Fact]
    public async Task Anonymous_Is401_AndLeaderHrAdmin_Are403()
    {
        using var anonymous = new HttpClient { BaseAddress = app.BaseUri };
        var body = new JsonArray(Withdrawal(Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, Url, body)).Response.StatusCode);
        foreach (var who in new[] { "admin", "sdm", "pimpinan" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync((await SignInAsync(who)).Client, Url, body.DeepClone())).Response.StatusCode);
        }
    }

    private static System.Threading.Channels.Channel<JsonElement> Collect(HubConnection hub, string method)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>(method, m => channel.Writer.TryWrite(m));
        return channel;
    }

    private async Task<HubConnection> ConnectAsync(FormSignIn signIn, string group)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseUri, "/hubs/employee"), o => o.Cookies = signIn.Cookies)
            .Build();
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", group);
        return connection;
    }
}
