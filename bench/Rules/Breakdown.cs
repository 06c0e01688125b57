using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Safety;

namespace Kinerja.Rules.Bench;

/// <summary>
/// <c>--breakdown</c>: where one snapshot's time goes, on one thread, each step measured on its own
/// (best of {reps} over the population): the budget bracket, the workflow delegates alone (and each workflow's), the whole evaluation
/// with and without explanations (and with every outcome then read in full), and the hand-written baseline.
/// </summary>
internal static class Breakdown
{
    public static void Run(CompiledRuleSet set, IndicatorSnapshot[] snapshots)
    {
        var chain = set.EmployeeChain.Where(w => w.InjectedBy.Count == 0).ToArray();
        var scratch = new RuleScratch(Math.Max(1, chain.Max(w => w.Rules.Length)));
        // the rule entries pay their budget tick as in an evaluation (the thread's state, without limits after EndSnapshot)
        scratch.Budget = EvaluationBudget.BeginSnapshot(set.Limits, BatchClock.None);
        EvaluationBudget.EndSnapshot();
        var n = snapshots.Length;
        var reps = Math.Max(3, 300_000 / n);
        Console.WriteLine($"breakdown, one thread, {n:N0} snapshots (CPU ns per snapshot: the thread's, for 2 threads the process's; best of {reps}; allocated bytes per snapshot):");
        Step("empty loop", () =>
        {
            for (var i = 0; i < n; i++)
            {
                GC.KeepAlive(snapshots[i]);
            }
        });
        Step("budget bracket (BeginSnapshot/EndSnapshot)", () =>
        {
            for (var i = 0; i < n; i++)
            {
                EvaluationBudget.BeginSnapshot(set.Limits, BatchClock.None);
                EvaluationBudget.EndSnapshot();
            }
        });
        Step("workflow delegates only (no outcome, no chain values)", () =>
        {
            for (var i = 0; i < n; i++)
            {
                foreach (var wf in chain)
                {
                    scratch.Reset(wf.Rules.Length);
                    wf.Evaluate(snapshots[i], scratch);
                }
            }
        });
        foreach (var wf in chain)
        {
            Step($"  of which {wf.Name} ({wf.Rules.Length} rules)", () =>
            {
                for (var i = 0; i < n; i++)
                {
                    scratch.Reset(wf.Rules.Length);
                    wf.Evaluate(snapshots[i], scratch);
                }
            });
        }
        var copy = snapshots[0] with { };
        Step("chain copy of the snapshot (compiled property copier)", () =>
        {
            for (var i = 0; i < n; i++)
            {
                set.EmployeeCopier!(snapshots[i], copy);
            }
        });
        Step("EvaluateBatch, 1 thread, explain: false", () => set.EvaluateBatch(snapshots, 1, explain: false));
        Step("EvaluateBatch, 1 thread, explain: true", () => set.EvaluateBatch(snapshots, 1, explain: true));
        // the same work with each 1,000 outcomes dropped at once: what keeping all outcomes alive costs the GC
        Step("  the same, outcomes dropped every 1,000", () =>
        {
            for (var s = 0; s < n; s += 1000)
            {
                set.EvaluateBatch(new ArraySegment<IndicatorSnapshot>(snapshots, s, Math.Min(1000, n - s)), 1, explain: true);
            }
        });
        // issue 22: an outcome builds Fired and Triggers on first read; what a caller that reads everything pays in all
        Step("  the same, then every outcome read in full", () => ReadAll(set.EvaluateBatch(snapshots, 1, explain: true)));
        Step("EvaluateBatch, 2 threads, explain: true (process CPU)", () => set.EvaluateBatch(snapshots, 2, explain: true), 2);
        Step("hand-written C#", () =>
        {
            for (var i = 0; i < n; i++)
            {
                HandWritten.Evaluate(snapshots[i]);
            }
        });

        static void ReadAll(EvaluationOutcome[] outcomes)
        {
            foreach (var o in outcomes)
            {
                GC.KeepAlive(o.Fired.Count > 0 ? o.Fired[^1].Output : null);
                foreach (var t in o.Triggers)
                {
                    foreach (var (_, v) in t.Inputs)
                    {
                        GC.KeepAlive(v);
                    }
                }
            }
        }

        void Step(string name, Action run, int threads = 1)
        {
            run();
            var best = double.MaxValue;
            var bytes = 0L;
            var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            for (var r = 0; r < reps; r++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var cpu = threads == 1 ? CpuClock.ThreadNanoseconds() : CpuClock.ProcessSeconds() * 1e9;
                run();
                best = Math.Min(best, (threads == 1 ? CpuClock.ThreadNanoseconds() : CpuClock.ProcessSeconds() * 1e9) - cpu);
                bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            Console.WriteLine($"  {name,-56} {best / n,8:F0} ns {bytes / n,8:N0} B   GCs {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}");
        }
    }
}
