using Kinerja.Core.Indicators;
using Kinerja.Core.Privacy;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// Turns a region's indicators into the payloads of its groups. Public payloads are built from
/// unit aggregates only: no NIP or name can reach them, and units below the privacy minimum are
/// suppressed (null figures, shown as "—").
/// </summary>
public static class BoardComposer
{
    public static IndicatorsPayload Region(RegionIndicators r, long version, DateTimeOffset asOf) =>
        Payload(BoardGroup.Region(r.RegionId), r, version, asOf, Figures(r, r.Ikm, r.IkmBand) with { IkmRespondents = r.IkmCount },
            r.Units.Select(u => Row(u, suppressed: false)).ToArray());

    public static IndicatorsPayload Unit(RegionIndicators r, UnitIndicators u, long version, DateTimeOffset asOf) =>
        Payload(BoardGroup.Unit(u.UnitId), r, version, asOf, Figures(u, u.Ikm, u.IkmBand) with { IkmRespondents = u.IkmCount },
            [Row(u, suppressed: false)]);

    public static IndicatorsPayload Public(RegionIndicators r, SmallGroups smallGroups, long version, DateTimeOffset asOf)
    {
        // The privacy floor also holds for citizen answers: an IKM of fewer respondents than the minimum is withheld.
        var rows = r.Units.Select(u => PublicIkm(Row(u, suppressed: !smallGroups.IsPublishable(u.EmployeeCount)), smallGroups))
            .ToArray();
        var ikmShown = smallGroups.IsPublishable(r.IkmCount);
        var figures = !smallGroups.IsPublishable(r.EmployeeCount)
            ? new HeadlineFigures(null, null, null, null, null, null, null, null, null, null, null, null)
            : Figures(r, ikmShown ? r.Ikm : null, ikmShown ? r.IkmBand : null) with
            {
                FiledToday = null, AttendanceToday = null, IkmRespondents = r.IkmCount,
            };
        return Payload(BoardGroup.Public(r.RegionId), r, version, asOf, figures, rows);
    }

    /// <summary>The payload of one of the region's groups (a unit group names a unit of <paramref name="r"/>).</summary>
    public static IndicatorsPayload For(BoardGroup group, RegionIndicators r, SmallGroups smallGroups, long version,
        DateTimeOffset asOf) => group.Kind switch
    {
        BoardGroupKind.Region => Region(r, version, asOf),
        BoardGroupKind.Public => Public(r, smallGroups, version, asOf),
        _ => Unit(r, r.Units.First(u => u.UnitId == group.Id), version, asOf),
    };

    public static double AttendanceRate(GroupIndicators g) =>
        g.EmployeeCount == 0 ? 0
            : Math.Round(100.0 * (g.AttendanceToday.Hadir + g.AttendanceToday.Terlambat + g.AttendanceToday.DinasLuar)
                / g.EmployeeCount, 1);

    private static IndicatorsPayload Payload(BoardGroup group, RegionIndicators r, long version, DateTimeOffset asOf,
        HeadlineFigures figures, IReadOnlyList<UnitRow> units) =>
        new(group.Name, version, asOf, r.RegionId, r.Name, r.TimeZone, TriggerLabels.Zone(r.TimeZone), r.Period,
            r.Today, figures, units, r.WorkingDayToday);

    private static HeadlineFigures Figures(GroupIndicators g, double? ikm, string? ikmBand)
    {
        var a = g.AttendanceToday;
        var p = g.Predikat;
        return new HeadlineFigures(g.EmployeeCount, g.FilingRateToday, g.FiledToday, g.ActivityMinutes,
            g.ActivityMinutesPending, g.ActivityTargetMinutes, g.ActivityPct, AttendanceRate(g),
            new AttendanceFigures(a.Hadir, a.Terlambat, a.Izin, a.Sakit, a.Cuti, a.DinasLuar, a.TanpaKeterangan, a.NotRecorded),
            new PredikatFigures(p.RatedCount, p.SangatBaik, p.Baik, p.ButuhPerbaikan, p.KurangMisconduct, p.SangatKurang,
                p.SangatBaikPct, p.BaikPct, p.ButuhPerbaikanPct, p.KurangMisconductPct, p.SangatKurangPct),
            ikm, ikmBand);
    }

    private static UnitRow Row(UnitIndicators u, bool suppressed) => suppressed
        ? new UnitRow(u.UnitId, u.Name, true, null, null, null, null, null, null)
        : new UnitRow(u.UnitId, u.Name, false, u.EmployeeCount, u.FilingRateToday, u.ActivityPct, AttendanceRate(u),
            u.Ikm, u.UnitPredikat, u.IkmCount);

    private static UnitRow PublicIkm(UnitRow row, SmallGroups smallGroups) =>
        row.Suppressed || smallGroups.IsPublishable(row.IkmRespondents ?? 0) ? row : row with { Ikm = null };
}
