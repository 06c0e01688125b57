using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Kinerja.ScaleOut.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kinerja.ScaleOut.Tests;

/// <summary>
/// Behind a load balancer without sticky sessions a screen signed in on one instance is served by
/// another: the data protection key ring lives in PostgreSQL, so the sign-in cookie of instance A
/// is accepted by instance B (each process has a home folder of its own, as on separate machines).
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed partial class SharedSignInTests(RedisBackplaneFixture cluster) : IClassFixture<RedisBackplaneFixture>
{
    [Fact]
    public async Task SignInOnA_CookieAcceptedOnB_PagesAndHub()
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var onA = new HttpClient(handler, disposeHandler: false) { BaseAddress = cluster.A.BaseUri };
        var form = await onA.GetStringAsync("masuk");
        using var signIn = await onA.PostAsync("masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = WebUtility.HtmlDecode(Token().Match(form).Groups[1].Value),
            ["username"] = cluster.Seed.Admin,
            ["password"] = "rahasia-uji-123",
            ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // Cookies are per host, not per port: the same jar now talks to B.
        using var onB = new HttpClient(handler, disposeHandler: false) { BaseAddress = cluster.B.BaseUri };
        using var stats = await onB.GetAsync("api/v1/board/stats");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.B.BaseUri, "hubs/board"), o => o.Cookies = cookies)
            .Build();
        await using (hub)
        {
            await hub.StartAsync();
            await hub.InvokeAsync("Subscribe", "region:" + cluster.Seed.RegionId);
        }
        await using var conn = await cluster.DataSource.OpenConnectionAsync();
        Assert.True(await conn.ExecuteScalarAsync<int>("select count(*) from data_protection_key") >= 1);
    }

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
