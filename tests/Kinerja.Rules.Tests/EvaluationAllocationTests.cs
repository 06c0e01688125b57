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
    /// (bench/Rules: 738 -> 677); 245 once an outcome keeps its fired rules as bits and one data array (value slots,
    /// outputs no slot holds, trigger inputs) and builds Fired and Triggers on first read, and input ints are shared boxes
    /// (bench/Rules: 677 -> 258); 232 once a double or decimal rule output is written unboxed and kept in the outcome's own
    /// two number cells, boxed only when Values or Fired is read (typed output slots; bench/Rules: 258 -> 234; the engine
    /// before them allocates 245 here and fails this budget).
    /// </summary>
    private const long BudgetBytesPerSnapshot = 240;

    /// <summary>
    /// Evaluated and then read in full (every fired rule, trigger and input, as the live evaluator and the trigger store
    /// do): 745 bytes per snapshot; the eager engine before the compact outcome allocated 731 for the same (631 + 100 for
    /// the readers' enumerators), so an outcome that is read costs about what it did, one that is not costs a third.
    /// With typed output slots it is 777: reading Fired boxes the two TPP figures the evaluation no longer boxed, and the
    /// outcome carries two 16-byte number cells (+32) whether read or not.
    /// </summary>
    private const long ReadInFullBudgetBytesPerSnapshot = 790;

    [Fact]
    public void EvaluateBatch_DefaultChainWithExplanations_AllocatesUnderBudgetPerSnapshot()
    {
        var set = DefaultRules.Set;
        var rng = new Random(42);
        var snapshots = Enumerable.Range(0, 2000).Select(i => PlainEngineConformanceTests.Random(rng, i)).ToArray();
        ReadAll(set.EvaluateBatch(snapshots, maxDegreeOfParallelism: 1, explain: true)); // JIT, static caches

        var before = GC.GetAllocatedBytesForCurrentThread();
        var outcomes = set.EvaluateBatch(snapshots, maxDegreeOfParallelism: 1, explain: true);
        var evaluated = GC.GetAllocatedBytesForCurrentThread();
        var triggers = ReadAll(outcomes);
        var read = GC.GetAllocatedBytesForCurrentThread();
        var perSnapshot = (evaluated - before) / snapshots.Length;
        var withReading = (read - before) / snapshots.Length;

        Assert.True(triggers > snapshots.Length / 2, "the population fires triggers (explanations are built)");
        Assert.True(perSnapshot <= BudgetBytesPerSnapshot, $"{perSnapshot} bytes per snapshot, budget {BudgetBytesPerSnapshot}");
        // an outcome read in full (every fired rule, trigger and input) costs about what the eager engine did
        Assert.True(withReading <= ReadInFullBudgetBytesPerSnapshot,
            $"{withReading} bytes per snapshot evaluated and read in full, budget {ReadInFullBudgetBytesPerSnapshot}");
    }

    /// <summary>Reads every fired rule, trigger and trigger input of <paramref name="outcomes"/>; returns the triggers.</summary>
    private static int ReadAll(IEnumerable<Engine.EvaluationOutcome> outcomes)
    {
        var triggers = 0;
        foreach (var o in outcomes)
        {
            GC.KeepAlive(o.Fired.Count > 0 ? o.Fired[^1].Output : null);
            foreach (var t in o.Triggers)
            {
                triggers++;
                foreach (var (_, v) in t.Inputs)
                {
                    GC.KeepAlive(v);
                }
            }
        }
        return triggers;
    }
}
