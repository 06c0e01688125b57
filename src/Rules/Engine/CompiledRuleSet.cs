using System.Collections.Concurrent;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;
using Kinerja.Rules.Model;

namespace Kinerja.Rules.Engine;

/// <summary>
/// An immutable, fully compiled set of workflows (one published version of each): evaluates snapshots
/// through the whole chain without compiling anything per snapshot. Safe for concurrent use; a new
/// version is a new instance swapped in by reference (<see cref="Hosting.ActiveRuleSet"/>).
/// </summary>
public sealed partial class CompiledRuleSet
{
    internal CompiledRuleSet(IReadOnlyList<WorkflowSource> sources, IReadOnlyList<CompiledWorkflow> employeeChain, IReadOnlyList<CompiledWorkflow> unitChain,
        IReadOnlyDictionary<string, int> slots, Action<object, object?>?[] employeeSetters, Action<object, object?>?[] unitSetters)
    {
        Sources = sources;
        EmployeeChain = employeeChain;
        UnitChain = unitChain;
        Slots = slots;
        _employeeSetters = employeeSetters;
        _unitSetters = unitSetters;
        Workflows = employeeChain.Concat(unitChain).ToDictionary(w => w.Name, StringComparer.OrdinalIgnoreCase);
        _maxRules = Math.Max(1, Workflows.Values.Select(w => w.Rules.Length).DefaultIfEmpty(1).Max());
        // a chain runs each workflow at most once, so its fired rules and triggers fit in the rules of all workflows
        _allRules = Math.Max(1, employeeChain.Concat(unitChain).Sum(w => w.Rules.Length));
        _reuseCopy = employeeChain.Concat(unitChain).All(w => w.Rules.All(r => r.OutputIsPlainValue));
        _employeeLayout = new ChainLayout(Filter(employeeChain, null), slots);
        _unitLayout = new ChainLayout(Filter(unitChain, null), slots);
    }

    /// <summary>
    /// The chain's copy of the snapshot (made when a rule sets a value later workflows read) can be one object per
    /// worker, refilled for each snapshot, when nothing an outcome keeps can refer to it: every output is a plain value
    /// (a number, a string...), trigger inputs are values read from it, errors are messages. Otherwise each snapshot
    /// gets its own copy.
    /// </summary>
    private readonly bool _reuseCopy;

    /// <summary>Refills an employee snapshot copy from another (see <see cref="_reuseCopy"/>).</summary>
    internal Action<object, object>? EmployeeCopier { get; init; }
    /// <summary>Refills a unit snapshot copy from another.</summary>
    internal Action<object, object>? UnitCopier { get; init; }

    private readonly Action<object, object?>?[] _employeeSetters;
    private readonly Action<object, object?>?[] _unitSetters;
    // the whole chains (injected workflows run inside the workflows injecting them)
    private readonly ChainLayout _employeeLayout;
    private readonly ChainLayout _unitLayout;
    private readonly int _maxRules;
    private readonly int _allRules;

    /// <summary>The workflow sources this set was compiled from.</summary>
    public IReadOnlyList<WorkflowSource> Sources { get; }

    /// <summary>Workflows over <see cref="IndicatorSnapshot"/>, in evaluation order (a workflow that sets a value runs before those reading it).</summary>
    public IReadOnlyList<CompiledWorkflow> EmployeeChain { get; }
    /// <summary>Workflows over <see cref="UnitSnapshot"/>.</summary>
    public IReadOnlyList<CompiledWorkflow> UnitChain { get; }
    public IReadOnlyDictionary<string, CompiledWorkflow> Workflows { get; }
    internal IReadOnlyDictionary<string, int> Slots { get; }

    /// <summary>The limits this set was compiled with and evaluates under.</summary>
    public Safety.RuleLimits Limits { get; init; } = Safety.RuleLimits.Default;

    /// <summary>Rules of this set disabled because they went over an evaluation budget (each stays off for this version).</summary>
    public IReadOnlyList<Safety.DisabledRule> DisabledRules =>
        Workflows.Values.SelectMany(w => w.Gate.Disabled).OrderBy(d => d.At).ToArray();

    /// <summary>Workflow name → version of this set.</summary>
    public IReadOnlyDictionary<string, int> Versions => Workflows.Values.ToDictionary(w => w.Name, w => w.Version);

    /// <summary>Evaluates one employee snapshot through the chain (or only <paramref name="workflows"/>, in chain order, without the chain's earlier steps).</summary>
    public EvaluationOutcome Evaluate(IndicatorSnapshot snapshot, IReadOnlyCollection<string>? workflows = null) =>
        Run(snapshot, Layout(_employeeLayout, EmployeeChain, workflows), _employeeSetters, NewScratch(), explain: true);

    /// <summary>Evaluates one unit snapshot through the unit workflows.</summary>
    public EvaluationOutcome Evaluate(UnitSnapshot snapshot, IReadOnlyCollection<string>? workflows = null) =>
        Run(snapshot, Layout(_unitLayout, UnitChain, workflows), _unitSetters, NewScratch(), explain: true);

    /// <summary>
    /// Evaluates many employee snapshots through the whole chain, partitioned over the cores;
    /// the result at index i belongs to <c>snapshots[i]</c>. With <paramref name="explain"/> false the
    /// triggers carry no input values (backtests only diff codes).
    /// </summary>
    public EvaluationOutcome[] EvaluateBatch(IReadOnlyList<IndicatorSnapshot> snapshots, int maxDegreeOfParallelism = -1, bool explain = true)
    {
        var results = new EvaluationOutcome[snapshots.Count];
        if (snapshots.Count == 0)
        {
            return results;
        }
        var chain = _employeeLayout;
        var clock = Safety.EvaluationBudget.StartBatch(Limits, snapshots.Count);
        var degree = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        if (degree == 1 || snapshots.Count < 256)
        {
            var scratch = NewScratch(clock);
            for (var i = 0; i < snapshots.Count; i++)
            {
                results[i] = Run(snapshots[i], chain, _employeeSetters, scratch, explain);
            }
            return results;
        }
        var chunk = Math.Max(256, snapshots.Count / (degree * 8));
        Parallel.ForEach(Partitioner.Create(0, snapshots.Count, chunk),
            new ParallelOptions { MaxDegreeOfParallelism = degree },
            () => NewScratch(clock),
            (range, _, scratch) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    results[i] = Run(snapshots[i], chain, _employeeSetters, scratch, explain);
                }
                return scratch;
            },
            _ => { });
        return results;
    }

    /// <summary>
    /// Runs every workflow once on <paramref name="employee"/> and <paramref name="unit"/> with a time budget
    /// <paramref name="timeFactor"/> times the normal one (allocation and string limits as usual), so the JIT
    /// compilation of the rule delegates is not charged to a snapshot's normal time budget.
    /// </summary>
    internal void WarmUp(IndicatorSnapshot employee, UnitSnapshot unit, int timeFactor)
    {
        var limits = Limits.WithTimeFactor(timeFactor);
        Run(employee, new ChainLayout(EmployeeChain.ToArray(), Slots), _employeeSetters, NewScratch(), explain: true, limits);
        Run(unit, new ChainLayout(UnitChain.ToArray(), Slots), _unitSetters, NewScratch(), explain: true, limits);
    }

    private Scratch NewScratch(Safety.BatchClock? batch = null) => new(_maxRules, Slots.Count, _allRules) { Batch = batch ?? Safety.BatchClock.None };

    /// <summary>The <paramref name="whole"/> chain's layout, or one of only the workflows of <paramref name="chain"/> that <paramref name="names"/> names.</summary>
    private ChainLayout Layout(ChainLayout whole, IReadOnlyList<CompiledWorkflow> chain, IReadOnlyCollection<string>? names) =>
        names is null ? whole : new ChainLayout(Filter(chain, names), Slots);

    private static CompiledWorkflow[] Filter(IReadOnlyList<CompiledWorkflow> chain, IReadOnlyCollection<string>? names)
    {
        if (names is null)
        {
            // an injected workflow's rules already run inside the workflows injecting it
            return chain.Where(w => w.InjectedBy.Count == 0).ToArray();
        }
        foreach (var n in names)
        {
            if (!chain.Any(w => string.Equals(w.Name, n, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"No workflow '{n}' for this input in the rule set.", nameof(names));
            }
        }
        return chain.Where(w => names.Contains(w.Name, StringComparer.OrdinalIgnoreCase)).ToArray();
    }

    internal sealed class Scratch(int maxRules, int slots, int allRules)
    {
        public readonly RuleScratch Rules = new(maxRules);
        public readonly bool[] SetInWorkflow = new bool[slots];
        /// <summary>The outputs of the snapshot's fired rules by chain position (see <see cref="ChainLayout"/>).</summary>
        public readonly object?[] OutputAt = new object?[allRules];
        /// <summary>The snapshot's value slots and the outputs no slot holds, copied into its outcome's data at its end.</summary>
        public readonly object?[] Values = new object?[slots];
        public readonly object?[] Extras = new object?[allRules];
        /// <summary>The unboxed outputs of the snapshot's fired rules by chain position, where <see cref="OutputAt"/> holds a <see cref="NumberMark"/>.</summary>
        public readonly NumberCell[] NumberAt = new NumberCell[allRules];
        /// <summary>The unboxed number of each value slot holding a <see cref="NumberMark"/>.</summary>
        public readonly NumberCell[] SlotNumber = new NumberCell[slots];
        /// <summary>Per value slot, the chain position of the rule whose output it holds (<see cref="ChainLayout.SlotOwners"/>).</summary>
        public readonly int[] SlotOwner = new int[slots];
        /// <summary>The values the snapshot's triggers read, copied into its outcome's data at its end.</summary>
        public object?[] Inputs = new object?[16];
        /// <summary>This worker's copy of the snapshot for the chain, refilled per snapshot (see <c>_reuseCopy</c>).</summary>
        public object? Copy;
        /// <summary>The time budget of the batch this scratch serves (<see cref="Safety.EvaluationBudget"/>).</summary>
        public Safety.BatchClock Batch { get; init; } = Safety.BatchClock.None;
    }
}
