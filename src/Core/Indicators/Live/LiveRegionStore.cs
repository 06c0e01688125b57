using System.Collections.Concurrent;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// The regions of the live model and where each employee and unit lives. Applies reads (a whole
/// region, or named employees and units) in memory and turns what they touched into
/// <see cref="IndicatorsChanged"/>, one per region, with that region's data version (moved only when its figures did).
/// </summary>
internal sealed partial class LiveRegionStore
{
    private readonly ConcurrentDictionary<string, LiveRegionState> _regions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _regionOfNip = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _regionOfUnit = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> RegionIds => _regions.Keys.ToArray();

    public LiveRegionState? Get(string regionId) => _regions.GetValueOrDefault(regionId);

    public LiveEmployee? Employee(string nip) =>
        _regionOfNip.TryGetValue(nip, out var region) && _regions.TryGetValue(region, out var s)
            ? s.Employees.GetValueOrDefault(nip)
            : null;

    public string? RegionOfUnit(string unitId) => _regionOfUnit.GetValueOrDefault(unitId);

    /// <summary>Replaces the named regions with a full read (every employee and unit of each).</summary>
    public IReadOnlyList<IndicatorsChanged> Load(PeriodPlan plan, LiveFacts facts, DateTimeOffset asOf)
    {
        var changes = new List<IndicatorsChanged>();
        var rowsByRegion = facts.Rows.ToLookup(r => r.RegionId, StringComparer.Ordinal);
        foreach (var regionId in plan.Regions.Keys)
        {
            var state = new LiveRegionState(plan, regionId, complete: true, _regions.GetValueOrDefault(regionId));
            state.SetUnits(facts.Units.Where(u => u.RegionId == regionId));
            foreach (var unit in facts.Units.Where(u => u.RegionId == regionId))
            {
                _regionOfUnit[unit.UnitId] = regionId;
            }
            foreach (var row in rowsByRegion[regionId])
            {
                state.Put(row.Nip, new LiveEmployee(SnapshotMapper.ToSnapshot(row, plan), row,
                    facts.Today.GetValueOrDefault(row.Nip), facts.Signatures.GetValueOrDefault(row.Nip)));
                _regionOfNip[row.Nip] = regionId;
                _regionOfUnit[row.UnitId] = regionId;
            }
            long version;
            lock (state.Sync)
            {
                version = state.Commit(asOf);
            }
            _regions[regionId] = state;
            changes.Add(new IndicatorsChanged(regionId, plan.Period.Key,
                state.Employees.Values.Select(e => e.Row.UnitId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
                [], version, Full: true));
        }
        return changes;
    }

    /// <summary>Applies a read of named employees (and the IKM of named units) of one month.</summary>
    public void Apply(PeriodPlan plan, LiveFacts facts, LiveTouches touches, ISet<string> seen)
    {
        foreach (var row in facts.Rows)
        {
            if (_regionOfNip.TryGetValue(row.Nip, out var oldRegion) && oldRegion != row.RegionId
                && _regions.TryGetValue(oldRegion, out var old))
            {
                lock (old.Sync)
                {
                    if (old.Remove(row.Nip, out var moved))
                    {
                        touches.Add(oldRegion, row.Nip, moved.Row.UnitId);
                    }
                }
            }
        }
        foreach (var regionRows in facts.Rows.GroupBy(r => r.RegionId, StringComparer.Ordinal))
        {
            var state = _regions.GetOrAdd(regionRows.Key, id => new LiveRegionState(plan, id, complete: false));
            lock (state.Sync)
            {
                foreach (var row in regionRows)
                {
                    seen.Add(row.Nip);
                    if (state.Employees.TryGetValue(row.Nip, out var previous) && previous.Row.UnitId != row.UnitId)
                    {
                        touches.Add(row.RegionId, null, previous.Row.UnitId);
                    }
                    state.Put(row.Nip, new LiveEmployee(SnapshotMapper.ToSnapshot(row, plan), row,
                        facts.Today.GetValueOrDefault(row.Nip), facts.Signatures.GetValueOrDefault(row.Nip)));
                    _regionOfNip[row.Nip] = row.RegionId;
                    _regionOfUnit[row.UnitId] = row.RegionId;
                    touches.Add(row.RegionId, row.Nip, row.UnitId);
                }
            }
        }
    }

    /// <summary>
    /// Applies cheap rows whose signature equals the held one: only the activity figures, today and the rules' levels
    /// moved, so the held row is copied with those and the snapshot remapped; no other read is needed.
    /// </summary>
    public void ApplyActivity(PeriodPlan plan, IEnumerable<(LiveEmployee Held, LiveSignatureRow Row)> updates, LiveTouches touches,
        ISet<string> seen)
    {
        foreach (var regionUpdates in updates.GroupBy(u => u.Row.RegionId, StringComparer.Ordinal))
        {
            if (!_regions.TryGetValue(regionUpdates.Key, out var state))
            {
                continue;
            }
            lock (state.Sync)
            {
                foreach (var (held, light) in regionUpdates)
                {
                    seen.Add(light.Nip);
                    var row = held.Row.Copy();
                    row.MinutesApproved = light.MinutesApproved;
                    row.MinutesPending = light.MinutesPending;
                    row.MinutesRejected = light.MinutesRejected;
                    row.ActivityDays = light.ActivityDays;
                    light.CopyLevelsTo(row);
                    state.Put(light.Nip, held with
                    {
                        Snapshot = SnapshotMapper.ToSnapshot(row, plan),
                        Row = row,
                        Today = light.Today,
                    });
                    touches.Add(light.RegionId, light.Nip, light.UnitId);
                }
            }
        }
    }

    /// <summary>Sets the IKM sums of the named units (a unit without answers in the months read gets zero).</summary>
    public void ApplyIkm(IReadOnlyCollection<string> units, IReadOnlyList<UnitFactsRow> sums)
    {
        var byUnit = sums.ToDictionary(s => s.UnitId, StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (RegionOfUnit(unit) is { } region && _regions.TryGetValue(region, out var state))
            {
                var sum = byUnit.GetValueOrDefault(unit);
                lock (state.Sync)
                {
                    state.SetIkm(unit, sum);
                }
            }
        }
    }

    /// <summary>Named employees that a read did not return are no longer active: they leave the live set.</summary>
    public void RemoveMissing(IEnumerable<string> named, ISet<string> seen, LiveTouches touches)
    {
        foreach (var gone in named.Where(n => !seen.Contains(n)))
        {
            if (_regionOfNip.TryRemove(gone, out var region) && _regions.TryGetValue(region, out var s))
            {
                lock (s.Sync)
                {
                    if (s.Remove(gone, out var removed))
                    {
                        touches.Add(region, gone, removed.Row.UnitId);
                    }
                }
            }
        }
    }

    /// <summary>
    /// One change per touched region, in region order, each with the region's data version after it (unchanged when the
    /// touched employees and units left the region's figures as they were).
    /// </summary>
    public IReadOnlyList<IndicatorsChanged> Commit(LiveTouches touches, DateTimeOffset asOf, bool levelsOnly = false) =>
        Commit(touches, asOf, out _, levelsOnly);

    /// <inheritdoc cref="Commit(LiveTouches, DateTimeOffset, bool)"/>
    /// <param name="counts">What the commits did: regions committed, unit rows rebuilt, versions moved.</param>
    public IReadOnlyList<IndicatorsChanged> Commit(LiveTouches touches, DateTimeOffset asOf, out LiveCommitCounts counts,
        bool levelsOnly = false)
    {
        var changes = new List<IndicatorsChanged>();
        counts = default;
        foreach (var (region, nips, units) in touches.ByRegion())
        {
            if (!_regions.TryGetValue(region, out var state))
            {
                continue;
            }
            long version;
            lock (state.Sync)
            {
                var before = state.Version;
                version = state.Commit(asOf);
                counts += new LiveCommitCounts(1, state.LastUnitsBuilt, version != before ? 1 : 0);
            }
            changes.Add(new IndicatorsChanged(region, state.Month.Key, units, nips, version, Full: false) { LevelsOnly = levelsOnly });
        }
        return changes;
    }
}
