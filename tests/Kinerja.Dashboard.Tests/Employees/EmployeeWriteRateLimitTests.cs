using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using static Kinerja.Dashboard.Tests.Employees.LoopClient;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>A host whose employee accounts may write three times a minute.</summary>
public sealed class ThrottledEmployeeFactory : KinerjaAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Kinerja:Access:AccountWritesPerMinute"] = "3",
    };
}

/// <summary>
/// The in-app writes (<c>POST /api/v1/me/activities</c>, <c>POST /api/v1/team/reviews</c>) share one fixed window per
/// account: over it, 429 problem details with Retry-After; another account and the reads are not affected.
/// </summary>
public sealed class EmployeeWriteRateLimitTests(ThrottledEmployeeFactory app) : IClassFixture<ThrottledEmployeeFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;

    public async Task InitializeAsync() => _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "rl", 7500);

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient As(string who)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestUserHandler.Header, _w.Account(who));
        return client;
    }

    [Fact]
    public async Task TheFourthWriteOfAnAccountInAMinute_Is429_OtherAccountsAndReadsAreNot()
    {
        using var s1 = As("s1");
        using var b = As("b");
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(s1, "api/v1/me/activities", new JsonArray(Activity(_w.S1)))).Response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(s1, "api/v1/team/reviews", new JsonArray(Review(Guid.NewGuid(), true, null)))).Response.StatusCode);

        var (limited, body) = await PostAsync(s1, "api/v1/me/activities", new JsonArray(Activity(_w.S1)));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter is not null, "Retry-After is missing");
        Assert.Equal("Too many requests", body.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await s1.GetAsync("api/v1/me/activities")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(b, "api/v1/team/reviews", new JsonArray(Review(Guid.NewGuid(), true, null)))).Response.StatusCode);
    }
}
