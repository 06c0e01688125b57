using System.Diagnostics;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Hosting;
using Kinerja.Rules.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Rules.Backtest;

/// <summary>
/// Replays a candidate rule set and the active one over stored history and diffs the triggers.
/// Periods are replayed in order; with <c>recomputeHistory</c> each set's own predicates feed the
/// history features of the next period (<c>PreviousPredikat</c>, <c>Periods*</c>), so a candidate that
/// changes predicates also changes "two periods running" rewards the way it would have in production.
/// </summary>
public sealed class Backtester(IServiceProvider services, RulesService rules, ActiveRuleSet active)
{
    /// <summary>Backtests candidate workflows (merged over the active set) against the active set.</summary>
    public async Task<(BacktestReport? Report, IReadOnlyList<RuleIssue> Issues)> RunAsync(IReadOnlyList<WorkflowSource> candidate,
        IReadOnlyList<string> periods, int affectedLimit, CancellationToken ct)
    {
        var (set, issues) = rules.CompileCandidate(candidate);
        if (set is null)
        {
            return (null, issues);
        }
        var source = services.GetService<ISnapshotSource>()
            ?? (services.GetService<IndicatorHistorySource>() is { } history ? new IndicatorHistorySnapshotSource(history) : null)
            ?? throw new InvalidOperationException(
                "No stored history: register an ISnapshotSource or the indicators layer (AddKinerjaIndicators).");
        return (await RunAsync(source, active.Require(), set, periods, affectedLimit, recomputeHistory: true, ct), []);
    }

    public static async Task<BacktestReport> RunAsync(ISnapshotSource source, CompiledRuleSet baseline, CompiledRuleSet candidate,
        IReadOnlyList<string> periods, int affectedLimit, bool recomputeHistory, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var byPeriod = periods.ToDictionary(p => p, _ => new List<IndicatorSnapshot>(), StringComparer.Ordinal);
        await foreach (var s in source.LoadAsync(periods, ct))
        {
            if (byPeriod.TryGetValue(s.Period, out var list))
            {
                list.Add(s);
            }
        }
        var units = periods.ToDictionary(p => p, _ => new List<UnitSnapshot>(), StringComparer.Ordinal);
        await foreach (var u in source.LoadUnitsAsync(periods, ct))
        {
            if (units.TryGetValue(u.Period, out var list))
            {
                list.Add(u);
            }
        }
        var loadSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();

        var diff = new TriggerDiff(affectedLimit);
        var historyA = new HistoryTracker();
        var historyB = new HistoryTracker();
        var snapshots = 0;
        var subjects = new HashSet<string>(StringComparer.Ordinal);
        foreach (var period in periods)
        {
            ct.ThrowIfCancellationRequested();
            var list = byPeriod[period];
            snapshots += list.Count;
            var inputA = recomputeHistory ? historyA.Apply(list) : list;
            var inputB = recomputeHistory ? historyB.Apply(list) : list;
            var a = baseline.EvaluateBatch(inputA, explain: false);
            var b = candidate.EvaluateBatch(inputB, explain: false);
            for (var i = 0; i < list.Count; i++)
            {
                subjects.Add(list[i].Nip);
                diff.Add(a[i], b[i]);
            }
            if (recomputeHistory)
            {
                historyA.Record(list, a);
                historyB.Record(list, b);
            }
            foreach (var u in units[period])
            {
                subjects.Add("unit:" + u.UnitId);
                diff.Add(baseline.Evaluate(u), candidate.Evaluate(u));
            }
        }
        return diff.Report(periods, snapshots, subjects.Count, baseline.Versions, candidate.Versions, loadSeconds, clock.Elapsed.TotalSeconds);
    }
}
