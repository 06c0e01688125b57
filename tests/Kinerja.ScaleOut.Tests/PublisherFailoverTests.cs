using System.Net;
using Kinerja.ScaleOut.Tests.Infrastructure;

namespace Kinerja.ScaleOut.Tests;

/// <summary>
/// The board publisher is a PostgreSQL advisory-lock lease: when its instance crashes, another takes
/// over within seconds and the screens keep updating. Readiness includes Redis when it is configured.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class PublisherFailoverTests(PublisherFailoverFixture cluster, Xunit.Abstractions.ITestOutputHelper output)
    : IClassFixture<PublisherFailoverFixture>
{
    [Fact]
    public async Task PublisherCrashes_OtherInstanceTakesOverWithinSeconds_ScreensKeepUpdating()
    {
        var seed = cluster.Seed;
        await using var hub = await LiveHub.ConnectAsync(cluster.Second, seed.Admin);
        await hub.SubscribeAsync("region:" + seed.RegionId);
        var snapshot = await hub.WaitForAsync("Indicators", _ => true, TimeSpan.FromSeconds(15));
        var pending = snapshot.GetProperty("figures").GetProperty("activityMinutesPending").GetInt64();
        Assert.False((await BoardStats.ReadAsync(cluster.Second, seed.Admin)).Publisher);

        var crashed = DateTimeOffset.UtcNow;
        await cluster.First.KillAsync();
        await BoardStats.WaitPublisherAsync(cluster.Second, seed.Admin, publisher: true, TimeSpan.FromSeconds(10));
        var takeover = DateTimeOffset.UtcNow - crashed;

        using var source = cluster.Ingest.ClientWithKey(seed.SourceKey);
        await ScaleOutSeed.PostActivitiesAsync(source, seed.Nips, minutes: 40);
        await hub.WaitForAsync("Indicators", m => m.GetProperty("figures").GetProperty("activityMinutesPending").GetInt64()
            == pending + 40L * seed.Nips.Count, TimeSpan.FromSeconds(15));
        output.WriteLine($"publisher take-over after kill -9: {takeover.TotalMilliseconds:0} ms");
        Assert.True(takeover < TimeSpan.FromSeconds(10), $"take-over took {takeover.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task RedisLostAfterStart_ReadyFails_LiveStillAnswers()
    {
        // Redis away at start ends the start (tests/Kinerja.Dashboard.Tests/Hosting); lost later, the instance
        // keeps serving, not ready, and reconnects in the background.
        var redis = await RedisServer.StartAsync();
        var redisStopped = false;
        try
        {
            var settings = RedisBackplaneFixture.Settings(redis.Configuration + ",connectTimeout=500");
            settings["Kinerja:RedisPrefix"] = "kinerja-hilang";
            await using var orphan = await KinerjaProcess.StartAsync("dashboard losing redis", cluster.ConnectionString,
                "dashboard", settings);
            await redis.DisposeAsync();
            redisStopped = true;
            using var http = await orphan.ClientAsAsync(cluster.Seed.Admin);
            await Poll.UntilAsync(async () =>
            {
                using var ready = await http.GetAsync("health/ready");
                return ready.StatusCode;
            }, status => status == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), status => $"ready answers {status}");
            using var live = await http.GetAsync("health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            if (!redisStopped)
            {
                await redis.DisposeAsync();
            }
        }
    }
}
