using System.Text.Json;
using Kinerja.Core.Indicators.Live;
using Kinerja.Dashboard.Charts;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>
/// A unit's charts key on the version of that unit's figures: an event for an employee of one unit redraws and sends
/// that unit's charts and the region's, never another unit's.
/// </summary>
public sealed class BoardUnitChartVersionTests(QuietBoardAppFactory app) : IClassFixture<QuietBoardAppFactory>
{
    private const string Region = BoardAppFactory.RegionId;

    [Fact]
    public async Task EventInOneUnit_RendersAndSendsThatUnitsAndTheRegionsCharts_NotAnotherUnits()
    {
        var live = app.Services.GetRequiredService<LiveIndicators>();
        var cache = app.Services.GetRequiredService<ChartCache>();
        await using var region = await HubClient.ConnectAsync(app);
        await using var big = await HubClient.ConnectAsync(app);
        await using var small = await HubClient.ConnectAsync(app);
        await region.SubscribeAsync("region:" + Region);
        await big.SubscribeAsync("unit:" + BoardAppFactory.BigUnit);
        await small.SubscribeAsync("unit:" + BoardAppFactory.SmallUnit);
        await WaitForLiveAsync(live);
        var loaded = live.RegionVersion(Region)!.Value.Version;
        foreach (var client in new[] { region, big, small })
        {
            await client.WaitForAsync("Chart", c => c.GetProperty("version").GetInt64() >= loaded, TimeSpan.FromSeconds(30));
        }
        // every render of the load is done
        await ChartsCaughtUp.WaitAsync(live, cache, Region, BoardAppFactory.BigUnit, BoardAppFactory.SmallUnit);
        var renders = cache.SvgRenders;
        var smallCharts = SmallUnitChartVersions(cache);
        var regionBefore = ChartVersions(cache, ChartsCaughtUp.RegionChartIds(Region));
        var bigBefore = ChartVersions(cache, ChartsCaughtUp.UnitChartIds(BoardAppFactory.BigUnit));
        var seen = (Region: region.Messages.Count, Big: big.Messages.Count, Small: small.Messages.Count);

        await BoardIngest.ActivitiesAsync(app.Source, app.BigUnitNips.Take(1), minutes: 13);
        var version = await LiveVersionWait.QuietVersionAsync(live, Region, loaded);
        await region.WaitForAsync("Chart", c => c.GetProperty("version").GetInt64() >= version, TimeSpan.FromSeconds(30));
        await big.WaitForAsync("Chart", c => c.GetProperty("version").GetInt64() >= version, TimeSpan.FromSeconds(30));
        // Every render of the event is done and has reached its screens (a render precedes its paced send: counted
        // before the send arrived, a render looked like one sent to nobody).
        await ChartsCaughtUp.WaitAsync(live, cache, Region, BoardAppFactory.BigUnit, BoardAppFactory.SmallUnit);
        await ReceivedAsync(region, ChartsCaughtUp.RegionChartIds(Region), regionBefore, cache);
        await ReceivedAsync(big, ChartsCaughtUp.UnitChartIds(BoardAppFactory.BigUnit), bigBefore, cache);
        await Task.Delay(1500); // a chart pass for the small unit would have happened by now

        var regionCharts = Charts(region, seen.Region);
        var bigCharts = Charts(big, seen.Big);
        Assert.NotEmpty(regionCharts);
        Assert.NotEmpty(bigCharts);
        Assert.Empty(Charts(small, seen.Small));
        Assert.Equal(smallCharts, SmallUnitChartVersions(cache));
        // every render since the event is one of the charts sent to the region's or the big unit's screens
        Assert.Equal(regionCharts.Length + bigCharts.Length, cache.SvgRenders - renders);
    }

    private static JsonElement[] Charts(HubClient client, int after) =>
        client.Messages.Skip(after).Where(m => m.Method == "Chart").Select(m => m.Payload).ToArray();

    /// <summary>
    /// Waits until the screen has received every chart of <paramref name="chartIds"/> the cache holds in a newer version
    /// than <paramref name="before"/>, at that version.
    /// </summary>
    private static async Task ReceivedAsync(HubClient client, IEnumerable<string> chartIds,
        IReadOnlyDictionary<string, long?> before, ChartCache cache)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var id in chartIds)
        {
            var now = cache.Get(id)?.Version;
            if (now is null || now == before[id])
            {
                continue;
            }
            await client.WaitForAsync("Chart", c => c.GetProperty("chartId").GetString() == id
                && c.GetProperty("version").GetInt64() >= now, deadline - DateTime.UtcNow);
        }
    }

    private static Dictionary<string, long?> ChartVersions(ChartCache cache, IEnumerable<string> chartIds) =>
        chartIds.ToDictionary(id => id, id => cache.Get(id)?.Version);

    private static long?[] SmallUnitChartVersions(ChartCache cache) =>
        new[] { "aktivitas", "kehadiran", "ikm" }.Select(c => cache.Get($"u.{BoardAppFactory.SmallUnit}.{c}")?.Version).ToArray();

    private static async Task WaitForLiveAsync(LiveIndicators live)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (live.RegionVersion(Region) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.NotNull(live.RegionVersion(Region));
    }

}
