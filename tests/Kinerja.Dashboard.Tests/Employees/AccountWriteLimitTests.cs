using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>Rating and feedback writes are rate limited per account (<c>Kinerja:Access:AccountWritesPerMinute</c>, 3 here).</summary>
public sealed class AccountWriteLimitTests(TightWritesServerFactory app) : IClassFixture<TightWritesServerFactory>
{
    [Fact]
    public async Task Writes_BeyondTheAccountsLimit_Are429WithRetryAfter_AnotherAccountIsNotAffected()
    {
        _ = app.BaseUri;
        var w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "lm", 7500);
        using var sessions = new LoopSessions(app, w);
        var b = await sessions.ClientAsync("b");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var url = i % 2 == 0 ? "api/v1/me/ratings" : "api/v1/team/feedback";
            JsonNode body = i % 2 == 0
                ? new JsonArray(new JsonObject { ["eventId"] = Guid.NewGuid().ToString(), ["rateeNip"] = w.S1, ["aspect"] = "loyal", ["score"] = 4, ["period"] = "2026-09" })
                : new JsonArray(new JsonObject { ["eventId"] = Guid.NewGuid().ToString(), ["nip"] = w.S1, ["note"] = "ok" });
            using var response = await b.PostAsJsonAsync(url, body);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.Contains("Retry-After"));
            }
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var other = await (await sessions.ClientAsync("s1")).PostAsJsonAsync("api/v1/me/ratings", new JsonArray(new JsonObject
        {
            ["eventId"] = Guid.NewGuid().ToString(), ["rateeNip"] = w.S2, ["aspect"] = "loyal", ["score"] = 4, ["period"] = "2026-09",
        }));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
