using System.Diagnostics;
using System.Threading.Channels;
using Kinerja.Core.Calendar;
using Kinerja.Core.Changes;
using Kinerja.Core.Domain;
using Kinerja.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// The current month's indicators of every region, kept in memory and current: a change
/// notification recomputes only the employees it names (one read for all of them, with their
/// figures of local today) and the IKM of the units it names; a region named alone or a
/// local-midnight rollover reloads that region. Region and unit figures are aggregated in memory
/// from the employees (<see cref="Region"/>), so a board never reads the database for them. Each
/// change is published as <see cref="IndicatorsChanged"/> to every subscriber.
/// </summary>
public sealed partial class LiveIndicators
{
    /// <summary>How long the model must have been idle before its figures count as current "now".</summary>
    public static readonly TimeSpan QuietBeforeNow = TimeSpan.FromSeconds(1);

    private readonly IndicatorQueries _queries;
    private readonly CalendarCache _calendars;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveIndicators> _logger;
    private readonly LiveRegionStore _store = new();
    private readonly ChangeSubscribers _subscribers;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LiveUpdatePhases _phases = new();
    private long _fullLoads, _incremental, _employeesRecomputed, _levelUpdates;
    private int _lastEmployees, _lastQueries, _applying, _waiting;
    private long _lastActivity, _incrementalTicks;
    private TimeSpan _lastDuration;

    public LiveIndicators(IndicatorQueries queries, CalendarCache calendars, TimeProvider time, ILogger<LiveIndicators> logger)
    {
        _queries = queries;
        _calendars = calendars;
        _time = time;
        _logger = logger;
        _subscribers = new ChangeSubscribers();
        _lastActivity = time.GetUtcNow().UtcTicks;
    }

    public LiveIndicatorsStats Stats => new(Interlocked.Read(ref _fullLoads), Interlocked.Read(ref _incremental),
        Interlocked.Read(ref _employeesRecomputed), _lastEmployees, _lastQueries, _lastDuration)
    {
        IncrementalDuration = TimeSpan.FromTicks(Interlocked.Read(ref _incrementalTicks)),
        LevelUpdates = Interlocked.Read(ref _levelUpdates),
        Phases = _phases.Snapshot(),
    };

    /// <summary>Region ids currently held.</summary>
    public IReadOnlyCollection<string> Regions => _store.RegionIds;

    /// <summary>The region's current month and data version, or null when it is not loaded.</summary>
    public (string Period, long Version)? RegionVersion(string regionId) =>
        _store.Get(regionId) is { } s ? (s.Month.Key, s.Version) : null;

    /// <summary>An employee's current-month snapshot, or null when not held (unknown or inactive).</summary>
    public IndicatorSnapshot? Employee(string nip) => _store.Employee(nip)?.Snapshot;

    /// <summary>Current-month snapshots of a region's active employees (empty when not loaded).</summary>
    public IReadOnlyCollection<IndicatorSnapshot> RegionEmployees(string regionId) =>
        _store.Get(regionId) is { } s ? s.Employees.Values.Select(e => e.Snapshot).ToArray() : [];

    /// <summary>
    /// The region's current-month unit snapshots (the rules' <c>distribusi</c> input), counted in memory and
    /// equal to <see cref="IIndicatorQueries.UnitSnapshotsAsync"/> at the same data; null when the region is
    /// not loaded.
    /// </summary>
    public IReadOnlyList<UnitSnapshot>? UnitSnapshots(string regionId) => _store.Get(regionId)?.UnitSnapshots();

    /// <summary>
    /// The region's current-month indicators with one row per unit, aggregated in memory (once per applied
    /// change, which moves the data version only when they differ); null when the region is not loaded. <see cref="LiveRegionRead.AsOf"/> is when the read
    /// behind the latest change started, or now when no change has been waiting or applied for
    /// <see cref="QuietBeforeNow"/> (nothing announced is missing then).
    /// </summary>
    public LiveRegionRead? Region(string regionId)
    {
        if (_store.Get(regionId)?.Read() is not { } read)
        {
            return null;
        }
        var now = _time.GetUtcNow();
        var quiet = Volatile.Read(ref _applying) == 0 && Volatile.Read(ref _waiting) == 0
            && now.UtcTicks - Interlocked.Read(ref _lastActivity) >= QuietBeforeNow.Ticks;
        return quiet ? read with { AsOf = now } : read;
    }

    /// <summary>A reader receiving every change from now on; completes when <paramref name="ct"/> is cancelled.</summary>
    public ChannelReader<IndicatorsChanged> Subscribe(CancellationToken ct = default) => _subscribers.Subscribe(ct);

    /// <summary>Loads every region (one read per distinct current month, usually one).</summary>
    public async Task LoadAllAsync(CancellationToken ct = default)
    {
        await RunAsync(async () => await LoadRegionsAsync((await _calendars.RefreshAsync(ct)).Values.ToArray(), ct), ct);
    }

    /// <summary>
    /// Told by <see cref="LiveChangeQueue"/> that a <c>kinerja_events</c> payload arrived and waits to be applied
    /// (<paramref name="waiting"/> true), or that everything queued has been applied (false). While one waits, the
    /// figures are not "now" (<see cref="Region"/>).
    /// </summary>
    internal void Announce(bool waiting)
    {
        Volatile.Write(ref _waiting, waiting ? 1 : 0);
        Interlocked.Exchange(ref _lastActivity, _time.GetUtcNow().UtcTicks);
    }

    /// <summary>
    /// Applies one <c>kinerja_events</c> payload (from <see cref="LiveChangeQueue"/>, in arrival order). The NIPs named are re-read cheaply with the IKM of the
    /// units named (one round trip); employees whose ratings, levels, attendance or unit moved are then
    /// read in full (a second round trip), the others only had new activity figures. The regions of a payload that also
    /// names NIPs or units are just where those live; a payload naming only regions (the ingest's
    /// fallback for an oversized batch, or a reference-data change) reloads those regions.
    /// </summary>
    public async Task ApplyAsync(EventsChanged change, CancellationToken ct = default)
    {
        await RunAsync(async () =>
        {
            if (change.Nips.Length == 0 && change.Units.Length == 0)
            {
                if (change.Regions.Length > 0)
                {
                    var named = new HashSet<string>(change.Regions, StringComparer.Ordinal);
                    var all = await _calendars.RefreshAsync(ct);
                    await LoadRegionsAsync(all.Values.Where(c => named.Contains(c.RegionId)).ToArray(), ct);
                }
                return;
            }
            await RecomputeAsync(change.Nips.Distinct(StringComparer.Ordinal).ToArray(),
                change.Units.Distinct(StringComparer.Ordinal).ToArray(), ct);
        }, ct);
    }

    /// <summary>Recomputes every region whose local day changed since it was loaded (local midnight).</summary>
    public async Task<int> RollOverAsync(CancellationToken ct = default)
    {
        var rolled = 0;
        await RunAsync(async () =>
        {
            var all = await _calendars.AllAsync(ct);
            var due = all.Values
                .Where(c => _store.Get(c.RegionId) is not { Complete: true } s || s.Today != c.Today(_time))
                .ToArray();
            if (due.Length > 0)
            {
                _logger.LogInformation("Local day rolled over in {Regions}; recomputing", string.Join(", ", due.Select(d => d.RegionId)));
                await LoadRegionsAsync(due, ct);
            }
            rolled = due.Length;
        }, ct);
        return rolled;
    }

    private async Task RunAsync(Func<Task> work, CancellationToken ct)
    {
        Interlocked.Increment(ref _applying);
        try
        {
            await _gate.WaitAsync(ct);
            try
            {
                await work();
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            Interlocked.Exchange(ref _lastActivity, _time.GetUtcNow().UtcTicks);
            Interlocked.Decrement(ref _applying);
        }
    }

    private async Task LoadRegionsAsync(IReadOnlyList<RegionCalendar> regions, CancellationToken ct)
    {
        if (regions.Count == 0)
        {
            return;
        }
        var watch = Stopwatch.StartNew();
        var reads = 0;
        var count = 0;
        foreach (var group in regions.GroupBy(c => Period.MonthOf(c.Today(_time))))
        {
            var plan = PeriodPlan.Create(group.Key, group, _time);
            var asOf = _time.GetUtcNow();
            var facts = await _queries.LiveFactsAsync(plan, EmployeeFilter.All, allUnits: true, ct);
            reads++;
            count += facts.Rows.Count;
            foreach (var change in _store.Load(plan, facts, asOf))
            {
                _subscribers.Publish(change);
            }
        }
        Interlocked.Increment(ref _fullLoads);
        Interlocked.Add(ref _employeesRecomputed, count);
        Record(count, reads, watch.Elapsed);
        IndicatorMetrics.Recomputed(IndicatorMetrics.Full, count, watch.Elapsed);
        _logger.LogInformation("Loaded current-month indicators of {Employees} employees in {Regions} regions in {Elapsed} ms",
            count, regions.Count, watch.ElapsedMilliseconds);
    }

    private async Task RecomputeAsync(string[] nips, string[] units, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var asOf = _time.GetUtcNow();
        var reads = 0;
        var recomputed = 0;
        var touches = new LiveTouches();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var all = await _calendars.AllAsync(ct);
        foreach (var group in all.Values.GroupBy(c => Period.MonthOf(c.Today(_time))))
        {
            var regionIds = group.Select(c => c.RegionId).ToHashSet(StringComparer.Ordinal);
            var ikmUnits = units.Where(u => _store.RegionOfUnit(u) is { } r && regionIds.Contains(r)).ToArray();
            if (nips.Length == 0 && ikmUnits.Length == 0)
            {
                continue;
            }
            var plan = PeriodPlan.Create(group.Key, group, _time);
            var phase = Stopwatch.GetTimestamp();
            var light = await _queries.LiveSignaturesAsync(plan, nips, ikmUnits, ct);
            _phases.Signatures(phase);
            reads++;
            // Only the activity figures and the rules' levels moved (same signature): update from the cheap row, which
            // carries both. Otherwise read in full.
            var quick = new List<(LiveEmployee, LiveSignatureRow)>();
            var full = new List<string>();
            foreach (var row in light.Employees)
            {
                if (_store.Employee(row.Nip) is { Signature: { } held } employee && held == row.Signature)
                {
                    quick.Add((employee, row));
                }
                else
                {
                    full.Add(row.Nip);
                }
            }
            if (full.Count > 0)
            {
                phase = Stopwatch.GetTimestamp();
                var facts = await _queries.LiveFactsAsync(plan, new EmployeeFilter { Nips = full }, allUnits: false, ct);
                _phases.Facts(phase, facts.Rows.Count);
                reads++;
                recomputed += facts.Rows.Count;
                phase = Stopwatch.GetTimestamp();
                _store.Apply(plan, facts, touches, seen);
                _phases.Apply(phase, 0);
            }
            recomputed += quick.Count;
            phase = Stopwatch.GetTimestamp();
            _store.ApplyActivity(plan, quick, touches, seen);
            _store.ApplyIkm(ikmUnits, light.Units);
            _phases.Apply(phase, quick.Count);
        }
        var committing = Stopwatch.GetTimestamp();
        _store.RemoveMissing(nips, seen, touches);
        foreach (var unit in units)
        {
            if (_store.RegionOfUnit(unit) is { } region)
            {
                touches.Add(region, null, unit);
            }
        }
        var changes = _store.Commit(touches, asOf, out var counts);
        _phases.Commit(committing, counts);
        foreach (var change in changes)
        {
            _subscribers.Publish(change);
        }
        Interlocked.Increment(ref _incremental);
        Interlocked.Add(ref _incrementalTicks, watch.Elapsed.Ticks);
        Interlocked.Add(ref _employeesRecomputed, recomputed);
        Record(recomputed, reads, watch.Elapsed);
        IndicatorMetrics.Recomputed(IndicatorMetrics.Incremental, recomputed, watch.Elapsed);
    }

    private void Record(int employees, int reads, TimeSpan elapsed)
    {
        _lastEmployees = employees;
        _lastQueries = reads;
        _lastDuration = elapsed;
    }
}
