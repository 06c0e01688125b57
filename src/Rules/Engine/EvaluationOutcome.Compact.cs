using System.Diagnostics.CodeAnalysis;

namespace Kinerja.Rules.Engine;

/// <summary>
/// The engine's outcome in its compact form (issue 22): which rules of the chain fired (bits at their
/// <see cref="ChainLayout"/> positions) and one array holding the value slots, then the outputs no slot holds, then the
/// input values its triggers read, captured when they fired. <see cref="Fired"/> and <see cref="Triggers"/> are built from these on first read,
/// equal to what the evaluator used to build for every snapshot; an outcome a batch keeps but nobody reads costs a
/// few objects instead of about a dozen (the garbage collector copies each kept object out of gen0 and gen1).
/// </summary>
public sealed partial class EvaluationOutcome
{
    /// <summary>The inputs of a trigger evaluated without explanations.</summary>
    internal static readonly IReadOnlyDictionary<string, object?> NoInputs = new Dictionary<string, object?>();

    private readonly ChainLayout? _layout;
    private readonly RuleBits _firedBits;
    // _slots holds the value slots (ChainLayout.SlotCount), then the outputs of fired rules that no slot holds (chain
    // order), then from _inputsAt the values each explained trigger read, trigger after trigger, each rule's reads in order
    private readonly int _inputsAt;
    private readonly bool _explained;
    // the numbers of value slots holding a NumberMark, unboxed (issue 22, typed output slots): boxed only when read
    // through Values or Fired; TppPercent and TppEstimate read them as they are
    private readonly NumberCell _number0;
    private readonly NumberCell _number1;

    /// <summary>
    /// An engine outcome (see the type's remarks): <paramref name="data"/> holds its value slots, the outputs no slot
    /// holds, and from <paramref name="inputsAt"/> its triggers' input values.
    /// </summary>
    // Values, Fired and Triggers have no value of their own here: they are built on first read
#pragma warning disable CS8618
    [SetsRequiredMembers]
    internal EvaluationOutcome(ChainLayout layout, object?[] data, RuleBits fired, int inputsAt, bool explained,
        NumberCell number0 = default, NumberCell number1 = default)
    {
        _number0 = number0;
        _number1 = number1;
        _layout = layout;
        _slots = data;
        _firedBits = fired;
        _inputsAt = inputsAt;
        _explained = explained;
        Subject = "";
        Period = "";
    }
#pragma warning restore CS8618

    private IReadOnlyList<FiredRule> BuildFired()
    {
        var layout = _layout!;
        var count = _firedBits.Count();
        if (count == 0)
        {
            return NoFired;
        }
        var result = new FiredRule[count];
        var k = 0;
        var extra = layout.SlotCount;
        var slots = layout.SlotCount;
        Span<int> owners = slots <= 64 ? stackalloc int[slots] : new int[slots];
        layout.SlotOwners(_firedBits, owners, slots <= 64 ? stackalloc bool[slots] : new bool[slots]);
        for (var at = _firedBits.Next(0, layout.Count); at >= 0; at = _firedBits.Next(at + 1, layout.Count))
        {
            var rule = layout.RuleAt[at];
            object? output = null;
            if (rule.HasOutput)
            {
                // the output is the final value of the slot it set, or the next of the outputs no slot holds
                output = Unmark(rule.SetsSlot >= 0 && owners[rule.SetsSlot] == at ? _slots![rule.SetsSlot] : _slots![extra++]);
            }
            result[k++] = rule.FiredWith(layout.WorkflowAt[at].Name, output);
        }
        return result;
    }

    /// <summary><paramref name="value"/>, or the number a <see cref="NumberMark"/> stands for, boxed.</summary>
    private object? Unmark(object? value) => value is NumberMark mark ? mark.Box(Cell(mark)) : value;

    private ref readonly NumberCell Cell(NumberMark mark) => ref mark.Cell == 0 ? ref _number0 : ref _number1;

    /// <summary>The slots' values with every number boxed: what the <c>Values</c> view reads.</summary>
    private object?[] UnmarkedSlots()
    {
        var count = _layout!.SlotCount;
        object?[]? copy = null;
        for (var i = 0; i < count; i++)
        {
            if (_slots![i] is NumberMark)
            {
                copy ??= _slots[..count];
                copy[i] = Unmark(_slots[i]);
            }
        }
        return copy ?? _slots!;
    }

    /// <summary>A value slot's number as it is, when the slot holds an unboxed one.</summary>
    private bool TryGetNumber(string name, out NumberMark mark, out NumberCell number)
    {
        if (_views?.Values is null && _slots is not null && _layout!.SlotNames.TryGetValue(name, out var i) && _slots[i] is NumberMark m)
        {
            mark = m;
            number = Cell(m);
            return true;
        }
        mark = null!;
        number = default;
        return false;
    }

    private IReadOnlyList<Trigger> BuildTriggers()
    {
        var layout = _layout!;
        var count = 0;
        for (var at = _firedBits.Next(0, layout.Count); at >= 0; at = _firedBits.Next(at + 1, layout.Count))
        {
            if (layout.RuleAt[at].Kind is not null)
            {
                count++;
            }
        }
        if (count == 0)
        {
            return NoTriggers;
        }
        var result = new Trigger[count];
        var k = 0;
        var read = _inputsAt;
        for (var at = _firedBits.Next(0, layout.Count); at >= 0; at = _firedBits.Next(at + 1, layout.Count))
        {
            var rule = layout.RuleAt[at];
            if (rule.Kind is null)
            {
                continue;
            }
            var inputs = NoInputs;
            if (_explained)
            {
                var values = new TriggerInputs(rule.Reads);
                for (var j = 0; j < rule.Reads.Length; j++)
                {
                    values.Set(j, _slots![read++]);
                }
                inputs = values;
            }
            var wf = layout.WorkflowAt[at];
            result[k++] = new Trigger(rule.TriggerRule(wf.Name, wf.Version), Subject, IsUnit, Period, inputs, UnitId, RegionId);
        }
        return result;
    }
}
