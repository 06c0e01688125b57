using System.Net;
using Kinerja.ScaleOut.Tests.Infrastructure;

namespace Kinerja.ScaleOut.Tests;

/// <summary>
/// Roles as separate processes (issue 8): events posted to the ingest-only process reach a board
/// connected to the dashboard process, through PostgreSQL alone (commit + NOTIFY).
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SplitRolesTests(SplitRolesFixture cluster) : IClassFixture<SplitRolesFixture>
{
    [Fact]
    public async Task PostToIngestProcess_BoardOnDashboardProcess_ReceivesIndicatorsWithinSeconds()
    {
        var seed = cluster.Seed;
        await using var hub = await LiveHub.ConnectAsync(cluster.Dashboard, seed.Admin);
        await hub.SubscribeAsync("region:" + seed.RegionId);
        var snapshot = await hub.WaitForAsync("Indicators", _ => true, TimeSpan.FromSeconds(30));
        var before = snapshot.GetProperty("figures").GetProperty("activityMinutesPending").GetInt64();

        using var source = cluster.Ingest.ClientWithKey(seed.SourceKey);
        var started = DateTimeOffset.UtcNow;
        await ScaleOutSeed.PostActivitiesAsync(source, seed.Nips, minutes: 95);

        var expected = before + 95L * seed.Nips.Count;
        var update = await hub.WaitForAsync("Indicators",
            m => m.GetProperty("figures").GetProperty("activityMinutesPending").GetInt64() == expected, TimeSpan.FromSeconds(10));
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.True(update.GetProperty("version").GetInt64() > snapshot.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task EachProcess_ServesOnlyItsRoles_EndpointsOfOtherRolesAre404()
    {
        var seed = cluster.Seed;
        using var ingestAdmin = await cluster.Ingest.ClientAsAsync(seed.Admin);
        using var boardAdmin = await cluster.Dashboard.ClientAsAsync(seed.Admin);
        using var boardSource = cluster.Dashboard.ClientWithKey(seed.SourceKey);

        using var hubOnIngest = await ingestAdmin.PostAsync("hubs/board/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.NotFound, hubOnIngest.StatusCode);
        using var ingestOnBoard = await boardSource.PostAsync("api/v1/activities", new StringContent("[]",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, ingestOnBoard.StatusCode);
        using var stats = await boardAdmin.GetAsync("api/v1/board/stats");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }
}
