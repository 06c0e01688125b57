using System.Diagnostics;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Store;
using Kinerja.Rules.Telemetry;
using Microsoft.Extensions.Logging;

namespace Kinerja.Rules.Hosting;

/// <summary>Result of evaluating and storing a batch: every outcome plus the triggers stored for the first time.</summary>
public sealed record EvaluationBatch(IReadOnlyList<EvaluationOutcome> Outcomes, IReadOnlyList<StoredTrigger> NewTriggers);

/// <summary>
/// What the indicators layer calls when snapshots change (debounced per subject) and at period close:
/// evaluates each snapshot through the set in force for its period (<see cref="RuleSchedule.For"/>; one schedule read
/// per batch, so a concurrent publish is seen whole or not at all), stores triggers once per (subject, period, workflow, rule) with their follow-up items, marks
/// the open items whose trigger no longer holds after a rule change, and records rule errors.
/// </summary>
public sealed class RuleEvaluationService(ActiveRuleSet active, TriggerStore triggers, ILogger<RuleEvaluationService> logger)
{
    /// <summary>
    /// Evaluates <paramref name="employees"/> and <paramref name="units"/> and stores their triggers and errors.
    /// With <paramref name="known"/>, triggers whose key it holds are not sent (they are stored already) and
    /// the sent ones are added to it once the insert committed.
    /// </summary>
    public async Task<EvaluationBatch> EvaluateAndStoreAsync(IReadOnlyList<IndicatorSnapshot> employees,
        IReadOnlyList<UnitSnapshot>? units, CancellationToken ct, StoredTriggerKeys? known = null)
    {
        var schedule = active.RequireSchedule();
        var outcomes = await EvaluateAsync(schedule, employees, units, ct);
        var fired = outcomes.SelectMany(o => o.Triggers);
        IReadOnlyList<Trigger> send = known is null ? fired.ToArray() : known.Unknown(fired);
        var stored = await triggers.InsertAsync(send, ct);
        known?.Stored(send);
        RulesMetrics.Raised(stored);
        var review = new List<long>();
        foreach (var group in outcomes.GroupBy(o => SetFor(schedule, o.Period)))
        {
            review.AddRange(await triggers.Review.ReviewAsync(group.Key, group.ToArray(), ct));
        }
        if (review.Count > 0)
        {
            logger.LogInformation("{Count} follow-up items marked for review: their triggers no longer hold under the active rules", review.Count);
        }
        return new EvaluationBatch(outcomes, stored);
    }

    /// <summary>
    /// Evaluates <paramref name="employees"/> and <paramref name="units"/> and records rule errors, without storing their
    /// triggers: for the annual evaluation, whose levels (predicate per year) are stored but whose triggers would repeat
    /// the monthly ones (the monthly evaluation already reads year-to-date figures such as <c>TksDaysYtd</c>, so a year
    /// period copy of a sanction, reward or coaching would be a second item for the same cause).
    /// </summary>
    public async Task<IReadOnlyList<EvaluationOutcome>> EvaluateWithoutTriggersAsync(IReadOnlyList<IndicatorSnapshot> employees,
        IReadOnlyList<UnitSnapshot>? units, CancellationToken ct) =>
        await EvaluateAsync(active.RequireSchedule(), employees, units, ct);

    private async Task<List<EvaluationOutcome>> EvaluateAsync(RuleSchedule schedule, IReadOnlyList<IndicatorSnapshot> employees,
        IReadOnlyList<UnitSnapshot>? units, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var outcomes = new List<EvaluationOutcome>(employees.Count + (units?.Count ?? 0));
        outcomes.AddRange(EvaluateByPeriod(schedule, employees));
        foreach (var u in units ?? [])
        {
            outcomes.Add(SetFor(schedule, u.Period).Evaluate(u));
        }
        RulesMetrics.Evaluated(employees.Count, units?.Count ?? 0, Stopwatch.GetElapsedTime(started));
        LogDisabled(schedule.Latest);
        var errors = outcomes.SelectMany(o => o.Errors.Select(e => (o.Subject, o.Period, e))).ToArray();
        foreach (var (_, _, error) in errors)
        {
            RulesMetrics.Failed(error.Workflow);
        }
        if (errors.Length > 0)
        {
            logger.LogWarning("{Count} rule errors while evaluating; first: {Workflow}/{Rule}: {Message}",
                errors.Length, errors[0].e.Workflow, errors[0].e.Rule, errors[0].e.Message);
            await triggers.RecordErrorsAsync(errors, ct);
        }
        return outcomes;
    }

    /// <summary>
    /// The set of a period's month (<see cref="RuleSchedule.For"/>); a snapshot without a valid period (a caller's
    /// ad-hoc snapshot) is evaluated by the newest set.
    /// </summary>
    private static CompiledRuleSet SetFor(RuleSchedule schedule, string period) =>
        schedule.Segments.Count == 1 || !Core.Domain.Period.TryParse(period, out _) ? schedule.Latest : schedule.For(period);

    /// <summary>Each snapshot through the set of its period; outcome i belongs to <c>employees[i]</c>.</summary>
    private static IReadOnlyList<EvaluationOutcome> EvaluateByPeriod(RuleSchedule schedule, IReadOnlyList<IndicatorSnapshot> employees)
    {
        var groups = employees.Select((s, i) => (s, i)).GroupBy(x => SetFor(schedule, x.s.Period)).ToArray();
        if (groups.Length <= 1)
        {
            return groups.Length == 0 ? [] : groups[0].Key.EvaluateBatch(employees);
        }
        var outcomes = new EvaluationOutcome[employees.Count];
        foreach (var g in groups)
        {
            var batch = g.ToArray();
            var results = g.Key.EvaluateBatch(batch.Select(x => x.s).ToArray());
            for (var k = 0; k < batch.Length; k++)
            {
                outcomes[batch[k].i] = results[k];
            }
        }
        return outcomes;
    }

    private int _disabledLogged;
    private CompiledRuleSet? _disabledSet;

    /// <summary>One error line per rule the budgets switched off (it stays off for the rest of its version).</summary>
    private void LogDisabled(CompiledRuleSet set)
    {
        if (!ReferenceEquals(set, _disabledSet))
        {
            (_disabledSet, _disabledLogged) = (set, 0);
        }
        var disabled = set.DisabledRules;
        foreach (var d in disabled.Skip(_disabledLogged))
        {
            logger.LogError("Rule {Workflow}/{Rule} of version {Version} is disabled for the rest of the version: {Reason}",
                d.Workflow, d.Rule, d.Version, d.Reason);
        }
        _disabledLogged = Math.Max(_disabledLogged, disabled.Count);
    }
}
