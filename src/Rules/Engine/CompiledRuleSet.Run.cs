using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;

namespace Kinerja.Rules.Engine;

public sealed partial class CompiledRuleSet
{
    private static readonly IReadOnlyDictionary<string, object?> NoInputs = new Dictionary<string, object?>();

    /// <summary>Evaluates one snapshot within its budget (<see cref="Safety.EvaluationBudget"/>).</summary>
    private EvaluationOutcome Run(object snapshot, CompiledWorkflow[] chain, Action<object, object?>?[] setters, Scratch scratch, bool explain,
        Safety.RuleLimits? limits = null)
    {
        scratch.Rules.Budget = Safety.EvaluationBudget.BeginSnapshot(limits ?? Limits, scratch.Batch);
        try
        {
            return RunChain(snapshot, chain, setters, scratch, explain);
        }
        finally
        {
            Safety.EvaluationBudget.EndSnapshot();
        }
    }

    private EvaluationOutcome RunChain(object snapshot, CompiledWorkflow[] chain, Action<object, object?>?[] setters, Scratch scratch, bool explain)
    {
        var (subject, period, unitId, regionId, isUnit) = snapshot switch
        {
            IndicatorSnapshot s => (s.Nip, s.Period, s.UnitId, s.RegionId, false),
            UnitSnapshot u => (u.UnitId, u.Period, u.UnitId, u.RegionId, true),
            _ => throw new ArgumentException("Unsupported snapshot type.", nameof(snapshot)),
        };
        var current = snapshot;
        var cloned = false;
        var values = ValueBag.NewSlots(Slots.Count);
        var firedBuffer = scratch.Fired;
        var triggerBuffer = scratch.Triggers;
        var firedCount = 0;
        var triggerCount = 0;
        List<RuleError>? errors = null;
        var rs = scratch.Rules;

        foreach (var wf in chain)
        {
            var rules = wf.Rules;
            if (wf.Gate.WorkflowDisabled)
            {
                continue;
            }
            rs.Reset(rules.Length);
            Array.Clear(scratch.SetInWorkflow);
            Safety.EvaluationBudget.EnterWorkflow(rs.Budget!);
            wf.Evaluate(current, rs);
            if (Safety.EvaluationBudget.TakeTrips(rs.Budget!) is { } trips)
            {
                Disable(wf, trips, rs);
            }
            for (var r = 0; r < rules.Length; r++)
            {
                var rule = rules[r];
                var i = rule.Index;
                if (rs.Errors[i] is { } error)
                {
                    (errors ??= []).Add(new RuleError(wf.Name, wf.Version, rule.Name, Unwrap(error).Message));
                }
                if (!rs.Fired[i])
                {
                    continue;
                }
                var output = rs.Outputs[i];
                firedBuffer[firedCount++] = rule.FiredWith(wf.Name, output);
                if (rule.SetsSlot >= 0 && !scratch.SetInWorkflow[rule.SetsSlot])
                {
                    var slot = rule.SetsSlot;
                    var value = rule.HasOutput ? output : rule.Event;
                    scratch.SetInWorkflow[slot] = true;
                    values[slot] = value;
                    if (setters[slot] is { } set)
                    {
                        try
                        {
                            if (!cloned)
                            {
                                current = CopyForChain(current, scratch);
                                cloned = true;
                            }
                            set(current, value);
                        }
                        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
                        {
                            (errors ??= []).Add(new RuleError(wf.Name, wf.Version, rule.Name,
                                $"cannot set '{rule.Sets}' to '{value}': {ex.Message}"));
                        }
                    }
                }
                if (rule.Kind is not null)
                {
                    triggerBuffer[triggerCount++] = MakeTrigger(wf, rule, current, subject, period, unitId, regionId, isUnit, explain);
                }
            }
        }
        return new EvaluationOutcome(Slots, values)
        {
            Subject = subject,
            IsUnit = isUnit,
            Period = period,
            UnitId = unitId,
            RegionId = regionId,
            Fired = Exact(firedBuffer, firedCount),
            Triggers = Exact(triggerBuffer, triggerCount),
            Errors = (IReadOnlyList<RuleError>?)errors ?? [],
        };
    }

    /// <summary>The first <paramref name="count"/> items of a scratch buffer as an array of exactly that size (one allocation, none when empty).</summary>
    private static T[] Exact<T>(T[] buffer, int count)
    {
        if (count == 0)
        {
            return [];
        }
        var result = new T[count];
        Array.Copy(buffer, result, count);
        Array.Clear(buffer, 0, count);
        return result;
    }

    /// <summary>
    /// Switches off the rules that went over a budget for the rest of this version (the whole workflow when its
    /// GlobalParams did); this outcome reports the rule's error once, and the rule does not fire.
    /// </summary>
    private static void Disable(CompiledWorkflow wf, IReadOnlyList<(int Rule, Safety.RuleBudgetExceededException Error)> trips, RuleScratch rs)
    {
        foreach (var (index, error) in trips)
        {
            var rule = index >= 0 ? wf.Rules.FirstOrDefault(r => r.Index == index) : null;
            var what = rule is null ? $"workflow '{wf.Name}' (its GlobalParams)" : $"rule '{rule.Name}'";
            var message = $"{error.Message}; {what} is disabled for version {wf.Version}";
            var record = new Safety.DisabledRule(wf.Name, wf.Version, rule?.Name ?? "(GlobalParams)", error.Limit, error.Message, DateTimeOffset.UtcNow);
            if (rule is null)
            {
                wf.Gate.DisableWorkflow(record);
                continue;
            }
            wf.Gate.Disable(index, record);
            rs.Errors[index] = new Safety.RuleBudgetExceededException(error.Limit, message);
            rs.Fired[index] = false;
        }
    }

    private static Trigger MakeTrigger(CompiledWorkflow wf, CompiledRule rule, object current, string subject, string period,
        string? unitId, string? regionId, bool isUnit, bool explain)
    {
        var inputs = NoInputs;
        if (explain)
        {
            var read = new TriggerInputs(rule.Reads);
            var getters = rule.ReadGetters;
            for (var k = 0; k < getters.Length; k++)
            {
                read.Set(k, BoxCache.Share(getters[k](current)));
            }
            inputs = read;
        }
        return new Trigger(rule.TriggerRule(wf.Name, wf.Version), subject, isUnit, period, inputs, unitId, regionId);
    }

    /// <summary>A copy of <paramref name="snapshot"/> the chain may write values into: the worker's reused one when allowed.</summary>
    private object CopyForChain(object snapshot, Scratch scratch)
    {
        var copier = snapshot switch
        {
            IndicatorSnapshot => EmployeeCopier,
            UnitSnapshot => UnitCopier,
            _ => null,
        };
        if (!_reuseCopy || copier is null)
        {
            return Clone(snapshot);
        }
        if (scratch.Copy is { } copy && copy.GetType() == snapshot.GetType())
        {
            copier(snapshot, copy);
            return copy;
        }
        return scratch.Copy = Clone(snapshot);
    }

    private static object Clone(object snapshot) => snapshot switch
    {
        IndicatorSnapshot s => s with { },
        UnitSnapshot u => u with { },
        _ => snapshot,
    };

    private static Exception Unwrap(Exception ex) =>
        ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : ex;
}
