namespace Kinerja.Rules.Tests;

/// <summary>
/// What one snapshot's evaluation allocates bounds the rules engine's throughput on big batches (every outcome is
/// kept, so the GC copies it): the default chain with explanations stays under a fixed number of bytes per snapshot.
/// </summary>
public class EvaluationAllocationTests
{
    /// <summary>
    /// Bytes per snapshot: before issue 22 the engine allocated 1,586 on this population (1,662 on bench/Rules' one, 801
    /// after); 685 once triggers share their rule fields (bench/Rules: 827 -> 738); 631 once fired rules share their rule
    /// fields, a trigger's inputs hold up to four values inline and the outcome's value view is built on first read
    /// (bench/Rules: 738 -> 677).
    /// </summary>
    private const long BudgetBytesPerSnapshot = 640;

    [Fact]
    public void EvaluateBatch_DefaultChainWithExplanations_AllocatesUnderBudgetPerSnapshot()
    {
        var set = DefaultRules.Set;
        var rng = new Random(42);
        var snapshots = Enumerable.Range(0, 2000).Select(i => PlainEngineConformanceTests.Random(rng, i)).ToArray();
        set.EvaluateBatch(snapshots, maxDegreeOfParallelism: 1, explain: true); // JIT, static caches

        var before = GC.GetAllocatedBytesForCurrentThread();
        var outcomes = set.EvaluateBatch(snapshots, maxDegreeOfParallelism: 1, explain: true);
        var perSnapshot = (GC.GetAllocatedBytesForCurrentThread() - before) / snapshots.Length;

        Assert.True(outcomes.Sum(o => o.Triggers.Count) > snapshots.Length / 2, "the population fires triggers (explanations are built)");
        Assert.True(perSnapshot <= BudgetBytesPerSnapshot, $"{perSnapshot} bytes per snapshot, budget {BudgetBytesPerSnapshot}");
    }
}
