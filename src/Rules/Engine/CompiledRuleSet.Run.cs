using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;

namespace Kinerja.Rules.Engine;

public sealed partial class CompiledRuleSet
{
    private static readonly IReadOnlyDictionary<string, object?> NoInputs = new Dictionary<string, object?>();

    private EvaluationOutcome Run(object snapshot, CompiledWorkflow[] chain, Action<object, object?>?[] setters, Scratch scratch, bool explain)
    {
        var (subject, period, unitId, regionId, isUnit) = snapshot switch
        {
            IndicatorSnapshot s => (s.Nip, s.Period, s.UnitId, s.RegionId, false),
            UnitSnapshot u => (u.UnitId, u.Period, u.UnitId, u.RegionId, true),
            _ => throw new ArgumentException("Unsupported snapshot type.", nameof(snapshot)),
        };
        var current = snapshot;
        var cloned = false;
        var values = new object?[Slots.Count];
        var present = new bool[Slots.Count];
        List<FiredRule>? fired = null;
        List<Trigger>? triggers = null;
        List<RuleError>? errors = null;
        var rs = scratch.Rules;

        foreach (var wf in chain)
        {
            var rules = wf.Rules;
            rs.Reset(rules.Length);
            Array.Clear(scratch.SetInWorkflow);
            wf.Evaluate(current, rs);
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
                (fired ??= []).Add(new FiredRule(wf.Name, rule.Name, rule.Event, output));
                if (rule.SetsSlot >= 0 && !scratch.SetInWorkflow[rule.SetsSlot])
                {
                    var slot = rule.SetsSlot;
                    var value = rule.HasOutput ? output : rule.Event;
                    scratch.SetInWorkflow[slot] = true;
                    values[slot] = value;
                    present[slot] = true;
                    if (setters[slot] is { } set)
                    {
                        try
                        {
                            if (!cloned)
                            {
                                current = Clone(current);
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
                    (triggers ??= []).Add(MakeTrigger(wf, rule, current, subject, period, unitId, regionId, isUnit, explain));
                }
            }
        }
        return new EvaluationOutcome
        {
            Subject = subject,
            IsUnit = isUnit,
            Period = period,
            UnitId = unitId,
            RegionId = regionId,
            Values = new ValueBag(Slots, values, present),
            Fired = (IReadOnlyList<FiredRule>?)fired ?? [],
            Triggers = (IReadOnlyList<Trigger>?)triggers ?? [],
            Errors = (IReadOnlyList<RuleError>?)errors ?? [],
        };
    }

    private static Trigger MakeTrigger(CompiledWorkflow wf, CompiledRule rule, object current, string subject, string period,
        string? unitId, string? regionId, bool isUnit, bool explain)
    {
        var inputs = NoInputs;
        if (explain)
        {
            var read = new object?[rule.Reads.Length];
            for (var k = 0; k < read.Length; k++)
            {
                read[k] = rule.ReadGetters[k](current);
            }
            inputs = new TriggerInputs(rule.Reads, read);
        }
        return new Trigger
        {
            Kind = rule.Kind!,
            Code = rule.Event,
            Subject = subject,
            IsUnit = isUnit,
            Period = period,
            Workflow = wf.Name,
            Version = wf.Version,
            Rule = rule.Name,
            Inputs = inputs,
            UnitId = unitId,
            RegionId = regionId,
            Action = rule.ActionText,
            Actor = rule.Actor,
        };
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
