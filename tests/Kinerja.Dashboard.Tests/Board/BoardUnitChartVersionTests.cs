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
            await client.WaitForAsync("Chart", c => c.GetProperty("version").GetInt64() >= loaded, TimeSpan.FromSeconds(5));
        }
        await Task.Delay(1000); // every pass of the load is over
        var renders = cache.SvgRenders;
        var smallCharts = SmallUnitChartVersions(cache);
        var seen = (Region: region.Messages.Count, Big: big.Messages.Count, Small: small.Messages.Count);

        await BoardIngest.ActivitiesAsync(app.Source, app.BigUnitNips.Take(1), minutes: 13);
        var version = await LiveVersionWait.QuietVersionAsync(live, Region, loaded);
        await region.WaitForAsync("Chart", c => c.GetProperty("version").GetInt64() >= version, TimeSpan.FromSeconds(5));
        await big.WaitForAsync("Chart", c => c.GetProperty("version").GetInt64() >= version, TimeSpan.FromSeconds(5));
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
