using Kinerja.Core.Indicators;
using Kinerja.Core.Indicators.Live;
using Kinerja.Dashboard.Charts;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>
/// Waiting until a region's board charts are drawn from the live model's current figures: every chart's key covers the
/// version of the figure family it draws (the region's for region charts, the unit's own for unit charts). A chart pass
/// renders its charts one after the other, so once all are caught up, every render the figures asked for has happened,
/// however late a busy machine ran the pass (a fixed pause before counting renders let a late pass's renders fall into
/// the count).
/// </summary>
internal static class ChartsCaughtUp
{
    /// <summary>The region chart that counts triggers (its key also carries the region's trigger generation).</summary>
    public const string TriggerChart = "tindak-lanjut";

    private static readonly (string Name, FigureFamily Family)[] RegionCharts =
    [
        ("aktivitas", FigureFamily.Activity), ("pengisian", FigureFamily.Filing), ("predikat", FigureFamily.Predikat),
        ("kehadiran", FigureFamily.Attendance), ("ikm", FigureFamily.Ikm), (TriggerChart, FigureFamily.Period),
    ];

    private static readonly (string Name, FigureFamily Family)[] UnitCharts =
    [
        ("aktivitas", FigureFamily.Activity), ("kehadiran", FigureFamily.Attendance), ("ikm", FigureFamily.Ikm),
    ];

    /// <summary>The ids of a region's charts.</summary>
    public static IEnumerable<string> RegionChartIds(string region) => RegionCharts.Select(c => $"r.{region}.{c.Name}");

    /// <summary>The ids of a unit's charts.</summary>
    public static IEnumerable<string> UnitChartIds(string unit) => UnitCharts.Select(c => $"u.{unit}.{c.Name}");

    /// <summary>Waits until the region's charts and those of <paramref name="units"/> are drawn from the current figures.</summary>
    public static Task WaitAsync(LiveIndicators live, ChartCache cache, string region, params string[] units) =>
        WaitAsync(live, cache, region, triggerAnnouncements: 0, units);

    /// <summary>
    /// As <see cref="WaitAsync(LiveIndicators, ChartCache, string, string[])"/>, and the region's trigger-count chart is drawn
    /// with at least <paramref name="triggerAnnouncements"/> trigger announcements (its key counts them; each redraws it one
    /// chart pass after the screen received its <c>Trigger</c>, and the rules fire them in the background at any moment).
    /// </summary>
    public static async Task WaitAsync(LiveIndicators live, ChartCache cache, string region, int triggerAnnouncements, params string[] units)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? behind;
        while ((behind = Behind(live, cache, region, units, triggerAnnouncements)) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the chart {behind} was not drawn from the current figures");
            await Task.Delay(20);
        }
    }

    /// <summary>The first chart not drawn from the current figures, or null.</summary>
    private static string? Behind(LiveIndicators live, ChartCache cache, string region, string[] units, int triggerAnnouncements)
    {
        if (live.Region(region)?.Indicators is not { } figures)
        {
            return "r." + region + " (region not loaded)";
        }
        if (cache.Get($"r.{region}.{TriggerChart}")?.Key.Triggers < triggerAnnouncements)
        {
            return $"r.{region}.{TriggerChart} (not yet drawn with the {triggerAnnouncements} trigger announcements seen)";
        }
        foreach (var (name, family) in RegionCharts)
        {
            if (!CaughtUp(cache, $"r.{region}.{name}", figures.Families, family))
            {
                return $"r.{region}.{name}";
            }
        }
        foreach (var unit in units)
        {
            foreach (var (name, family) in UnitCharts)
            {
                if (!CaughtUp(cache, $"u.{unit}.{name}", figures.UnitFamilies[unit], family))
                {
                    return $"u.{unit}.{name}";
                }
            }
        }
        return null;
    }

    private static bool CaughtUp(ChartCache cache, string chartId, FamilyVersions families, FigureFamily family) =>
        cache.Get(chartId) is { } chart && chart.Key.DataVersion >= families.Of(family);
}
