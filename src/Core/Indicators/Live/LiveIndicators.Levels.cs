namespace Kinerja.Core.Indicators.Live;

// The rules' levels (a rule output) applied to the live model.
public sealed partial class LiveIndicators
{
    /// <summary>
    /// Applies levels the rules stored (<c>kinerja_levels</c>) without a read. Levels of the held month: the employees'
    /// snapshots take the values and a <see cref="IndicatorsChanged.LevelsOnly"/> change is published (screens redraw; the
    /// rules do not evaluate their own output again). Levels of a period before it (a closed month's, stored when
    /// a process takes over the rules) are history inputs of the current month: only the employees' predicate history
    /// moves, and a normal change names them, so the rules evaluate exactly those employees on their new history (their
    /// snapshots differ) and skip them when it is the history they were already evaluated on. The region's figures
    /// hold no history, so its data version does not move for it. Levels equal to the held ones change nothing.
    /// </summary>
    public async Task ApplyLevelsAsync(IReadOnlyList<Changes.LevelChange> levels, CancellationToken ct = default)
    {
        if (levels.Count == 0)
        {
            return;
        }
        await RunAsync(() =>
        {
            var current = new LiveTouches();
            var history = new LiveTouches();
            _store.ApplyLevels(levels, current, history);
            var now = _time.GetUtcNow();
            var changes = _store.Commit(current, now, levelsOnly: true).Concat(_store.Commit(history, now)).ToArray();
            foreach (var change in changes)
            {
                _subscribers.Publish(change);
            }
            if (changes.Length > 0)
            {
                Interlocked.Increment(ref _levelUpdates);
            }
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>
    /// Query for the rules: the current-month snapshots of a region's active employees (all, or those of
    /// <paramref name="nips"/>) as they will be once <paramref name="pending"/> (levels the rules stored and sent on
    /// <c>kinerja_levels</c>, perhaps not applied here yet) are applied. Nothing is written: the levels reach the model
    /// on the feed (<see cref="ApplyLevelsAsync"/>). Empty when the region is not loaded.
    /// </summary>
    public IReadOnlyList<IndicatorSnapshot> RegionEmployees(string regionId, IReadOnlyCollection<string>? nips,
        IReadOnlyCollection<Changes.LevelChange> pending) =>
        _store.EmployeesWith(regionId, nips, pending) is { } employees ? [.. employees.Select(e => e.Snapshot)] : [];

    /// <summary>
    /// Query for the rules: the region's unit snapshots (<c>distribusi</c> input) as they will be once
    /// <paramref name="pending"/> are applied, without writing them; null when the region is not loaded.
    /// </summary>
    public IReadOnlyList<UnitSnapshot>? UnitSnapshots(string regionId, IReadOnlyCollection<Changes.LevelChange> pending) =>
        _store.UnitSnapshotsWith(regionId, pending);

    /// <summary>True when the model already holds <paramref name="level"/> (or never will: employee or period not held).</summary>
    public bool Holds(Changes.LevelChange level) => _store.Holds(level);
}
