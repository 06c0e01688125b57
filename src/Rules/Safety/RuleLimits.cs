using System.ComponentModel.DataAnnotations;

namespace Kinerja.Rules.Safety;

/// <summary>
/// Limits that keep a rule file from hurting the process (<c>Kinerja:Rules:Limits</c>): checked on the text
/// before anything is parsed (expression size and nesting, workflow size) and while rules run (time and
/// allocation per snapshot and per batch, length of strings a rule builds). The defaults are far above
/// what the shipped workflows use (longest expression ~150 characters, nesting 3) and far below what the
/// parser survives on its 64 MB stack (≈10,000 nested parentheses; 300 overflow a 1 MB stack).
/// </summary>
public sealed class RuleLimits
{
    /// <summary>The defaults (also used by the CLI and by tests).</summary>
    public static RuleLimits Default { get; } = new();

    /// <summary>Characters in one expression (<c>Expression</c>, a param, an output expression).</summary>
    [Range(16, 65_536)]
    public int MaxExpressionLength { get; set; } = 4_096;

    /// <summary>Nesting of <c>( [ {</c> in one expression; each level (and each lambda) is a parser recursion.</summary>
    [Range(1, 256)]
    public int MaxNestingDepth { get; set; } = 32;

    /// <summary>Unary operators in a row (<c>!!!x</c>, <c>- -x</c>, <c>not not x</c>).</summary>
    [Range(1, 64)]
    public int MaxUnaryRun { get; set; } = 8;

    /// <summary>Rules in one workflow, nested and injected ones included.</summary>
    [Range(1, 100_000)]
    public int MaxRulesPerWorkflow { get; set; } = 1_000;

    /// <summary>Levels of nested <c>Rules</c> under a top-level rule (the JSON itself stops at depth 64).</summary>
    [Range(1, 30)]
    public int MaxNestedRuleDepth { get; set; } = 16;

    /// <summary>Time one snapshot may spend in the rules (the whole chain).</summary>
    [Range(1, 600_000)]
    public int SnapshotTimeBudgetMs { get; set; } = 250;

    /// <summary>Bytes one snapshot's evaluation may allocate.</summary>
    [Range(1_048_576, long.MaxValue)]
    public long SnapshotAllocationBudgetBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Fixed part of the time a batch (live change, period close, backtest period) may spend.</summary>
    [Range(1, 3_600_000)]
    public int BatchTimeBudgetMs { get; set; } = 5_000;

    /// <summary>Added to <see cref="BatchTimeBudgetMs"/> per snapshot of the batch (microseconds; a snapshot normally takes a few).</summary>
    [Range(0, 1_000_000)]
    public int BatchTimePerSnapshotMicros { get; set; } = 1_000;

    /// <summary>Characters in a string a rule builds (string constructor, Replace, Concat/+, Join, Insert, Format, ToString(format)).</summary>
    [Range(1_024, 100_000_000)]
    public int MaxStringLength { get; set; } = 1_048_576;

    /// <summary>A copy with a longer time budget (the first evaluation of a new set also pays for JIT compilation).</summary>
    internal RuleLimits WithTimeFactor(int factor)
    {
        var copy = (RuleLimits)MemberwiseClone();
        copy.SnapshotTimeBudgetMs = SnapshotTimeBudgetMs * factor;
        copy.BatchTimeBudgetMs = BatchTimeBudgetMs * factor;
        return copy;
    }

    /// <summary>Stack of the thread that parses and compiles rules.</summary>
    [Range(1_048_576, 1_073_741_824)]
    public int CompilerStackBytes { get; set; } = 64 * 1024 * 1024;
}
