namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// Which <see cref="FigureFamily"/> of a group moved between two aggregations: part of the one comparison in
/// <see cref="LiveRegionState.Commit"/>. Each family compares exactly the figures its charts draw (with the period, the
/// day and, where a chart divides by it or suppresses small groups, the head count), so a family's version moves when
/// its charts would look different and stays when they would not.
/// </summary>
internal static class FigureFamilies
{
    private static readonly FigureFamily[] All = Enum.GetValues<FigureFamily>();

    /// <summary>The families of one group (a region's own figures or one unit row) that differ; all of them when nothing was held.</summary>
    public static List<FigureFamily> Changed(GroupIndicators? held, GroupIndicators now) =>
        held is null ? [.. All] : All.Where(f => !Same(f, held, now)).ToList();

    /// <summary>
    /// The families of a region that differ: its own figures and, because the region's charts draw one bar per unit, every
    /// unit row's (a changed unit list moves them all).
    /// </summary>
    public static List<FigureFamily> ChangedInRegion(RegionIndicators? held, RegionIndicators now)
    {
        if (held is null || !held.Units.Select(u => (u.UnitId, u.Name)).SequenceEqual(now.Units.Select(u => (u.UnitId, u.Name))))
        {
            return [.. All];
        }
        var changed = new HashSet<FigureFamily>(Changed(held, now));
        for (var i = 0; i < now.Units.Count && changed.Count < All.Length; i++)
        {
            if (held.Units[i] != now.Units[i])
            {
                changed.UnionWith(Changed(held.Units[i], now.Units[i]));
            }
        }
        return [.. changed];
    }

    private static bool Same(FigureFamily family, GroupIndicators a, GroupIndicators b) => family switch
    {
        FigureFamily.Activity => (a.Period, a.Today, a.EmployeeCount, a.ActivityMinutes, a.ActivityMinutesPending,
                a.ActivityTargetMinutes, a.ActivityPct, a.WorkingDays, a.WorkingDaysElapsed)
            == (b.Period, b.Today, b.EmployeeCount, b.ActivityMinutes, b.ActivityMinutesPending,
                b.ActivityTargetMinutes, b.ActivityPct, b.WorkingDays, b.WorkingDaysElapsed),
        FigureFamily.Filing => (a.Period, a.Today, a.EmployeeCount, a.FiledToday, a.FilingRateToday)
            == (b.Period, b.Today, b.EmployeeCount, b.FiledToday, b.FilingRateToday),
        FigureFamily.Attendance => (a.Period, a.Today, a.EmployeeCount, a.AttendanceToday)
            == (b.Period, b.Today, b.EmployeeCount, b.AttendanceToday),
        FigureFamily.Predikat => (a.Period, a.Predikat, UnitPredikat(a)) == (b.Period, b.Predikat, UnitPredikat(b)),
        FigureFamily.Ikm => (a.Period, Ikm(a)) == (b.Period, Ikm(b)),
        FigureFamily.Period => a.Period == b.Period,
        _ => false,
    };

    private static string? UnitPredikat(GroupIndicators g) => (g as UnitIndicators)?.UnitPredikat;

    private static (double? Ikm, string? Band, int Count) Ikm(GroupIndicators g) => g switch
    {
        RegionIndicators r => (r.Ikm, r.IkmBand, r.IkmCount),
        UnitIndicators u => (u.Ikm, u.IkmBand, u.IkmCount),
        _ => (null, null, 0),
    };
}
