using Kinerja.Core.Changes;

namespace Kinerja.Core.Indicators.Live;

/// <summary>The rules' levels in the live model: taken from <c>kinerja_levels</c>, or laid over the held employees without writing them.</summary>
internal sealed partial class LiveRegionStore
{
    /// <summary>
    /// Applies levels the rules stored to the held employees, without a read: a level of the held month is copied into
    /// the row (<paramref name="current"/>: the region's figures may move), a level of one of the periods before it
    /// (<see cref="PeriodPlan.PreviousKeys"/>) sets that period's bit in the row's predicate history masks
    /// (<paramref name="history"/>: only the employee's history inputs move, which the rules read and no board draws).
    /// Levels equal to the held ones, levels of other periods and levels of employees not held (inactive or unknown: no
    /// live figure depends on them) change nothing. The levels are not part of the held signature: the employee's next
    /// change takes the levels it reads from the cheap read (<see cref="LiveSignatureRow.CopyLevelsTo"/>).
    /// </summary>
    public void ApplyLevels(IEnumerable<LevelChange> levels, LiveTouches current, LiveTouches history)
    {
        foreach (var level in levels)
        {
            if (!_regionOfNip.TryGetValue(level.Nip, out var region) || !_regions.TryGetValue(region, out var state))
            {
                continue;
            }
            lock (state.Sync)
            {
                if (!state.Employees.TryGetValue(level.Nip, out var held))
                {
                    continue;
                }
                if (WithLevel(state, held, level, out var isCurrent) is not { } updated)
                {
                    continue;
                }
                (isCurrent ? current : history).Add(region, level.Nip, updated.Row.UnitId);
                state.Put(level.Nip, updated);
            }
        }
    }

    /// <summary>
    /// The employee with <paramref name="level"/> taken (a level of the held month: the ratings and predicate; of an
    /// earlier month: the predicate history), or null when it changes nothing. Nothing is written.
    /// </summary>
    private static LiveEmployee? WithLevel(LiveRegionState state, LiveEmployee held, LevelChange level, out bool current)
    {
        var row = held.Row.Copy();
        current = state.Month.Key == level.Period;
        if (current)
        {
            if ((row.RatingHasilKerja, row.RatingPerilaku, row.Predikat)
                == (level.RatingHasilKerja, level.RatingPerilaku, level.Predikat))
            {
                return null;
            }
            row.RatingHasilKerja = level.RatingHasilKerja;
            row.RatingPerilaku = level.RatingPerilaku;
            row.Predikat = level.Predikat;
        }
        else if (!PredikatHistory.Set(row, Array.IndexOf(state.Plan.PreviousKeys, level.Period), level.Predikat))
        {
            return null;
        }
        return held with { Snapshot = SnapshotMapper.ToSnapshot(row, state.Plan), Row = row };
    }

    /// <summary>
    /// The region's active employees (all, or those of <paramref name="nips"/>) as they will be once
    /// <paramref name="levels"/> are applied (levels of others, or already held, change nothing), without writing them;
    /// null when the region is not loaded.
    /// </summary>
    public IReadOnlyList<LiveEmployee>? EmployeesWith(string regionId, IReadOnlyCollection<string>? nips,
        IReadOnlyCollection<LevelChange> levels)
    {
        if (!_regions.TryGetValue(regionId, out var state) || !state.Complete)
        {
            return null;
        }
        lock (state.Sync)
        {
            var employees = nips is null
                ? new Dictionary<string, LiveEmployee>(state.Employees, StringComparer.Ordinal)
                : nips.Select(n => state.Employees.GetValueOrDefault(n)).OfType<LiveEmployee>().ToDictionary(e => e.Snapshot.Nip, StringComparer.Ordinal);
            foreach (var level in levels)
            {
                if (employees.TryGetValue(level.Nip, out var held) && WithLevel(state, held, level, out _) is { } updated)
                {
                    employees[level.Nip] = updated;
                }
            }
            return [.. employees.Values];
        }
    }

    /// <summary>The region's unit snapshots once <paramref name="levels"/> are applied, without writing them.</summary>
    public IReadOnlyList<UnitSnapshot>? UnitSnapshotsWith(string regionId, IReadOnlyCollection<LevelChange> levels) =>
        !_regions.TryGetValue(regionId, out var state) ? null
        : levels.Count == 0 ? state.UnitSnapshots() // nothing laid over: no copy of the region's employees
        : EmployeesWith(regionId, null, levels) is { } employees ? state.UnitSnapshots(employees) : null;

    /// <summary>True when the model holds <paramref name="level"/> already, or never will (employee or period not held).</summary>
    public bool Holds(LevelChange level)
    {
        if (!_regionOfNip.TryGetValue(level.Nip, out var region) || !_regions.TryGetValue(region, out var state))
        {
            return true;
        }
        lock (state.Sync)
        {
            return !state.Employees.TryGetValue(level.Nip, out var held) || WithLevel(state, held, level, out _) is null;
        }
    }
}
