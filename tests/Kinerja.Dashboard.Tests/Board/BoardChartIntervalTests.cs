using Kinerja.Core.Indicators;
using Kinerja.Core.Indicators.Live;
using Kinerja.Dashboard.Board;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>
/// The chart interval counts from the END of the previous pass: a pass slowed down (here by a tight chart budget, as
/// under load) delays the next one by the whole interval instead of letting it start as soon as the interval after the
/// previous start has passed, so passes do not pile up back to back.
/// </summary>
public sealed class BoardChartIntervalTests(SlowChartsBoardAppFactory app) : IClassFixture<SlowChartsBoardAppFactory>
{
    private const string Region = BoardAppFactory.RegionId;

    [Fact]
    public async Task HeldBackChartPass_StartsOneIntervalAfterThePreviousPassEnded()
    {
        var live = app.Services.GetRequiredService<LiveIndicators>();
        var shared = app.Services.GetRequiredService<BoardServices>();
        var timings = new BoardTimings();
        // About 1-2 s of pause after each 4-7 KB unit chart: the first pass (three new charts) takes over two seconds.
        var services = new BoardServices(shared.Data, shared.Charts, shared.Subscriptions, shared.Hub,
            Options.Create(shared.Options), shared.SmallGroups, shared.Time, shared.Publisher, timings,
            new ChartPacer(Options.Create(new BoardOptions { ChartBytesPerSecond = 4 * 1024 }), shared.Time));
        var first = await LoadedAsync(live);
        var group = BoardGroup.Unit(BoardAppFactory.SmallUnit);
        var charts = new RegionCharts(Region, services, NullLogger.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        charts.Schedule(first.Indicators, [group], first.Version, cts.Token); // missing: drawn and pushed at once
        await UntilAsync(() => charts.Of(group).Count > 0, "the first render");
        var nip = app.SmallUnitNips[0];
        await BoardIngest.AttendanceAsync(app.Source, [nip], DateOnly.Parse(first.Indicators.Today,
            System.Globalization.CultureInfo.InvariantCulture), "sakit");
        var second = await MovedAsync(live, first);
        charts.MarkStale();
        charts.Schedule(second.Indicators, [group], second.Version, cts.Token); // within the interval: held back
        await UntilAsync(() => timings.Charts.Summary().Count == 1, "the end of the first pass");
        var firstEnded = DateTime.UtcNow;
        Assert.True(Attendance(charts, group) < Moved(second), "the second pass waits");

        await UntilAsync(() => Attendance(charts, group) >= Moved(second), "the held-back pass");

        // Counted from the start of the first pass, the second would begin well under a second after the first ended;
        // the second of slack only absorbs polls made late by a busy machine.
        var gap = DateTime.UtcNow - firstEnded;
        Assert.True(gap >= TimeSpan.FromMilliseconds(SlowChartsBoardAppFactory.ChartIntervalMs - 1000),
            $"the next pass started {gap.TotalMilliseconds:0} ms after the previous one ended");
    }

    private static long Moved(LiveRegionRead read) =>
        read.Indicators.UnitFamilies[BoardAppFactory.SmallUnit].Of(FigureFamily.Attendance);

    private static long Attendance(RegionCharts charts, BoardGroup group) =>
        charts.Of(group).Single(c => c.Spec.ChartId.EndsWith(".kehadiran", StringComparison.Ordinal)).Key.DataVersion;

    private static async Task<LiveRegionRead> MovedAsync(LiveIndicators live, LiveRegionRead first)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Moved(live.Region(Region)!) == Moved(first))
        {
            Assert.True(DateTime.UtcNow < deadline, "the attendance of the small unit did not move");
            await Task.Delay(20);
        }
        return live.Region(Region)!;
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(SlowChartsBoardAppFactory.ChartIntervalMs / 1000.0 + 10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what + " did not happen");
            await Task.Delay(20);
        }
    }

    private static async Task<LiveRegionRead> LoadedAsync(LiveIndicators live)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (live.Region(Region) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        return live.Region(Region) ?? throw new TimeoutException("the region did not load");
    }
}
