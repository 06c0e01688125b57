using Kinerja.Core.Changes;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Core.Indicators.Live;
using Kinerja.Dashboard.Charts;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>
/// A region's charts key on the version of the figure family each one draws: more activity minutes redraw the minutes
/// chart only, a level change the predicate chart only; the others keep their version (and URL) and are not rendered.
/// </summary>
public sealed class BoardChartFamilyTests(QuietBoardAppFactory app) : IClassFixture<QuietBoardAppFactory>
{
    private const string Region = BoardAppFactory.RegionId;
    private static readonly string[] Names = ["aktivitas", "pengisian", "predikat", "kehadiran", "ikm", "tindak-lanjut"];

    [Fact]
    public async Task MinutesOnlyChange_RedrawsTheMinutesChart_LevelChange_ThePredicateChart_NoOtherRegionChart()
    {
        var live = app.Services.GetRequiredService<LiveIndicators>();
        var cache = app.Services.GetRequiredService<ChartCache>();
        await using var screen = await HubClient.ConnectAsync(app);
        await screen.SubscribeAsync("region:" + Region);
        var loaded = await LoadedVersionAsync(live);
        await screen.WaitForAsync("Chart", c => c.GetProperty("version").GetInt64() >= loaded, TimeSpan.FromSeconds(30));
        var nip = app.BigUnitNips[2];
        // first activity of the day: filing moves too; the next one of the same employee moves the minutes only
        await BoardIngest.ActivitiesAsync(app.Source, [nip], minutes: 11);
        var filed = await LiveVersionWait.QuietVersionAsync(live, Region, loaded);
        await ChartsCaughtUp.WaitAsync(live, cache, Region); // every render of that change is done

        // minutes only
        var triggersSeen = NewTriggers(screen);
        await ChartsCaughtUp.WaitAsync(live, cache, Region, triggerAnnouncements: triggersSeen);
        var before = Versions(cache);
        var renders = cache.SvgRenders;
        await BoardIngest.ActivitiesAsync(app.Source, [nip], minutes: 13);
        var minutes = await LiveVersionWait.QuietVersionAsync(live, Region, filed);
        await screen.WaitForAsync("Chart", c => c.GetProperty("chartId").GetString() == $"r.{Region}.aktivitas"
            && c.GetProperty("version").GetInt64() >= minutes, TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        var afterMinutes = Versions(cache);
        var families = live.Region(Region)!.Indicators.Families;
        Assert.Equal(minutes, families.Of(FigureFamily.Activity));
        Assert.True(afterMinutes["aktivitas"] > before["aktivitas"]);
        var triggerRedraws = TriggerChartRedraws(screen, triggersSeen, before, afterMinutes);
        Assert.All(Names.Skip(1).Where(n => n != TriggerChart), n => Assert.Equal(before[n], afterMinutes[n]));
        Assert.Equal(1 + triggerRedraws, cache.SvgRenders - renders);

        // a level change (the rules' predicate of an employee) the other way round
        triggersSeen = NewTriggers(screen);
        await ChartsCaughtUp.WaitAsync(live, cache, Region, triggerAnnouncements: triggersSeen);
        renders = cache.SvgRenders;
        var period = live.RegionVersion(Region)!.Value.Period;
        var held = live.Employee(nip)!.Predikat;
        await live.ApplyLevelsAsync([new LevelChange(nip, period, "DI_BAWAH_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI",
            held == Predikat.SangatKurang ? Predikat.Baik : Predikat.SangatKurang)]);
        var leveled = live.RegionVersion(Region)!.Value.Version;
        Assert.True(leveled > minutes);
        await screen.WaitForAsync("Chart", c => c.GetProperty("chartId").GetString() == $"r.{Region}.predikat"
            && c.GetProperty("version").GetInt64() >= leveled, TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        var afterLevel = Versions(cache);
        Assert.True(afterLevel["predikat"] > afterMinutes["predikat"]);
        triggerRedraws = TriggerChartRedraws(screen, triggersSeen, afterMinutes, afterLevel);
        Assert.All(Names.Where(n => n != "predikat" && n != TriggerChart), n => Assert.Equal(afterMinutes[n], afterLevel[n]));
        Assert.Equal(1 + triggerRedraws, cache.SvgRenders - renders);
    }

    /// <summary>
    /// The chart that counts triggers. The rules evaluate the first activity in the background and may fire triggers for it at
    /// any moment; each announcement reaches the screen as a <c>Trigger</c> and then redraws this chart in the next chart pass.
    /// </summary>
    private const string TriggerChart = ChartsCaughtUp.TriggerChart;

    /// <summary>The new triggers' announcements the screen has received (one per announcement to the region group).</summary>
    private static int NewTriggers(HubClient screen) =>
        screen.Messages.Count(m => m.Method == "Trigger" && !m.Payload.GetProperty("initial").GetBoolean());

    /// <summary>
    /// 1 when the trigger chart was redrawn, which it may only be because a new trigger reached the screen meanwhile; else 0.
    /// </summary>
    private static int TriggerChartRedraws(HubClient screen, int triggersSeen, Dictionary<string, long> before, Dictionary<string, long> after)
    {
        if (before[TriggerChart] == after[TriggerChart])
        {
            return 0;
        }
        Assert.True(NewTriggers(screen) > triggersSeen, "the trigger chart was redrawn although no trigger arrived");
        return 1;
    }

    private static Dictionary<string, long> Versions(ChartCache cache) =>
        Names.ToDictionary(n => n, n => cache.Get($"r.{Region}.{n}")?.Version ?? throw new InvalidOperationException(n + " not rendered"));

    private static async Task<long> LoadedVersionAsync(LiveIndicators live)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (live.RegionVersion(Region) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        return live.RegionVersion(Region)?.Version ?? throw new TimeoutException("the region did not load");
    }
}
