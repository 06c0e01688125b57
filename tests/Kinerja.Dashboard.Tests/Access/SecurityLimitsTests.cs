using System.Net;
using System.Text;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>Security headers, body-size limits and rate limits (login per address, ingest per source).</summary>
public sealed class SecurityLimitsTests(TightLimitsAppFactory app) : IClassFixture<TightLimitsAppFactory>, IAsyncLifetime
{
    private IReadOnlyList<string> _nips = [];

    public async Task InitializeAsync() =>
        _nips = await TestData.SeedUnitWithStaffAsync(app.DataSource, "lim-a", "lim-a-dinas", 1);

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/")]
    [InlineData("/masuk")]
    [InlineData("/api/v1/regions")]
    public async Task Responses_CarryTheSecurityHeaders(string url)
    {
        var response = await app.CreateClient().GetAsync(url);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/masuk")]
    [InlineData("/akses-ditolak")]
    [InlineData("/api/v1/regions")]
    public async Task Responses_CarryTheOneStrictPolicy_NoInlineScriptOrStyle(string url)
    {
        var response = await app.CreateClient().GetAsync(url);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(new Kinerja.Dashboard.Access.AccessOptions().ContentSecurityPolicy, csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("style-src 'self';", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
    }

    [Theory]
    [InlineData("/", "/css/beranda.css")]
    [InlineData("/masuk", "/css/masuk.css")]
    public async Task PagesOutsideTheScreens_TakeTheirStylesFromThisOrigin(string url, string stylesheet)
    {
        var client = app.CreateClient();
        var html = await client.GetStringAsync(url);
        Assert.DoesNotContain("<style", html);
        Assert.Contains($"<link rel=\"stylesheet\" href=\"{stylesheet}\">", html);
        using var css = await client.GetAsync(stylesheet);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OversizedBody_OnAnOrdinaryEndpoint_Is413()
    {
        var content = new StringContent("username=" + new string('a', 10_000), Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await app.CreateClient().PostAsync("/masuk", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task IngestBodies_KeepTheirOwnLargerLimit()
    {
        var key = await app.SourceKeyAsync("lim-besar", "region:lim-a");
        var items = Enumerable.Range(0, 60).Select(_ =>
            $"{{\"eventId\":\"{Guid.NewGuid()}\",\"nip\":\"{_nips[1]}\",\"occurredAt\":\"{DateTimeOffset.UtcNow.AddHours(-2):yyyy-MM-ddTHH:mm:ssZ}\",\"minutes\":5,\"description\":\"{new string('x', 100)}\"}}");
        var body = "[" + string.Join(",", items) + "]";
        Assert.True(body.Length > 4096);
        var response = await app.ClientWithKey(key).PostAsync("/api/v1/activities",
            new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Login_FromOneAddress_IsRateLimited()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await new LoginForm(app).SubmitAsync("batas-" + i, "salah-salah-salah");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Ingest_IsRateLimitedPerSource()
    {
        var busy = app.ClientWithKey(await app.SourceKeyAsync("lim-sibuk", "region:lim-a"));
        var quiet = app.ClientWithKey(await app.SourceKeyAsync("lim-tenang", "region:lim-a"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await busy.PostAsync("/api/v1/activities", new StringContent("[]", Encoding.UTF8, "application/json"))).StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK,
            (await quiet.PostAsync("/api/v1/activities", new StringContent("[]", Encoding.UTF8, "application/json"))).StatusCode);
    }
}
