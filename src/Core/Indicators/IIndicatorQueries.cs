using Kinerja.Core.Domain;

namespace Kinerja.Core.Indicators;

/// <summary>
/// The indicators read model (issue 4): employee, unit and region indicators for a local day,
/// month, quarter or year, computed set-based from the rollups. A null period means the current
/// month in the subject's region time zone. Unknown subjects give null.
/// </summary>
public interface IIndicatorQueries
{
    /// <summary>One employee's snapshot, or null when the NIP is not an employee.</summary>
    Task<IndicatorSnapshot?> EmployeeAsync(string nip, Period? period = null, CancellationToken ct = default);

    /// <summary>Snapshots of every employee the filter selects, in one query, ordered by NIP.</summary>
    Task<IReadOnlyList<IndicatorSnapshot>> EmployeesAsync(Period period, EmployeeFilter? filter = null,
        CancellationToken ct = default);

    /// <summary>A unit's aggregate indicators, or null when the unit does not exist.</summary>
    Task<UnitIndicators?> UnitAsync(string unitId, Period? period = null, CancellationToken ct = default);

    /// <summary>A region's aggregate indicators with one row per unit, or null when the region does not exist.</summary>
    Task<RegionIndicators?> RegionAsync(string regionId, Period? period = null, CancellationToken ct = default);

    /// <summary>Predicate distribution and IKM of every unit (of one region when given): the <c>distribusi</c> input.</summary>
    Task<IReadOnlyList<UnitSnapshot>> UnitSnapshotsAsync(Period period, string? regionId = null,
        CancellationToken ct = default);

    /// <summary>
    /// Snapshots for every period of <paramref name="from"/>'s kind from <paramref name="from"/> to
    /// <paramref name="to"/> inclusive, one set-based query per period (rules backtests).
    /// </summary>
    IAsyncEnumerable<IndicatorSnapshot> HistoryAsync(Period from, Period to, EmployeeFilter? filter = null,
        CancellationToken ct = default);

    /// <summary>The current month in a region's time zone, or null when the region does not exist.</summary>
    Task<Period?> CurrentMonthAsync(string regionId, CancellationToken ct = default);
}
