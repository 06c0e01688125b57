using Kinerja.Core.Domain;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// The per-unit figures the unit statement computes in SQL (head count, today's filing and attendance, predicate
/// counts), counted from the live employees: for the rules' unit snapshots (<see cref="UnitSnapshots"/>) and, one
/// employee at a time, for the running unit tallies of the region figures (<see cref="LiveUnitTally"/>), so both equal
/// the database read at the same data.
/// </summary>
internal static class LiveRegionAggregator
{
    /// <summary>
    /// The region's unit snapshots for the rules (<see cref="IIndicatorQueries.UnitSnapshotsAsync"/> at the same
    /// data): head count, predicate distribution and IKM counted from the live employees and units.
    /// </summary>
    public static IReadOnlyList<UnitSnapshot> UnitSnapshots(PeriodPlan plan, IReadOnlyList<UnitFactsRow> units,
        IEnumerable<LiveEmployee> employees) =>
        CountUnits(units, employees).Select(u => UnitSnapshotMapper.ToSnapshot(u, plan.Period.Key)).ToArray();

    /// <summary>Fresh unit rows (in the given order) with the per-unit figures the unit statement computes in SQL.</summary>
    private static UnitFactsRow[] CountUnits(IReadOnlyList<UnitFactsRow> units, IEnumerable<LiveEmployee> employees)
    {
        var byUnit = units.ToDictionary(u => u.UnitId, u => Fresh(u), StringComparer.Ordinal);
        foreach (var e in employees)
        {
            if (!e.Row.Active || !byUnit.TryGetValue(e.Row.UnitId, out var unit))
            {
                continue;
            }
            Count(unit, e, 1);
        }
        return units.Select(u => byUnit[u.UnitId]).ToArray();
    }

    /// <summary>
    /// Counts an active employee into (<paramref name="by"/> 1) or out of (-1) the unit's head count, today's filing and
    /// attendance and its predicate distribution.
    /// </summary>
    public static void Count(UnitFactsRow unit, LiveEmployee e, int by)
    {
        unit.EmployeeCount += by;
        Count(unit, e.Today, by);
        Count(unit, e.Row.Predikat, by);
    }

    /// <summary>A unit row with the unit's own fields and IKM figures and every counted figure zero.</summary>
    public static UnitFactsRow Fresh(UnitFactsRow u)
    {
        var fresh = new UnitFactsRow { UnitId = u.UnitId, RegionId = u.RegionId, Name = u.Name, UnitPredikat = u.UnitPredikat };
        fresh.CopyIkmFrom(u);
        return fresh;
    }

    private static void Count(UnitFactsRow unit, EmployeeToday? today, int by)
    {
        if (today is null)
        {
            return;
        }
        unit.FiledToday += today.Filed ? by : 0;
        switch (today.Status)
        {
            case AttendanceStatus.Hadir: unit.TodayHadir += by; break;
            case AttendanceStatus.Terlambat: unit.TodayTerlambat += by; break;
            case AttendanceStatus.Izin: unit.TodayIzin += by; break;
            case AttendanceStatus.Sakit: unit.TodaySakit += by; break;
            case AttendanceStatus.Cuti: unit.TodayCuti += by; break;
            case AttendanceStatus.DinasLuar: unit.TodayDinasLuar += by; break;
            case AttendanceStatus.TanpaKeterangan: unit.TodayTks += by; break;
        }
    }

    private static void Count(UnitFactsRow unit, string? predikat, int by)
    {
        switch (predikat)
        {
            case Predikat.SangatBaik: unit.SangatBaik += by; break;
            case Predikat.Baik: unit.Baik += by; break;
            case Predikat.ButuhPerbaikan: unit.ButuhPerbaikan += by; break;
            case Predikat.KurangMisconduct: unit.KurangMisconduct += by; break;
            case Predikat.SangatKurang: unit.SangatKurang += by; break;
        }
    }
}
