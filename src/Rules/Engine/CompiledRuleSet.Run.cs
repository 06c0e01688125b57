using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;

namespace Kinerja.Rules.Engine;

public sealed partial class CompiledRuleSet
{
    /// <summary>Evaluates one snapshot within its budget (<see cref="Safety.EvaluationBudget"/>).</summary>
    private EvaluationOutcome Run(object snapshot, ChainLayout chain, Action<object, object?>?[] setters, Scratch scratch, bool explain,
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

    private EvaluationOutcome RunChain(object snapshot, ChainLayout layout, Action<object, object?>?[] setters, Scratch scratch, bool explain)
    {
        var (subject, period, unitId, regionId, isUnit) = snapshot switch
        {
            IndicatorSnapshot s => (s.Nip, s.Period, s.UnitId, s.RegionId, false),
            UnitSnapshot u => (u.UnitId, u.Period, u.UnitId, u.RegionId, true),
            _ => throw new ArgumentException("Unsupported snapshot type.", nameof(snapshot)),
        };
        var current = snapshot;
        var cloned = false;
        var values = scratch.Values;
        ValueBag.Clear(values);
        var fired = new RuleBits(layout.Count);
        // per position, the output of a fired rule that has one
        var outputAt = scratch.OutputAt;
        var inputCount = 0;
        var withOutput = 0;
        List<RuleError>? errors = null;
        var rs = scratch.Rules;
        var chain = layout.Workflows;

        for (var w = 0; w < chain.Length; w++)
        {
            var wf = chain[w];
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
                var at = layout.Offsets[w] + r;
                fired.Set(at);
                var output = rs.Outputs[i];
                if (rule.Number != OutputNumber.None)
                {
                    // unboxed: a mark stands for the number, kept in NumberAt (issue 22, typed output slots)
                    scratch.NumberAt[at] = rule.Number == OutputNumber.Double ? NumberCell.Of(rs.Doubles[i]) : NumberCell.Of(rs.Decimals[i]);
                    output = NumberMark.Of(rule.Number);
                }
                if (rule.HasOutput)
                {
                    outputAt[at] = output;
                    withOutput++;
                }
                if (rule.SetsSlot >= 0 && !scratch.SetInWorkflow[rule.SetsSlot])
                {
                    var slot = rule.SetsSlot;
                    var value = rule.HasOutput ? output : rule.Event;
                    scratch.SetInWorkflow[slot] = true;
                    values[slot] = value;
                    if (value is NumberMark number)
                    {
                        scratch.SlotNumber[slot] = scratch.NumberAt[at];
                        // a later workflow reads it from the snapshot copy: the setter takes it boxed
                        value = setters[slot] is null ? null : number.Box(scratch.NumberAt[at]);
                    }
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
                if (rule.Kind is not null && explain)
                {
                    inputCount = ReadInputs(rule, current, scratch, inputCount);
                }
            }
        }
        var extras = TakeOutputs(layout, fired, withOutput, scratch);
        // one array per outcome: the value slots, the outputs no slot holds, the triggers' input values
        var slotCount = values.Length;
        var data = new object?[slotCount + extras + inputCount];
        Array.Copy(values, data, slotCount);
        var (n0, n1) = KeepNumbers(data, slotCount, scratch.SlotNumber);
        Array.Copy(scratch.Extras, 0, data, slotCount, extras);
        Array.Clear(scratch.Extras, 0, extras);
        Array.Copy(scratch.Inputs, 0, data, slotCount + extras, inputCount);
        Array.Clear(scratch.Inputs, 0, inputCount);
        return new EvaluationOutcome(layout, data, fired, slotCount + extras, explain, n0, n1)
        {
            Subject = subject,
            IsUnit = isUnit,
            Period = period,
            UnitId = unitId,
            RegionId = regionId,
            Errors = (IReadOnlyList<RuleError>?)errors ?? [],
        };
    }

    /// <summary>
    /// Gives the first <see cref="NumberMark.Cells"/> value slots of <paramref name="data"/> holding a number (a
    /// <see cref="NumberMark"/>, its value in <paramref name="slotNumber"/>) the outcome's cells, returned; boxes any more.
    /// </summary>
    private static (NumberCell, NumberCell) KeepNumbers(object?[] data, int slotCount, NumberCell[] slotNumber)
    {
        Span<NumberCell> cells = stackalloc NumberCell[NumberMark.Cells];
        var used = 0;
        for (var slot = 0; slot < slotCount; slot++)
        {
            if (data[slot] is not NumberMark mark)
            {
                continue;
            }
            if (used < NumberMark.Cells)
            {
                cells[used] = slotNumber[slot];
                data[slot] = mark.InCell(used++);
            }
            else
            {
                data[slot] = mark.Box(slotNumber[slot]);
            }
        }
        return (cells[0], cells[1]);
    }

    /// <summary>
    /// Puts the outputs of fired rules that are not the final value of the slot they set (an outcome reads those from
    /// the slot, see <see cref="ChainLayout.SlotOwners"/>) in the scratch's <c>Extras</c>, in chain order; returns how
    /// many; clears what it read.
    /// </summary>
    private static int TakeOutputs(ChainLayout layout, RuleBits fired, int withOutput, Scratch scratch)
    {
        if (withOutput == 0)
        {
            return 0;
        }
        layout.SlotOwners(fired, scratch.SlotOwner, scratch.SetInWorkflow);
        var e = 0;
        for (var at = fired.Next(0, layout.Count); at >= 0 && withOutput > 0; at = fired.Next(at + 1, layout.Count))
        {
            var rule = layout.RuleAt[at];
            if (!rule.HasOutput)
            {
                continue;
            }
            withOutput--;
            if (rule.SetsSlot < 0 || scratch.SlotOwner[rule.SetsSlot] != at)
            {
                // an output no slot holds is kept boxed (rare: a rule without sets, or a value a later rule overwrote)
                var output = scratch.OutputAt[at];
                scratch.Extras[e++] = output is NumberMark mark ? mark.Box(scratch.NumberAt[at]) : output;
            }
            scratch.OutputAt[at] = null;
        }
        return e;
    }

    /// <summary>Appends the values <paramref name="rule"/> read from <paramref name="current"/> to the scratch's inputs.</summary>
    private static int ReadInputs(CompiledRule rule, object current, Scratch scratch, int count)
    {
        var getters = rule.ReadGetters;
        if (count + getters.Length > scratch.Inputs.Length)
        {
            Array.Resize(ref scratch.Inputs, Math.Max(scratch.Inputs.Length * 2, count + getters.Length));
        }
        for (var k = 0; k < getters.Length; k++)
        {
            scratch.Inputs[count++] = BoxCache.Share(getters[k](current));
        }
        return count;
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
