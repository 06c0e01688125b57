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
        // A trigger send "under way" holds the first pass at its first chart send until the second schedule has been
        // made: however slow the ingest below, the second schedule meets the first pass still running.
        var held = new IndicatorsFirst();
        held.UrgentStarted();
        var charts = new RegionCharts(Region, services, NullLogger.Instance, held);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var beforeFirst = shared.Time.GetTimestamp();
        charts.Schedule(first.Indicators, [group], first.Version, cts.Token); // missing: drawn and pushed at once
        await UntilAsync(() => charts.Of(group).Count > 0, "the first render");
        var nip = app.SmallUnitNips[0];
        await BoardIngest.AttendanceAsync(app.Source, [nip], DateOnly.Parse(first.Indicators.Today,
            System.Globalization.CultureInfo.InvariantCulture), "sakit");
        var second = await MovedAsync(live, first);
        charts.MarkStale();
        charts.Schedule(second.Indicators, [group], second.Version, cts.Token); // the first pass runs: held back
        Assert.Equal(0, timings.Charts.Summary().Count);
        Assert.True(Attendance(charts, group) < Moved(second), "the second pass waits for the running one");
        held.UrgentDone();

        var firstPass = await FirstPassAsync(timings);
        await UntilAsync(() => Attendance(charts, group) >= Moved(second), "the held-back pass");

        // The first pass started after beforeFirst and ran firstPass ms, so it ended no earlier than beforeFirst +
        // firstPass: counted from there, the held-back pass must have waited the whole interval. Read from the pass's
        // own timing, not from when this test saw it end (a poll made late by a busy machine shortened the gap). The old
        // interval, counted from the start of the first pass, starts the second well under a second after the first ended.
        var gap = shared.Time.GetElapsedTime(beforeFirst).TotalMilliseconds - firstPass;
        Assert.True(gap >= SlowChartsBoardAppFactory.ChartIntervalMs - 0.1, // the timing is rounded to 0.1 ms
            $"the next pass started {gap:0} ms after the previous one ended");
    }

    /// <summary>
    /// The duration of the first pass in ms, or a lower bound of it: when this poll comes so late that the second pass
    /// has ended too, the shorter of the two (the summary's total less its maximum).
    /// </summary>
    private static async Task<double> FirstPassAsync(BoardTimings timings)
    {
        StageSummary passes = timings.Charts.Summary();
        await UntilAsync(() => (passes = timings.Charts.Summary()).Count > 0, "the end of the first pass");
        return passes.Count == 1 ? passes.TotalMs : passes.TotalMs - passes.MaxMs;
    }

    private static long Moved(LiveRegionRead read) =>
        read.Indicators.UnitFamilies[BoardAppFactory.SmallUnit].Of(FigureFamily.Attendance);

    private static long Attendance(RegionCharts charts, BoardGroup group) =>
        charts.Of(group).Single(c => c.Spec.ChartId.EndsWith(".kehadiran", StringComparison.Ordinal)).Key.DataVersion;

    private static async Task<LiveRegionRead> MovedAsync(LiveIndicators live, LiveRegionRead first)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Moved(live.Region(Region)!) == Moved(first))
        {
            Assert.True(DateTime.UtcNow < deadline, "the attendance of the small unit did not move");
            await Task.Delay(20);
        }
        return live.Region(Region)!;
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(SlowChartsBoardAppFactory.ChartIntervalMs / 1000.0 + 30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what + " did not happen");
            await Task.Delay(20);
        }
    }

    private static async Task<LiveRegionRead> LoadedAsync(LiveIndicators live)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (live.Region(Region) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        return live.Region(Region) ?? throw new TimeoutException("the region did not load");
    }
}
