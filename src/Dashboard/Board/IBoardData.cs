using Kinerja.Core.Indicators;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// What the boards read: the indicators of a region (with its units) from the in-memory live model,
/// plus the few series only the charts need. One adapter (<see cref="BoardData"/>) binds it to
/// <see cref="Kinerja.Core.Indicators.Live.LiveIndicators"/>, PostgreSQL and <see cref="IIndicatorQueries"/>.
/// </summary>
public interface IBoardData
{
    /// <summary>
    /// Current-month indicators of a region with one row per unit and the instant they are complete as of;
    /// null when the region does not exist.
    /// </summary>
    Task<RegionRead?> RegionAsync(string regionId, CancellationToken ct);

    /// <summary>The region of a unit, or null when the unit does not exist.</summary>
    Task<string?> RegionOfUnitAsync(string unitId, CancellationToken ct);

    /// <summary>Approved and pending activity minutes per local day of the region (optionally one unit), days in [from, to].</summary>
    Task<IReadOnlyList<DailyMinutes>> DailyMinutesAsync(string regionId, string? unitId, DateOnly from, DateOnly to,
        CancellationToken ct);

    /// <summary>IKM per month (oldest first) for the given month keys (<c>YYYY-MM</c>).</summary>
    Task<IReadOnlyList<MonthValue>> IkmTrendAsync(string regionId, string? unitId, IReadOnlyList<string> months,
        CancellationToken ct);

    /// <summary>Trigger counts per period and kind for the given month keys.</summary>
    Task<IReadOnlyList<TriggerCount>> TriggerCountsAsync(string regionId, string? unitId, IReadOnlyList<string> months,
        CancellationToken ct);

    /// <summary>The most recent triggers of a region (optionally one unit), newest first.</summary>
    Task<IReadOnlyList<TriggerItem>> RecentTriggersAsync(string regionId, string? unitId, int limit, CancellationToken ct);
}

/// <summary>A region's indicators, their data version and the instant they are complete as of (every change announced before it is in).</summary>
/// <param name="Version">
/// The live model's data version of the region (see <see cref="Kinerja.Core.Indicators.Live.LiveRegionRead.Version"/>):
/// equal versions carry equal figures. Zero for a database read before the live model has loaded the region.
/// </param>
public sealed record RegionRead(RegionIndicators Indicators, long Version, DateTimeOffset AsOf);

/// <summary>Activity minutes of one local day.</summary>
public sealed record DailyMinutes(DateOnly Day, long Approved, long Pending);

/// <summary>A value for one month; null when there is none.</summary>
public sealed record MonthValue(string Month, double? Value, long Count);

/// <summary>Number of triggers of a kind in a period.</summary>
public sealed record TriggerCount(string Period, string Kind, int Count);
