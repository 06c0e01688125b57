using System.Text.Json;
using Kinerja.Core.Changes;
using Kinerja.Core.Indicators.Live;
using Kinerja.Dashboard.Charts;
using Kinerja.Rules.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>
/// One data version: screens receive the live model's version of the region, so a change that leaves the figures as
/// they were sends no new version and renders no chart.
/// </summary>
public sealed class BoardDataVersionTests(QuietBoardAppFactory app) : IClassFixture<QuietBoardAppFactory>
{
    private const string Region = BoardAppFactory.RegionId;

    [Fact]
    public async Task Indicators_CarryTheLiveVersion_AndARepeatedAnnouncementSendsNoNewVersionNorChart()
    {
        var live = app.Services.GetRequiredService<LiveIndicators>();
        var rules = app.Services.GetRequiredService<LiveRulesEvaluator>();
        var cache = app.Services.GetRequiredService<ChartCache>();
        await using var client = await HubClient.ConnectAsync(app);
        await client.SubscribeAsync("region:" + Region);
        await client.WaitForAsync("Indicators", _ => true, TimeSpan.FromSeconds(2));
        var loaded = live.RegionVersion(Region)!.Value.Version;

        var evaluated = rules.Evaluated + rules.Skipped;
        await BoardIngest.ActivitiesAsync(app.Source, app.BigUnitNips.Take(1), minutes: 11);
        var version = await LiveVersionWait.QuietVersionAsync(live, Region, loaded);
        await client.WaitForAsync("Indicators", p => Version(p) == version, TimeSpan.FromSeconds(30));
        await client.WaitForAsync("Chart", c => c.GetProperty("version").GetInt64() >= version, TimeSpan.FromSeconds(30));
        // The rules look at the change too, and a trigger they add (near a month's or the year's end, for example)
        // redraws the trigger chart: that is the change's own consequence, so it settles before the baseline.
        var rulesDeadline = DateTime.UtcNow.AddSeconds(15);
        while (rules.Evaluated + rules.Skipped == evaluated && DateTime.UtcNow < rulesDeadline)
        {
            await Task.Delay(50);
        }
        await client.WaitForQuietAsync(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(20));
        var renders = cache.SvgRenders;
        var incremental = live.Stats.IncrementalUpdates;
        var received = client.Messages.Count;

        // the same employee announced again with nothing new behind it (a retried notify)
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await ChangeFeed.SendAsync(conn, null,
                ChangeNotice.Events([new EventTouch(app.BigUnitNips[0], BoardAppFactory.BigUnit, Region)]), CancellationToken.None);
        }
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (live.Stats.IncrementalUpdates == incremental && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.True(live.Stats.IncrementalUpdates > incremental, "the announcement was applied");
        await Task.Delay(1000); // a flush and a chart pass would have happened by now

        Assert.Equal(version, live.RegionVersion(Region)!.Value.Version);
        var later = client.Messages.Skip(received).ToArray();
        Assert.DoesNotContain(later, m => m.Method == "Chart");
        Assert.All(later.Where(m => m.Method == "Indicators"), m => Assert.Equal(version, Version(m.Payload)));
        Assert.Equal(renders, cache.SvgRenders);
    }


    private static long Version(JsonElement payload) => payload.GetProperty("version").GetInt64();
}
