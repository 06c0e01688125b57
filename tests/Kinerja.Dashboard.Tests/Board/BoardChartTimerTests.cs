using Kinerja.Core.Indicators;
using Kinerja.Core.Indicators.Live;
using Kinerja.Dashboard.Board;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>The board with a long chart interval (3 s), so a chart pass can be held back on purpose.</summary>
public sealed class SlowChartsBoardAppFactory : BoardAppFactory
{
    public const int ChartIntervalMs = 3000;

    protected override int RefreshSeconds => 120;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Kinerja:Board:ChartIntervalMs"] = ChartIntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// A chart pass held back by the chart interval is started by the charts themselves when the interval has passed,
/// from the figures of the flush that asked for it: the board is not flushed again for it (it used to be marked dirty
/// on a timer, a second flush for the same change).
/// </summary>
public sealed class BoardChartTimerTests(SlowChartsBoardAppFactory app) : IClassFixture<SlowChartsBoardAppFactory>
{
    private const string Region = BoardAppFactory.RegionId;

    [Fact]
    public async Task HeldBackChartPass_RunsByItselfOnceTheIntervalPassed_WithoutAnotherSchedule()
    {
        var live = app.Services.GetRequiredService<LiveIndicators>();
        var services = app.Services.GetRequiredService<BoardServices>();
        var first = await LoadedAsync(live);
        var nip = app.SmallUnitNips[0];
        await BoardIngest.AttendanceAsync(app.Source, [nip], DateOnly.Parse(first.Indicators.Today,
            System.Globalization.CultureInfo.InvariantCulture), "sakit");
        var second = live.Region(Region)!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((second = live.Region(Region)!).Indicators.UnitFamilies[BoardAppFactory.SmallUnit].Of(FigureFamily.Attendance)
            == first.Indicators.UnitFamilies[BoardAppFactory.SmallUnit].Of(FigureFamily.Attendance) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        var moved = second.Indicators.UnitFamilies[BoardAppFactory.SmallUnit].Of(FigureFamily.Attendance);
        Assert.True(moved > first.Version, "the attendance of the small unit moved");
        // charts of a unit no screen watches, drawn by a pass of their own (the region's board draws none of them)
        var charts = new RegionCharts(Region, services, NullLogger.Instance);
        var group = BoardGroup.Unit(BoardAppFactory.SmallUnit);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var started = DateTime.UtcNow;
        charts.Schedule(first.Indicators, [group], first.Version, cts.Token); // missing: drawn at once
        await UntilAsync(() => charts.Of(group).Count > 0, "the first pass");
        charts.MarkStale();
        charts.Schedule(second.Indicators, [group], second.Version, cts.Token); // within the interval: held back
        Assert.True(Attendance(charts, group) < moved, "the pass is held back by the chart interval");

        await UntilAsync(() => Attendance(charts, group) >= moved, "the held-back pass");
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(SlowChartsBoardAppFactory.ChartIntervalMs - 50),
            "not before the interval after the first pass passed");
    }

    private static long Attendance(RegionCharts charts, BoardGroup group) =>
        charts.Of(group).Single(c => c.Spec.ChartId.EndsWith(".kehadiran", StringComparison.Ordinal)).Key.DataVersion;

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(SlowChartsBoardAppFactory.ChartIntervalMs / 1000.0 + 8);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what + " did not happen");
            await Task.Delay(50);
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
