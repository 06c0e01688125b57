using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Kinerja.Core.Calendar;
using Kinerja.Core.Domain;
using Microsoft.Extensions.Logging;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// The current month's employee snapshots of every region, kept in memory and current: a change
/// notification recomputes only the employees it names (one set-based query for all of them), a
/// region named by the feed or a local-midnight rollover recomputes that region. Each change is
/// published as <see cref="IndicatorsChanged"/> to every subscriber.
/// </summary>
public sealed class LiveIndicators(
    IndicatorQueries queries,
    CalendarCache calendars,
    TimeProvider time,
    ILogger<LiveIndicators> logger)
{
    private readonly ConcurrentDictionary<string, RegionState> _regions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _regionOfNip = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _regionOfUnit = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<Channel<IndicatorsChanged>> _subscribers = [];
    private long _fullLoads, _incremental, _employeesRecomputed;
    private int _lastEmployees, _lastQueries;
    private TimeSpan _lastDuration;

    /// <summary>Raised after every change, on the updating thread.</summary>
    public event Action<IndicatorsChanged>? Changed;

    public LiveIndicatorsStats Stats => new(Interlocked.Read(ref _fullLoads), Interlocked.Read(ref _incremental),
        Interlocked.Read(ref _employeesRecomputed), _lastEmployees, _lastQueries, _lastDuration);

    /// <summary>Region ids currently held.</summary>
    public IReadOnlyCollection<string> Regions => _regions.Keys.ToArray();

    /// <summary>The region's current month and data version, or null when it is not loaded.</summary>
    public (string Period, long Version)? RegionVersion(string regionId) =>
        _regions.TryGetValue(regionId, out var s) ? (s.Month.Key, s.Version) : null;

    /// <summary>An employee's current-month snapshot, or null when not held (unknown or inactive).</summary>
    public IndicatorSnapshot? Employee(string nip) =>
        _regionOfNip.TryGetValue(nip, out var region) && _regions.TryGetValue(region, out var s)
            ? s.Employees.GetValueOrDefault(nip)
            : null;

    /// <summary>Current-month snapshots of a region's active employees (empty when not loaded).</summary>
    public IReadOnlyCollection<IndicatorSnapshot> RegionEmployees(string regionId) =>
        _regions.TryGetValue(regionId, out var s) ? s.Employees.Values.ToArray() : [];

    /// <summary>A reader receiving every change from now on; completes when <paramref name="ct"/> is cancelled.</summary>
    public ChannelReader<IndicatorsChanged> Subscribe(CancellationToken ct = default)
    {
        var channel = Channel.CreateBounded<IndicatorsChanged>(new BoundedChannelOptions(1024)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_subscribers)
        {
            _subscribers.Add(channel);
        }
        ct.Register(() =>
        {
            lock (_subscribers)
            {
                _subscribers.Remove(channel);
            }
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    /// <summary>Loads every region (one query per distinct current month, usually one).</summary>
    public async Task LoadAllAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var all = await calendars.RefreshAsync(ct);
            await LoadRegionsAsync(all.Values.ToArray(), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Applies one <c>kinerja_events</c> payload. The NIPs named are recomputed (one query); units
    /// named are announced (their unit-level figures, e.g. IKM, changed). The regions of a payload
    /// that also names NIPs or units are just where those live; a payload naming only regions (the
    /// ingest's fallback for an oversized batch, or a reference-data change) recomputes those regions.
    /// </summary>
    public async Task ApplyAsync(ChangePayload change, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (change.Nips.Length == 0 && change.Units.Length == 0)
            {
                if (change.Regions.Length > 0)
                {
                    var named = new HashSet<string>(change.Regions, StringComparer.Ordinal);
                    var all = await calendars.RefreshAsync(ct);
                    await LoadRegionsAsync(all.Values.Where(c => named.Contains(c.RegionId)).ToArray(), ct);
                }
                return;
            }
            await RecomputeAsync(change.Nips.Distinct(StringComparer.Ordinal).ToArray(), change.Units, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Recomputes every region whose local day changed since it was loaded (local midnight).</summary>
    public async Task<int> RollOverAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var all = await calendars.AllAsync(ct);
            var due = all.Values
                .Where(c => !_regions.TryGetValue(c.RegionId, out var s) || s.Today != c.Today(time))
                .ToArray();
            if (due.Length > 0)
            {
                logger.LogInformation("Local day rolled over in {Regions}; recomputing", string.Join(", ", due.Select(d => d.RegionId)));
                await LoadRegionsAsync(due, ct);
            }
            return due.Length;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task LoadRegionsAsync(IReadOnlyList<RegionCalendar> regions, CancellationToken ct)
    {
        if (regions.Count == 0)
        {
            return;
        }
        var watch = Stopwatch.StartNew();
        var statements = 0;
        var count = 0;
        foreach (var group in regions.GroupBy(c => Period.MonthOf(c.Today(time))))
        {
            var plan = PeriodPlan.Create(group.Key, group, time);
            var rows = await queries.FactsAsync(plan, EmployeeFilter.All, ct);
            statements++;
            foreach (var calendar in group)
            {
                var state = new RegionState(group.Key, plan.Regions[calendar.RegionId].Today,
                    (_regions.TryGetValue(calendar.RegionId, out var old) ? old.Version : 0) + 1);
                foreach (var row in rows.Where(r => r.RegionId == calendar.RegionId))
                {
                    state.Employees[row.Nip] = SnapshotMapper.ToSnapshot(row, plan);
                    _regionOfNip[row.Nip] = calendar.RegionId;
                    _regionOfUnit[row.UnitId] = calendar.RegionId;
                }
                count += state.Employees.Count;
                _regions[calendar.RegionId] = state;
                Publish(new IndicatorsChanged(calendar.RegionId, group.Key.Key,
                    state.Employees.Values.Select(e => e.UnitId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
                    [], state.Version, Full: true));
            }
        }
        Interlocked.Increment(ref _fullLoads);
        Interlocked.Add(ref _employeesRecomputed, count);
        Record(count, statements, watch.Elapsed);
        logger.LogInformation("Loaded current-month indicators of {Employees} employees in {Regions} regions in {Elapsed} ms",
            count, regions.Count, watch.ElapsedMilliseconds);
    }

    private async Task RecomputeAsync(string[] nips, string[] units, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var statements = 0;
        var recomputed = 0;
        var changedNips = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var changedUnits = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Touch(string region, string? nip, string? unit)
        {
            if (nip is not null)
            {
                (changedNips.TryGetValue(region, out var n) ? n : changedNips[region] = []).Add(nip);
            }
            if (unit is not null)
            {
                (changedUnits.TryGetValue(region, out var u) ? u : changedUnits[region] = new(StringComparer.Ordinal)).Add(unit);
            }
        }
        if (nips.Length > 0)
        {
            var all = await calendars.AllAsync(ct);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var group in all.Values.GroupBy(c => Period.MonthOf(c.Today(time))))
            {
                var plan = PeriodPlan.Create(group.Key, group, time);
                var rows = await queries.FactsAsync(plan, new EmployeeFilter { Nips = nips }, ct);
                statements++;
                recomputed += rows.Count;
                foreach (var row in rows)
                {
                    seen.Add(row.Nip);
                    var snapshot = SnapshotMapper.ToSnapshot(row, plan);
                    if (_regionOfNip.TryGetValue(row.Nip, out var oldRegion) && oldRegion != row.RegionId
                        && _regions.TryGetValue(oldRegion, out var old) && old.Employees.TryRemove(row.Nip, out var moved))
                    {
                        Touch(oldRegion, row.Nip, moved.UnitId);
                    }
                    var state = _regions.GetOrAdd(row.RegionId, _ => new RegionState(group.Key, plan.Regions[row.RegionId].Today, 0));
                    if (state.Employees.TryGetValue(row.Nip, out var previous) && previous.UnitId != row.UnitId)
                    {
                        Touch(row.RegionId, null, previous.UnitId);
                    }
                    state.Employees[row.Nip] = snapshot;
                    _regionOfNip[row.Nip] = row.RegionId;
                    _regionOfUnit[row.UnitId] = row.RegionId;
                    Touch(row.RegionId, row.Nip, row.UnitId);
                }
            }
            // Named but not returned: no longer an active employee.
            foreach (var gone in nips.Where(n => !seen.Contains(n)))
            {
                if (_regionOfNip.TryRemove(gone, out var region) && _regions.TryGetValue(region, out var s)
                    && s.Employees.TryRemove(gone, out var removed))
                {
                    Touch(region, gone, removed.UnitId);
                }
            }
        }
        if (units.Length > 0)
        {
            foreach (var unit in units)
            {
                if (_regionOfUnit.TryGetValue(unit, out var region))
                {
                    Touch(region, null, unit);
                }
            }
        }
        foreach (var region in changedNips.Keys.Union(changedUnits.Keys).Order(StringComparer.Ordinal))
        {
            var state = _regions[region];
            var version = Interlocked.Increment(ref state.VersionField);
            Publish(new IndicatorsChanged(region, state.Month.Key,
                changedUnits.TryGetValue(region, out var u) ? u.Order(StringComparer.Ordinal).ToArray() : [],
                changedNips.TryGetValue(region, out var n) ? n.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray() : [],
                version, Full: false));
        }
        Interlocked.Increment(ref _incremental);
        Interlocked.Add(ref _employeesRecomputed, recomputed);
        Record(recomputed, statements, watch.Elapsed);
    }

    private void Record(int employees, int queryCount, TimeSpan elapsed)
    {
        _lastEmployees = employees;
        _lastQueries = queryCount;
        _lastDuration = elapsed;
    }

    private void Publish(IndicatorsChanged change)
    {
        lock (_subscribers)
        {
            foreach (var s in _subscribers)
            {
                s.Writer.TryWrite(change);
            }
        }
        try
        {
            Changed?.Invoke(change);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "An IndicatorsChanged handler failed for region {Region}", change.RegionId);
        }
    }

    private sealed class RegionState(Period month, DateOnly today, long version)
    {
        public long VersionField = version;

        public Period Month { get; } = month;

        public DateOnly Today { get; } = today;

        public long Version => Interlocked.Read(ref VersionField);

        public ConcurrentDictionary<string, IndicatorSnapshot> Employees { get; } = new(StringComparer.Ordinal);
    }
}
