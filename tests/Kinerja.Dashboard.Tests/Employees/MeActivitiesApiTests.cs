using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Testing;
using static Kinerja.Dashboard.Tests.Employees.LoopClient;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>
/// <c>GET/POST /api/v1/me/activities</c> over a real socket with real sign-in and PostgreSQL: the employee's daily report
/// goes through the ingest pipeline with the NIP of the session only; retries are duplicates; free text comes back
/// verbatim and JSON-escaped; every other role and anonymous are refused.
/// </summary>
public sealed class MeActivitiesApiTests(EmployeeServerFactory app) : IClassFixture<EmployeeServerFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;
    private readonly List<IDisposable> _clients = [];

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "ma", 7200);
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

    [Fact]
    public async Task OwnActivity_IsAccepted_ListedAsMenunggu_AndARetryIsADuplicate()
    {
        var s1 = await SignInAsync("s1");
        var item = Activity(_w.S1, 7, "Rapat koordinasi");

        var (first, result) = await PostAsync(s1, "api/v1/me/activities", new JsonArray(item));
        var (_, retry) = await PostAsync(s1, "api/v1/me/activities", new JsonArray(item.DeepClone()));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("accepted", StatusAt(result, 0));
        Assert.Equal("duplicate", StatusAt(retry, 0));
        var mine = await MyActivitiesAsync(s1);
        var stored = mine[IdOf(item)];
        Assert.Equal("menunggu", stored.GetProperty("state").GetString());
        Assert.Equal(7, stored.GetProperty("minutes").GetInt32());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("review").ValueKind);
        Assert.Equal(1, await ScalarAsync<int>(app.DataSource, "select count(*)::int from activity where event_id = @id", new { id = IdOf(item) }));
    }

    [Fact]
    public async Task ItemsNamingAnotherNip_AreRejectedPerItem_TheOwnOneIsStored()
    {
        var s1 = await SignInAsync("s1");
        var own = Activity(_w.S1);
        var peer = Activity(_w.S2);
        var otherRegion = Activity(_w.O);

        var (_, result) = await PostAsync(s1, "api/v1/me/activities", new JsonArray(peer, own, otherRegion));

        Assert.Equal("rejected", StatusAt(result, 0));
        Assert.Equal(("nip", $"nip {_w.S2} names another employee: this submission may only name {_w.S1} (the signed-in employee)."),
            Assert.Single(ErrorsAt(result, 0)));
        Assert.Equal("accepted", StatusAt(result, 1));
        Assert.Equal("rejected", StatusAt(result, 2));
        Assert.Equal("nip", Assert.Single(ErrorsAt(result, 2)).Field);
        Assert.Equal(0, await ScalarAsync<int>(app.DataSource, "select count(*)::int from activity where event_id = any(@ids)",
            new { ids = new[] { IdOf(peer), IdOf(otherRegion) } }));
        Assert.DoesNotContain(IdOf(own), (await MyActivitiesAsync(await SignInAsync("s2"))).Keys);
    }

    [Fact]
    public async Task HostileText_IsStoredVerbatim_AndReturnedJsonEscaped()
    {
        var s1 = await SignInAsync("s1");
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"kutip\"";
        var item = Activity(_w.S1, 3, hostile);
        item["output"] = "</script>";

        var (_, result) = await PostAsync(s1, "api/v1/me/activities", new JsonArray(item));
        Assert.Equal("accepted", StatusAt(result, 0));

        Assert.Equal(hostile, await ScalarAsync<string>(app.DataSource, "select description from activity where event_id = @id", new { id = IdOf(item) }));
        using var response = await s1.GetAsync("api/v1/me/activities");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", raw);
        Assert.DoesNotContain("</script>", raw);
        var listed = JsonDocument.Parse(raw).RootElement.GetProperty("activities").EnumerateArray()
            .Single(a => a.GetProperty("eventId").GetGuid() == IdOf(item));
        Assert.Equal(hostile, listed.GetProperty("description").GetString());
        Assert.Equal("</script>", listed.GetProperty("output").GetString());
    }

    [Fact]
    public async Task TheNipInTheQuery_ChangesNothing_AndThePeriodSelectsTheMonth()
    {
        var s2 = await SignInAsync("s2");
        var item = Activity(_w.S2);
        await PostAsync(s2, "api/v1/me/activities", new JsonArray(item));
        var s1 = await SignInAsync("s1");

        var spoofed = await MyActivitiesAsync(s1, DateTimeOffset.UtcNow.ToString("yyyy-MM") + "&nip=" + _w.S2);
        var lastYear = await MyActivitiesAsync(s2, DateTimeOffset.UtcNow.AddYears(-1).ToString("yyyy-MM"));

        Assert.DoesNotContain(IdOf(item), spoofed.Keys);
        Assert.Empty(lastYear);
        Assert.Contains(IdOf(item), (await MyActivitiesAsync(s2)).Keys);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-3")]
    [InlineData("maret")]
    [InlineData("2026-03-01")]
    public async Task AMalformedPeriod_Is400ProblemDetails(string period)
    {
        using var response = await (await SignInAsync("s1")).GetAsync("api/v1/me/activities?period=" + period);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"period must be a month as YYYY-MM, e.g. 2026-03; got '{period}'.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MalformedBodies_GetSpecificAnswers()
    {
        var s1 = await SignInAsync("s1");
        var (notJson, _) = await PostRawAsync(s1, "api/v1/me/activities", "[{", "application/json");
        var (form, _) = await PostRawAsync(s1, "api/v1/me/activities", "nip=1", "application/x-www-form-urlencoded");
        var (_, badItem) = await PostRawAsync(s1, "api/v1/me/activities", $"[{{\"eventId\":\"{Guid.NewGuid()}\",\"nip\":\"{_w.S1}\",\"minutes\":\"lama\"}}]");

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        var result = JsonDocument.Parse(badItem).RootElement;
        Assert.Equal("rejected", StatusAt(result, 0));
        Assert.Contains(ErrorsAt(result, 0), e => e.Field == "minutes");
    }

    [Fact]
    public async Task Anonymous_Is401_AndLeaderHrAdmin_Are403_OnBothVerbs()
    {
        using var anonymous = new HttpClient { BaseAddress = app.BaseUri };
        var body = new JsonArray(Activity(_w.S1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/me/activities")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, "api/v1/me/activities", body)).Response.StatusCode);
        foreach (var who in new[] { "admin", "sdm", "pimpinan" })
        {
            var client = await SignInAsync(who);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("api/v1/me/activities")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(client, "api/v1/me/activities", body.DeepClone())).Response.StatusCode);
        }
        Assert.Equal(0, await ScalarAsync<int>(app.DataSource, "select count(*)::int from activity where event_id = @id",
            new { id = IdOf(body[0]!.AsObject()) }));
    }
}
