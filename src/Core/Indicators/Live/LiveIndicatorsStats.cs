namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// Counters of <see cref="LiveIndicators"/>: they show that an incremental update recomputes only
/// the subjects a change names (<see cref="LastEmployeesRecomputed"/> = changed NIPs), while a full
/// load recomputes a whole region.
/// </summary>
public sealed record LiveIndicatorsStats(
    long FullLoads,
    long IncrementalUpdates,
    long EmployeesRecomputed,
    int LastEmployeesRecomputed,
    int LastQueries,
    TimeSpan LastDuration)
{
    /// <summary>Time spent in incremental updates since start (reads plus in-memory apply).</summary>
    public TimeSpan IncrementalDuration { get; init; }

    /// <summary>Rule-stored levels applied in memory (<c>kinerja_levels</c>): no read, no recompute.</summary>
    public long LevelUpdates { get; init; }

    /// <summary>Where the incremental updates' time went, by phase, with the load-independent counts.</summary>
    public LiveUpdatePhaseStats Phases { get; init; } = LiveUpdatePhaseStats.None;
}
