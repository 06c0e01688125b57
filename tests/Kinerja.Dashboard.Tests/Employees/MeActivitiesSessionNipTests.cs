using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Testing;
using static Kinerja.Dashboard.Tests.Employees.LoopClient;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>
/// <c>POST /api/v1/me/activities</c> takes the NIP from the session (issue 16): an item without <c>nip</c> (or with
/// <c>null</c>) is stored under the signed-in employee's NIP, the own NIP is accepted, another NIP or a NIP of the wrong
/// type is refused per item; the source-system endpoint <c>POST /api/v1/activities</c> keeps <c>nip</c> required.
/// </summary>
public sealed class MeActivitiesSessionNipTests(LoopServerFactory app) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;
    private LoopSessions _sessions = null!;

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "sn", 7800);
        _sessions = new LoopSessions(app, _w);
    }

    public Task DisposeAsync()
    {
        _sessions.Dispose();
        return Task.CompletedTask;
    }

    private static JsonObject WithoutNip(int minutes = 5)
    {
        var item = Activity("unused", minutes);
        item.Remove("nip");
        return item;
    }

    private Task<string?> StoredNipAsync(JsonObject item) =>
        ScalarAsync<string?>(app.DataSource, "select nip from activity where event_id = @id", new { id = IdOf(item) });

    [Fact]
    public async Task AnItemWithoutNip_IsStoredUnderTheSessionNip()
    {
        var s1 = await _sessions.ClientAsync("s1");
        var item = WithoutNip(11);

        var (response, result) = await PostAsync(s1, "api/v1/me/activities", new JsonArray(item));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted", StatusAt(result, 0));
        Assert.Equal(_w.S1, await StoredNipAsync(item));
        Assert.Equal(11, (await MyActivitiesAsync(s1))[IdOf(item)].GetProperty("minutes").GetInt32());
    }

    [Fact]
    public async Task ANullNip_IsTheSessionNip_AndTheOwnNipIsAccepted()
    {
        var s1 = await _sessions.ClientAsync("s1");
        var nullNip = Activity(_w.S1);
        nullNip["nip"] = null;
        var own = Activity(_w.S1);

        var (_, result) = await PostAsync(s1, "api/v1/me/activities", new JsonArray(nullNip, own));

        Assert.Equal("accepted", StatusAt(result, 0));
        Assert.Equal("accepted", StatusAt(result, 1));
        Assert.Equal(_w.S1, await StoredNipAsync(nullNip));
        Assert.Equal(_w.S1, await StoredNipAsync(own));
    }

    [Fact]
    public async Task AMixedBatch_GetsPerItemResults_AnotherNipAndAWrongTypeAreRefused()
    {
        var s1 = await _sessions.ClientAsync("s1");
        var missing = WithoutNip();
        var other = Activity(_w.S2);
        var number = Activity(_w.S1);
        number["nip"] = 12345;
        var own = Activity(_w.S1);

        var (_, result) = await PostAsync(s1, "api/v1/me/activities", new JsonArray(missing, other, number, own));

        Assert.Equal("accepted", StatusAt(result, 0));
        Assert.Equal("rejected", StatusAt(result, 1));
        Assert.Equal(("nip", $"nip {_w.S2} names another employee: this submission may only name {_w.S1} (the signed-in employee)."),
            Assert.Single(ErrorsAt(result, 1)));
        Assert.Equal("rejected", StatusAt(result, 2));
        Assert.Contains(ErrorsAt(result, 2), e => e.Field == "nip");
        Assert.Equal("accepted", StatusAt(result, 3));
        Assert.Null(await StoredNipAsync(other));
        Assert.Null(await StoredNipAsync(number));
        Assert.Equal(_w.S1, await StoredNipAsync(missing));
    }

    [Fact]
    public async Task Ndjson_WithoutNip_IsFilledLineByLine_AndABadLineIsStillNamed()
    {
        var s1 = await _sessions.ClientAsync("s1");
        var first = WithoutNip();
        var second = WithoutNip();
        var body = first.ToJsonString() + "\n" + "[1]" + "\n" + second.ToJsonString() + "\n";

        var (response, text) = await PostRawAsync(s1, "api/v1/me/activities", body, "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonDocument.Parse(text).RootElement;
        Assert.Equal("accepted", StatusAt(result, 0));
        Assert.Equal("rejected", StatusAt(result, 1));
        Assert.Equal("accepted", StatusAt(result, 2));
        Assert.Equal(_w.S1, await StoredNipAsync(first));
        Assert.Equal(_w.S1, await StoredNipAsync(second));
    }

    [Fact]
    public async Task TheSourceEndpoint_StillRequiresNip()
    {
        using var client = await app.IngestClientAsync();
        var item = WithoutNip();

        var (_, result) = await PostAsync(client, "api/v1/activities", new JsonArray(item));

        Assert.Equal("rejected", StatusAt(result, 0));
        Assert.Contains(ErrorsAt(result, 0), e => e.Field == "nip" && e.Message.StartsWith("nip is required", StringComparison.Ordinal));
    }
}
