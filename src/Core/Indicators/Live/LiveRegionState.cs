using System.Collections.Concurrent;
using Kinerja.Core.Domain;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// The live state of one region for its current month: the active employees, the unit list (names,
/// unit predicates, IKM sums) and the region's data version. Writers change it under <see cref="Sync"/> after
/// their database read finished, then <see cref="Commit"/> aggregates it once and moves the version only when
/// the figures differ from the last committed ones: the one data version every screen and region chart keys on. Each
/// unit keeps the region version at which its own row last changed (<see cref="RegionIndicators.UnitVersions"/>), which
/// that unit's charts key on.
/// </summary>
internal sealed class LiveRegionState(PeriodPlan plan, string regionId, bool complete, LiveRegionState? previous = null)
{
    private static readonly UnitIndicators[] NoUnits = [];
    private static readonly IReadOnlyDictionary<string, long> NoVersions = new Dictionary<string, long>();
    private static readonly IReadOnlyDictionary<string, FamilyVersions> NoFamilies = new Dictionary<string, FamilyVersions>();
    private readonly Dictionary<string, UnitFactsRow> _units = new(StringComparer.Ordinal);
    private readonly List<string> _unitOrder = [];
    private readonly Dictionary<string, LiveUnitTally> _tallies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LiveEmployee> _employees = new(StringComparer.Ordinal);
    private RegionIndicators? _figures = previous?._figures;
    private long _version = previous?.Version ?? 0;

    /// <summary>Held while the state changes or is aggregated (never across a database call).</summary>
    public object Sync { get; } = new();

    public PeriodPlan Plan { get; } = plan;

    public string RegionId { get; } = regionId;

    public Period Month => Plan.Period;

    public DateOnly Today => Plan.Regions[RegionId].Today;

    /// <summary>False for a region first seen through an incremental change (no unit list yet): not readable until loaded.</summary>
    public bool Complete { get; } = complete;

    public long Version => Interlocked.Read(ref _version);

    /// <summary>Unit rows the latest <see cref="Commit"/> rebuilt from their tallies (a load-independent cost counter).</summary>
    public int LastUnitsBuilt { get; private set; }

    /// <summary>When the read behind the latest change started: everything committed before it that was announced is in.</summary>
    public DateTimeOffset AsOf { get; private set; }

    /// <summary>The held employees by NIP (readable without <see cref="Sync"/>; changed only by <see cref="Put"/> and <see cref="Remove"/>).</summary>
    public IReadOnlyDictionary<string, LiveEmployee> Employees => _employees;

    /// <summary>Sets the unit list from a full unit read (in the order read), before any employee is put.</summary>
    public void SetUnits(IEnumerable<UnitFactsRow> units)
    {
        foreach (var u in units)
        {
            if (_units.TryAdd(u.UnitId, u))
            {
                _unitOrder.Add(u.UnitId);
                _tallies[u.UnitId] = new LiveUnitTally(Plan.Regions[RegionId], Month.Key);
            }
        }
    }

    /// <summary>Holds <paramref name="employee"/> (new, or replacing the held one) and moves its units' tallies. Call under <see cref="Sync"/>.</summary>
    public void Put(string nip, LiveEmployee employee)
    {
        if (_employees.TryGetValue(nip, out var held))
        {
            _tallies.GetValueOrDefault(held.Row.UnitId)?.Remove(held);
        }
        _employees[nip] = employee;
        _tallies.GetValueOrDefault(employee.Row.UnitId)?.Add(employee);
    }

    /// <summary>Drops a held employee and takes it out of its unit's tally. Call under <see cref="Sync"/>.</summary>
    public bool Remove(string nip, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LiveEmployee? removed)
    {
        if (!_employees.TryRemove(nip, out removed))
        {
            return false;
        }
        _tallies.GetValueOrDefault(removed.Row.UnitId)?.Remove(removed);
        return true;
    }

    /// <summary>New IKM figures of a unit (survey and legacy sums; null: none); false when the unit is not in this region.</summary>
    public bool SetIkm(string unitId, UnitFactsRow? sums)
    {
        if (!_units.TryGetValue(unitId, out var unit))
        {
            return false;
        }
        unit.CopyIkmFrom(sums);
        _tallies[unitId].Changed = true;
        return true;
    }

    /// <summary>
    /// Marks a change read at <paramref name="asOf"/> and returns the data version after it. The version moves only
    /// when the region's figures differ from the last committed ones (a re-read or reload that changes nothing keeps
    /// it, so equal versions mean equal figures); it then takes at least the read's Unix milliseconds, so it keeps
    /// increasing across restarts. Call under <see cref="Sync"/> after every change of the state.
    /// </summary>
    public long Commit(DateTimeOffset asOf)
    {
        if (asOf > AsOf)
        {
            AsOf = asOf;
        }
        if (Complete)
        {
            var figures = Aggregate();
            var held = _figures;
            var changedUnits = ChangedUnits(held, figures);
            if (held is not null && changedUnits.Count == 0 && held.Units.Count == figures.Units.Count
                && SameRegionFigures(held, figures))
            {
                return Version;
            }
            var moved = Math.Max(Version + 1, asOf.ToUnixTimeMilliseconds());
            var unitVersions = new Dictionary<string, long>(held?.UnitVersions ?? NoVersions, StringComparer.Ordinal);
            var unitFamilies = new Dictionary<string, FamilyVersions>(held?.UnitFamilies ?? NoFamilies, StringComparer.Ordinal);
            var heldUnits = held?.Units.ToDictionary(u => u.UnitId, StringComparer.Ordinal);
            foreach (var unit in changedUnits)
            {
                unitVersions[unit.UnitId] = moved;
                unitFamilies[unit.UnitId] = heldUnits?.GetValueOrDefault(unit.UnitId) is { } before
                    && unitFamilies.TryGetValue(unit.UnitId, out var families)
                        ? families.Moved(FigureFamilies.Changed(before, unit), moved)
                        : FamilyVersions.All(moved);
            }
            var regionFamilies = held is null
                ? FamilyVersions.All(moved)
                : held.Families.Moved(FigureFamilies.ChangedInRegion(held, figures), moved);
            _figures = figures with { UnitVersions = unitVersions, Families = regionFamilies, UnitFamilies = unitFamilies };
            Interlocked.Exchange(ref _version, moved);
            return moved;
        }
        var version = Math.Max(Version + 1, asOf.ToUnixTimeMilliseconds());
        Interlocked.Exchange(ref _version, version);
        return version;
    }

    /// <summary>
    /// The region's indicators from the unit tallies: only units whose tally or IKM changed since the last commit are
    /// built again (the others keep their row object); the region pools every unit's tally, as
    /// <see cref="IndicatorQueries.BuildRegion"/> pools the rows read from the database.
    /// </summary>
    private RegionIndicators Aggregate()
    {
        if (_tallies.Values.Any(t => t.Recount))
        {
            var byUnit = _employees.Values.ToLookup(e => e.Row.UnitId, StringComparer.Ordinal);
            foreach (var (unitId, tally) in _tallies.Where(t => t.Value.Recount))
            {
                tally.Reset(byUnit[unitId]);
            }
        }
        var total = new GroupAccumulator(Plan.Regions[RegionId], Month.Key);
        var units = new UnitIndicators[_unitOrder.Count];
        LastUnitsBuilt = 0;
        for (var i = 0; i < units.Length; i++)
        {
            var tally = _tallies[_unitOrder[i]];
            if (tally.Changed || tally.Indicators is null)
            {
                tally.Build(_units[_unitOrder[i]]);
                LastUnitsBuilt++;
            }
            total.AddEmployees(tally.Employees);
            total.Add(tally.Row!);
            units[i] = tally.Indicators!;
        }
        return IndicatorQueries.Region(Plan.Regions[RegionId].Calendar, total, units);
    }

    /// <summary>
    /// The units whose row differs from the held one at the same place (or is new): the one comparison of unit rows,
    /// which both decides whether the region version moves and which units take the new version.
    /// </summary>
    private static List<UnitIndicators> ChangedUnits(RegionIndicators? held, RegionIndicators figures)
    {
        var changed = new List<UnitIndicators>();
        for (var i = 0; i < figures.Units.Count; i++)
        {
            var unit = figures.Units[i];
            if (held is null || i >= held.Units.Count || held.Units[i] != unit || !held.UnitVersions.ContainsKey(unit.UnitId))
            {
                changed.Add(unit);
            }
        }
        return changed;
    }

    /// <summary>
    /// The unit snapshots the rules read, counted from the current state (or from <paramref name="employees"/>, the
    /// held ones with levels laid over); null until the region is loaded.
    /// </summary>
    public IReadOnlyList<UnitSnapshot>? UnitSnapshots(IEnumerable<LiveEmployee>? employees = null)
    {
        if (!Complete)
        {
            return null;
        }
        lock (Sync)
        {
            return LiveRegionAggregator.UnitSnapshots(Plan, _unitOrder.Select(id => _units[id]).ToArray(), employees ?? _employees.Values);
        }
    }

    /// <summary>The region's indicators at the current version (aggregated once, by <see cref="Commit"/>).</summary>
    public LiveRegionRead? Read()
    {
        if (!Complete)
        {
            return null;
        }
        lock (Sync)
        {
            return _figures is { } figures ? new LiveRegionRead(figures, Version, AsOf) : null;
        }
    }

    /// <summary>Value equality of the region's own figures (the unit rows and all versions left out).</summary>
    private static bool SameRegionFigures(RegionIndicators a, RegionIndicators b) => Figures(a) == Figures(b);

    private static RegionIndicators Figures(RegionIndicators r) =>
        r with { Units = NoUnits, UnitVersions = NoVersions, Families = FamilyVersions.None, UnitFamilies = NoFamilies };
}

/// <summary>A region's indicators from the live model, with its data version and the instant they are current as of.</summary>
/// <param name="Indicators">Region totals with one row per unit, equal to <see cref="IIndicatorQueries.RegionAsync"/> at the same data.</param>
/// <param name="Version">The region's data version: increases when, and only when, its figures change.</param>
/// <param name="AsOf">When the read behind the latest applied change started.</param>
public sealed record LiveRegionRead(RegionIndicators Indicators, long Version, DateTimeOffset AsOf);
