using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Core.Indicators.Live;
using Kinerja.Rules.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kinerja.Rules.Live;

/// <summary>
/// Evaluates the rules when indicators change: gathers the changed employees per region for a short
/// debounce window, runs them (and their region's units) through the active rule set, stores triggers
/// once and the leveled values. Only the process holding the <see cref="EvaluatorLease"/> evaluates; a
/// process that gains the lease first re-evaluates everything, so no change is lost in a hand-over.
/// Only what moved costs a database write: snapshots equal to the ones last evaluated under the same rule
/// set are skipped, unchanged levels and already stored triggers are not sent (<see cref="EvaluationMemory"/>),
/// and the units are counted from the live model rather than read per region and change. The levels it stores are
/// its own output: they go to the live model only on <c>kinerja_levels</c>, like to every other process, and never come
/// back as a change to evaluate. Until the model holds them, the evaluator queries the model with them laid over
/// (the levels it stored), so the units are evaluated on the new predicate distribution in the same pass and the
/// current month on the closed month's final history.
/// </summary>
public sealed class LiveRulesEvaluator(
    LiveIndicators live,
    IIndicatorQueries queries,
    RuleEvaluationService evaluation,
    ActiveRuleSet active,
    LevelStore levels,
    EvaluatorLease lease,
    RulesStartGate gate,
    ILogger<LiveRulesEvaluator> logger) : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan LeaseRetry = TimeSpan.FromSeconds(5);
    private readonly EvaluationMemory _memory = new();
    // Levels this process stored that the live model may not hold yet (they arrive on kinerja_levels): latest per
    // employee and period; dropped once the model holds them.
    private readonly Dictionary<(string Nip, string Period), Core.Changes.LevelChange> _stored = [];
    private long _evaluated;
    private long _skipped;
    private long _newTriggers;
    private long _levelsWritten;

    /// <summary>Snapshots evaluated by this process so far.</summary>
    public long Evaluated => Interlocked.Read(ref _evaluated);

    /// <summary>Snapshots (employees and units) named by a change but not evaluated: equal to the last evaluated ones.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Triggers this process stored for the first time.</summary>
    public long NewTriggers => Interlocked.Read(ref _newTriggers);

    /// <summary>Employee levels this process sent to the database (changed since the last save it knows).</summary>
    public long LevelsWritten => Interlocked.Read(ref _levelsWritten);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = live.Subscribe(stoppingToken);
        try
        {
            if (!gate.IsOpen)
            {
                await gate.WaitAsync(stoppingToken);
                // The held-back history may still be queued on the change feed: read it all first.
                await live.LoadAllAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var pending = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal); // region → nips (null = all)
        var leader = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Wake on the first change (or to retry the lease), then let the burst settle.
                if (await WaitAsync(changes, LeaseRetry, stoppingToken))
                {
                    await Task.Delay(Debounce, stoppingToken);
                }
                while (changes.TryRead(out var change))
                {
                    Add(pending, change);
                }
                Prune();
                var wasLeader = leader;
                leader = await lease.TryAcquireAsync(stoppingToken);
                if (leader && !wasLeader && active.Current is not null)
                {
                    logger.LogInformation("This process now evaluates the rules for live changes");
                    _memory.Clear();
                    await EvaluateClosedMonthAsync(stoppingToken);
                    foreach (var region in live.Regions)
                    {
                        pending[region] = null;
                    }
                }
                if (!leader || active.Current is null)
                {
                    pending.Clear();
                    continue;
                }
                foreach (var (region, nips) in pending)
                {
                    await EvaluateRegionAsync(region, nips, stoppingToken);
                }
                pending.Clear();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Live rules evaluation failed; re-evaluating everything once the lease is back");
                pending.Clear();
                _memory.Clear();
                _stored.Clear();
                await lease.ReleaseAsync();
                leader = false;
                await Task.Delay(LeaseRetry, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static async Task<bool> WaitAsync(System.Threading.Channels.ChannelReader<IndicatorsChanged> changes,
        TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            return await changes.WaitToReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Period close: the previous month is evaluated once more from stored history when this process takes
    /// over, so its predicates (the history the current month's rules read) are final; the changed ones are laid over
    /// the live model's snapshots when the current month is evaluated next, until the feed has applied them.
    /// </summary>
    private async Task EvaluateClosedMonthAsync(CancellationToken ct)
    {
        var current = live.Regions.Select(r => live.RegionVersion(r)?.Period).OfType<string>().Max(StringComparer.Ordinal);
        if (current is null || !Period.TryParse(current, out var month))
        {
            return;
        }
        var closed = month.Previous();
        var employees = await queries.EmployeesAsync(closed, ct: ct);
        var units = await queries.UnitSnapshotsAsync(closed, ct: ct);
        var batch = await evaluation.EvaluateAndStoreAsync(employees, units, ct);
        var changed = await levels.SaveAsync(batch.Outcomes, ct);
        // The closed month's predicates are history inputs of the current month: the current month's evaluation that
        // follows sees them laid over, and the change the feed publishes when the model applies them finds those
        // snapshots already evaluated (nothing is evaluated twice).
        Stored(changed);
        logger.LogInformation("Closed period {Period}: {Employees} employees → {Triggers} new triggers, {Levels} level changes",
            closed.Key, employees.Count, batch.NewTriggers.Count, changed.Count);
        // the year so far (period YYYY): provisional after each month, final once December is closed
        var annual = await AnnualEvaluation.RunAsync(queries, evaluation, levels, closed.Start.Year, ct);
        logger.LogInformation("Evaluated year {Year} ({State}): {Employees} employees (levels only)", closed.Start.Year,
            AnnualEvaluation.ClosesYear(closed) ? "final" : "provisional", annual.Count(o => !o.IsUnit));
    }

    private static void Add(Dictionary<string, HashSet<string>?> pending, IndicatorsChanged change)
    {
        if (change.LevelsOnly)
        {
            return; // the rules' own output: laid over their queries since it was stored
        }
        if (change.Full)
        {
            pending[change.RegionId] = null;
            return;
        }
        if (!pending.TryGetValue(change.RegionId, out var set))
        {
            pending[change.RegionId] = set = new HashSet<string>(StringComparer.Ordinal);
        }
        set?.UnionWith(change.Nips);
    }

    private async Task EvaluateRegionAsync(string regionId, HashSet<string>? nips, CancellationToken ct)
    {
        _memory.Use(active.RequireSchedule());
        var named = live.RegionEmployees(regionId, nips, _stored.Values);
        var snapshots = _memory.Moved(named);
        Interlocked.Add(ref _skipped, named.Count - snapshots.Count);
        var newTriggers = 0;
        IReadOnlyList<Core.Changes.LevelChange> changedLevels = [];
        if (snapshots.Count > 0)
        {
            var batch = await evaluation.EvaluateAndStoreAsync(snapshots, [], ct, _memory.Triggers);
            var toSave = _memory.LevelsToSave(batch.Outcomes);
            changedLevels = await levels.SaveAsync(toSave, ct);
            _memory.LevelsSaved(toSave);
            // the unit rules read the predicate distribution: count the units with the new levels laid over
            Stored(changedLevels);
            newTriggers += batch.NewTriggers.Count;
        }
        var month = live.RegionVersion(regionId)?.Period;
        var allUnits = live.UnitSnapshots(regionId, _stored.Values)
            ?? (month is not null && Period.TryParse(month, out var period) ? await queries.UnitSnapshotsAsync(period, regionId, ct) : []);
        var units = _memory.Moved(allUnits);
        Interlocked.Add(ref _skipped, allUnits.Count - units.Count);
        if (units.Count > 0)
        {
            newTriggers += (await evaluation.EvaluateAndStoreAsync([], units, ct, _memory.Triggers)).NewTriggers.Count;
        }
        _memory.Evaluated(snapshots, units);
        Interlocked.Add(ref _evaluated, snapshots.Count + units.Count);
        Interlocked.Add(ref _newTriggers, newTriggers);
        Interlocked.Add(ref _levelsWritten, changedLevels.Count);
        if (newTriggers > 0 || changedLevels.Count > 0)
        {
            logger.LogInformation("Rules on {Region}: {Employees} employees, {Units} units → {Triggers} new triggers, {Levels} level changes",
                regionId, snapshots.Count, units.Count, newTriggers, changedLevels.Count);
        }
    }

    private void Stored(IReadOnlyList<Core.Changes.LevelChange> changed)
    {
        foreach (var level in changed)
        {
            _stored[(level.Nip, level.Period)] = level;
        }
    }

    /// <summary>Drops the stored levels the live model holds now (applied from <c>kinerja_levels</c>, or reloaded).</summary>
    private void Prune()
    {
        foreach (var (key, level) in _stored)
        {
            if (live.Holds(level))
            {
                _stored.Remove(key);
            }
        }
    }
}
