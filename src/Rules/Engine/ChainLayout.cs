using Kinerja.Rules.Compilation;

namespace Kinerja.Rules.Engine;

/// <summary>
/// The workflows one evaluation runs, in order, and each of their top-level rules at a position in the chain
/// (workflow by workflow, rules in order): an outcome records which rules fired as bits at these positions and
/// builds its <see cref="EvaluationOutcome.Fired"/> and <see cref="EvaluationOutcome.Triggers"/> from them.
/// </summary>
internal sealed class ChainLayout
{
    public ChainLayout(CompiledWorkflow[] workflows, IReadOnlyDictionary<string, int> slotNames)
    {
        Workflows = workflows;
        SlotNames = slotNames;
        SlotCount = slotNames.Count;
        Offsets = new int[workflows.Length];
        var count = 0;
        for (var w = 0; w < workflows.Length; w++)
        {
            Offsets[w] = count;
            count += workflows[w].Rules.Length;
        }
        WorkflowAt = new CompiledWorkflow[count];
        WorkflowIndexAt = new int[count];
        RuleAt = new CompiledRule[count];
        for (var w = 0; w < workflows.Length; w++)
        {
            for (var r = 0; r < workflows[w].Rules.Length; r++)
            {
                WorkflowAt[Offsets[w] + r] = workflows[w];
                WorkflowIndexAt[Offsets[w] + r] = w;
                RuleAt[Offsets[w] + r] = workflows[w].Rules[r];
            }
        }
    }

    public CompiledWorkflow[] Workflows { get; }
    /// <summary>The rule set's value names → slot.</summary>
    public IReadOnlyDictionary<string, int> SlotNames { get; }
    /// <summary>How many value slots an outcome has (the first items of its data).</summary>
    public int SlotCount { get; }
    /// <summary>The position of each workflow's first rule.</summary>
    public int[] Offsets { get; }
    public CompiledWorkflow[] WorkflowAt { get; }
    public int[] WorkflowIndexAt { get; }
    public CompiledRule[] RuleAt { get; }
    public int Count => RuleAt.Length;

    /// <summary>
    /// Per value slot, the position of the fired rule whose output is the slot's final value (-1: no rule set it, or
    /// the last one to set it has no output and set its event). As the evaluator sets them: in each workflow the first
    /// fired rule setting a slot sets it, a later workflow's rule sets it again. <paramref name="setInWorkflow"/> is
    /// room for one flag per slot.
    /// </summary>
    public void SlotOwners(in RuleBits fired, Span<int> owners, Span<bool> setInWorkflow)
    {
        owners.Fill(-1);
        var workflow = -1;
        for (var at = fired.Next(0, Count); at >= 0; at = fired.Next(at + 1, Count))
        {
            if (WorkflowIndexAt[at] != workflow)
            {
                workflow = WorkflowIndexAt[at];
                setInWorkflow.Clear();
            }
            var rule = RuleAt[at];
            if (rule.SetsSlot >= 0 && !setInWorkflow[rule.SetsSlot])
            {
                setInWorkflow[rule.SetsSlot] = true;
                owners[rule.SetsSlot] = rule.HasOutput ? at : -1;
            }
        }
    }
}

/// <summary>One bit per rule position of a <see cref="ChainLayout"/>: 64 in the value itself, more in an array.</summary>
internal struct RuleBits
{
    private ulong _low;
    private ulong[]? _more;

    /// <summary>Clear bits for <paramref name="count"/> positions (an array only past 64).</summary>
    public RuleBits(int count)
    {
        _more = count > 64 ? new ulong[(count - 1) / 64] : null;
    }

    public void Set(int position)
    {
        if (position < 64)
        {
            _low |= 1UL << position;
        }
        else
        {
            _more![(position / 64) - 1] |= 1UL << (position % 64);
        }
    }

    public readonly bool Get(int position) =>
        position < 64 ? (_low & (1UL << position)) != 0 : (_more![(position / 64) - 1] & (1UL << (position % 64))) != 0;

    /// <summary>How many positions are set.</summary>
    public readonly int Count()
    {
        var n = System.Numerics.BitOperations.PopCount(_low);
        if (_more is not null)
        {
            foreach (var b in _more)
            {
                n += System.Numerics.BitOperations.PopCount(b);
            }
        }
        return n;
    }

    /// <summary>The first position set at or after <paramref name="from"/>, or -1.</summary>
    public readonly int Next(int from, int count)
    {
        for (var p = from; p < count; p++)
        {
            var word = p < 64 ? _low : _more![(p / 64) - 1];
            var rest = word >> (p % 64);
            if (rest != 0)
            {
                return p + System.Numerics.BitOperations.TrailingZeroCount(rest);
            }
            p |= 63; // to the end of this word
        }
        return -1;
    }
}
