using Kinerja.Core.Domain;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// Builds a region's <see cref="RegionIndicators"/> from the live employees in memory: the per-unit
/// figures the unit statement computes in SQL (head count, today's filing and attendance, predicate
/// counts) are counted from the employees here, then the same <see cref="IndicatorQueries.BuildRegion"/>
/// pools them, so the result equals the database read at the same data.
/// </summary>
internal static class LiveRegionAggregator
{
    public static RegionIndicators Build(PeriodPlan plan, string regionId, IReadOnlyList<UnitFactsRow> units,
        IEnumerable<LiveEmployee> employees)
    {
        var (ordered, rows) = CountUnits(units, employees);
        return IndicatorQueries.BuildRegion(plan, plan.Regions[regionId].Calendar, ordered, rows);
    }

    /// <summary>
    /// The region's unit snapshots for the rules (<see cref="IIndicatorQueries.UnitSnapshotsAsync"/> at the same
    /// data): head count, predicate distribution and IKM counted from the live employees and units.
    /// </summary>
    public static IReadOnlyList<UnitSnapshot> UnitSnapshots(PeriodPlan plan, IReadOnlyList<UnitFactsRow> units,
        IEnumerable<LiveEmployee> employees) =>
        CountUnits(units, employees).Units.Select(u => UnitSnapshotMapper.ToSnapshot(u, plan.Period.Key)).ToArray();

    /// <summary>
    /// Fresh unit rows (in the given order) with the per-unit figures the unit statement computes in SQL, and
    /// the active employees' rows.
    /// </summary>
    private static (UnitFactsRow[] Units, List<EmployeeFactsRow> Rows) CountUnits(IReadOnlyList<UnitFactsRow> units,
        IEnumerable<LiveEmployee> employees)
    {
        var byUnit = units.ToDictionary(u => u.UnitId, u => Fresh(u), StringComparer.Ordinal);
        var rows = new List<EmployeeFactsRow>();
        foreach (var e in employees)
        {
            if (!e.Row.Active || !byUnit.TryGetValue(e.Row.UnitId, out var unit))
            {
                continue;
            }
            rows.Add(e.Row);
            unit.EmployeeCount++;
            Count(unit, e.Today);
            Count(unit, e.Row.Predikat);
        }
        return (units.Select(u => byUnit[u.UnitId]).ToArray(), rows);
    }

    private static UnitFactsRow Fresh(UnitFactsRow u)
    {
        var fresh = new UnitFactsRow { UnitId = u.UnitId, RegionId = u.RegionId, Name = u.Name, UnitPredikat = u.UnitPredikat };
        fresh.CopyIkmFrom(u);
        return fresh;
    }

    private static void Count(UnitFactsRow unit, EmployeeToday? today)
    {
        if (today is null)
        {
            return;
        }
        unit.FiledToday += today.Filed ? 1 : 0;
        switch (today.Status)
        {
            case AttendanceStatus.Hadir: unit.TodayHadir++; break;
            case AttendanceStatus.Terlambat: unit.TodayTerlambat++; break;
            case AttendanceStatus.Izin: unit.TodayIzin++; break;
            case AttendanceStatus.Sakit: unit.TodaySakit++; break;
            case AttendanceStatus.Cuti: unit.TodayCuti++; break;
            case AttendanceStatus.DinasLuar: unit.TodayDinasLuar++; break;
            case AttendanceStatus.TanpaKeterangan: unit.TodayTks++; break;
        }
    }

    private static void Count(UnitFactsRow unit, string? predikat)
    {
        switch (predikat)
        {
            case Predikat.SangatBaik: unit.SangatBaik++; break;
            case Predikat.Baik: unit.Baik++; break;
            case Predikat.ButuhPerbaikan: unit.ButuhPerbaikan++; break;
            case Predikat.KurangMisconduct: unit.KurangMisconduct++; break;
            case Predikat.SangatKurang: unit.SangatKurang++; break;
        }
    }
}
