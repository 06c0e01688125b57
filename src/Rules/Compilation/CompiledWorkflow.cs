namespace Kinerja.Rules.Compilation;

/// <summary>
/// One workflow compiled into a single delegate that evaluates all its rules (global params once,
/// local params per rule, nested operators, OnSuccess outputs) for one input, writing into a reusable
/// scratch; compiled once per published version.
/// </summary>
public sealed class CompiledWorkflow
{
    public required string Name { get; init; }
    public required int Version { get; init; }
    public required string File { get; init; }
    public required string Json { get; init; }
    /// <summary><c>IndicatorSnapshot</c> or <c>UnitSnapshot</c>.</summary>
    public required Type InputType { get; init; }
    public required CompiledRule[] Rules { get; init; }
    /// <summary>Input properties the workflow reads (case-insensitive names).</summary>
    public required IReadOnlySet<string> Reads { get; init; }
    /// <summary>Value names the workflow's rules set.</summary>
    public required IReadOnlyList<string> Sets { get; init; }
    /// <summary>
    /// The workflows that inject this one (<c>WorkflowsToInject</c>). Its rules run inside them, so a whole-chain
    /// evaluation skips it (each rule fires once, under the injecting workflow); naming it still evaluates it.
    /// </summary>
    public IReadOnlyList<string> InjectedBy { get; private init; } = [];

    internal Action<object, RuleScratch> Evaluate { get; init; } = (_, _) => { };

    /// <summary>Rules of this version disabled because they went over an evaluation budget.</summary>
    public Safety.RuleGate Gate { get; init; } = new(0);

    internal CompiledWorkflow InjectedInto(IReadOnlyList<string> outer) => new()
    {
        Name = Name,
        Version = Version,
        File = File,
        Json = Json,
        InputType = InputType,
        Rules = Rules,
        Reads = Reads,
        Sets = Sets,
        Evaluate = Evaluate,
        Gate = Gate,
        InjectedBy = outer,
    };
}

/// <summary>Per-thread buffers one workflow evaluation writes into (no allocation per snapshot).</summary>
internal sealed class RuleScratch(int size)
{
    public readonly bool[] Fired = new bool[size];
    public readonly object?[] Outputs = new object?[size];
    /// <summary>The outputs of fired rules whose output is a double (<see cref="CompiledRule.Number"/>): not boxed.</summary>
    public readonly double[] Doubles = new double[size];
    /// <summary>The outputs of fired rules whose output is a decimal: not boxed.</summary>
    public readonly decimal[] Decimals = new decimal[size];
    public readonly Exception?[] Errors = new Exception?[size];
    /// <summary>
    /// The evaluating thread's budget (<see cref="Safety.EvaluationBudget.BeginSnapshot"/>), set by the evaluator before
    /// it runs a workflow delegate, which hands it to every rule entry; null: nothing is limited.
    /// </summary>
    public Safety.EvaluationBudget.State? Budget;

    public void Reset(int count)
    {
        Array.Clear(Fired, 0, count);
        Array.Clear(Outputs, 0, count);
        Array.Clear(Errors, 0, count);
    }
}
