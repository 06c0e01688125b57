using System.Text.Json;
using Kinerja.Core.Changes;
using Kinerja.ScaleOut.Tests.Infrastructure;

namespace Kinerja.ScaleOut.Tests;

/// <summary>
/// An SKP import announced on <c>kinerja_skp</c> (as the command line and the HTTP import do) is heard by both dashboard
/// instances, but only the board publisher pushes: a screen connected to the other instance gets each hint once, through
/// the Redis backplane, not once per instance.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SkpFeedScaleOutTests(RedisBackplaneFixture cluster) : IClassFixture<RedisBackplaneFixture>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AnSkpImportNotice_ReachesAScreenOnB_ExactlyOnce()
    {
        var seed = cluster.Seed;
        await using var hub = await LiveHub.ConnectAsync(cluster.B, seed.Admin);
        await hub.SubscribeAsync("region:" + seed.RegionId);
        await hub.WaitForAsync("Indicators", _ => true, Soon);
        var touched = new SkpTouch(seed.Nips[0], seed.Nips[1], seed.RegionId, seed.UnitId);

        await SendAsync(touched);
        var first = await hub.WaitForAsync("Panels", IsSkp, Soon);
        Assert.Equal(("region:" + seed.RegionId, "skp"), (first.GetProperty("group").GetString(), first.GetProperty("reason").GetString()));
        // Marker: a second import after the first hint arrived; a copy of the first from the other instance would precede it.
        // (Counted, not timed: the servers run on a clock of their own.)
        await SendAsync(touched);
        await Poll.UntilAsync(() => Task.FromResult(hub.Of("Panels").Count(IsSkp)), n => n >= 2, Soon, n => $"{n} Panels (skp)");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(2, hub.Of("Panels").Count(IsSkp));
    }

    private static bool IsSkp(JsonElement panels) => panels.GetProperty("reason").GetString() == "skp";

    private async Task SendAsync(SkpTouch touched)
    {
        await using var conn = await cluster.DataSource.OpenConnectionAsync();
        await ChangeFeed.SendAsync(conn, null, ChangeNotice.Skp([touched]), CancellationToken.None);
    }
}
