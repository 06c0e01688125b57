using System.Collections.Concurrent;
using Kinerja.Core.Domain;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// The live state of one region for its current month: the active employees, the unit list (names,
/// unit predicates, IKM sums) and a data version. Writers change it under <see cref="Sync"/> after
/// their database read finished; <see cref="Read"/> aggregates it once per version.
/// </summary>
internal sealed class LiveRegionState(PeriodPlan plan, string regionId, long version, bool complete)
{
    private readonly Dictionary<string, UnitFactsRow> _units = new(StringComparer.Ordinal);
    private readonly List<string> _unitOrder = [];
    private LiveRegionRead? _read;
    private long _version = version;

    /// <summary>Held while the state changes or is aggregated (never across a database call).</summary>
    public object Sync { get; } = new();

    public PeriodPlan Plan { get; } = plan;

    public string RegionId { get; } = regionId;

    public Period Month => Plan.Period;

    public DateOnly Today => Plan.Regions[RegionId].Today;

    /// <summary>False for a region first seen through an incremental change (no unit list yet): not readable until loaded.</summary>
    public bool Complete { get; } = complete;

    public long Version => Interlocked.Read(ref _version);

    /// <summary>When the read behind the latest change started: everything committed before it that was announced is in.</summary>
    public DateTimeOffset AsOf { get; private set; }

    public ConcurrentDictionary<string, LiveEmployee> Employees { get; } = new(StringComparer.Ordinal);

    /// <summary>Sets the unit list from a full unit read (in the order read).</summary>
    public void SetUnits(IEnumerable<UnitFactsRow> units)
    {
        foreach (var u in units)
        {
            if (_units.TryAdd(u.UnitId, u))
            {
                _unitOrder.Add(u.UnitId);
            }
        }
    }

    /// <summary>New IKM sums of a unit; false when the unit is not in this region.</summary>
    public bool SetIkm(string unitId, long sum, int count)
    {
        if (!_units.TryGetValue(unitId, out var unit))
        {
            return false;
        }
        unit.IkmSum = sum;
        unit.IkmCount = count;
        return true;
    }

    /// <summary>Marks a change read at <paramref name="asOf"/>; returns the new version. Call under <see cref="Sync"/>.</summary>
    public long Bump(DateTimeOffset asOf)
    {
        if (asOf > AsOf)
        {
            AsOf = asOf;
        }
        return Interlocked.Increment(ref _version);
    }

    /// <summary>The unit snapshots the rules read, counted from the current state; null until the region is loaded.</summary>
    public IReadOnlyList<UnitSnapshot>? UnitSnapshots()
    {
        if (!Complete)
        {
            return null;
        }
        lock (Sync)
        {
            return LiveRegionAggregator.UnitSnapshots(Plan, _unitOrder.Select(id => _units[id]).ToArray(), Employees.Values);
        }
    }

    /// <summary>The region's indicators at the current version, aggregated at most once per version.</summary>
    public LiveRegionRead? Read()
    {
        if (!Complete)
        {
            return null;
        }
        lock (Sync)
        {
            if (_read is { } cached && cached.Version == Version)
            {
                return cached;
            }
            var units = _unitOrder.Select(id => _units[id]).ToArray();
            _read = new LiveRegionRead(LiveRegionAggregator.Build(Plan, RegionId, units, Employees.Values), Version, AsOf);
            return _read;
        }
    }
}

/// <summary>A region's indicators from the live model, with its data version and the instant they are current as of.</summary>
/// <param name="Indicators">Region totals with one row per unit, equal to <see cref="IIndicatorQueries.RegionAsync"/> at the same data.</param>
/// <param name="Version">The region's live data version (increases with every change).</param>
/// <param name="AsOf">When the read behind the latest applied change started.</param>
public sealed record LiveRegionRead(RegionIndicators Indicators, long Version, DateTimeOffset AsOf);
