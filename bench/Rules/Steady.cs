using System.Diagnostics;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;

namespace Kinerja.Rules.Bench;

/// <summary>
/// The engine against the hand-written C# over enough work to be steady on a shared machine: engine and hand-written
/// passes alternate, each pass repeats the whole population until it has run for at least <c>passSeconds</c> of wall
/// time, and each side reports the median and spread (min-max) of its per-pass process CPU time per snapshot and the
/// bytes it allocated per snapshot. The ratio is taken per pair of neighbouring passes (same minute, same load).
/// Measured twice: on <c>threads</c> threads in process CPU time (every thread: the GC's, and pool threads spinning
/// while the other worker waits for a core), then on the calling thread alone in that thread's CPU time, which other
/// processes' load barely moves (gen0/gen1 collections run on the allocating thread and are counted; a background
/// gen2 collection is not).
/// </summary>
internal static class Steady
{
    public sealed record Side(double MedianNs, double MinNs, double MaxNs, double BytesPerSnapshot);

    public sealed record Result(string Mode, Side Engine, Side Hand, double[] PairRatios, int Passes, long SnapshotsPerPassEngine, long SnapshotsPerPassHand);

    public static Result Run(CompiledRuleSet set, IndicatorSnapshot[] snapshots, int threads, int passes, double passSeconds)
    {
        var oneThread = threads == 1;
        Func<double> cpuNs = oneThread ? CpuClock.ThreadNanoseconds : () => CpuClock.ProcessSeconds() * 1e9;
        Func<long> bytes = oneThread ? GC.GetAllocatedBytesForCurrentThread : () => GC.GetTotalAllocatedBytes(precise: true);
        Action engineRun = () => set.EvaluateBatch(snapshots, threads);
        Action handRun = oneThread ? () => HandLoop(snapshots, 0, snapshots.Length) : () => HandPass(snapshots, threads);
        var engine = new List<(double CpuNs, double Bytes, long Done)>();
        var hand = new List<(double CpuNs, double Bytes, long Done)>();
        for (var p = 0; p < passes; p++)
        {
            // alternate which side goes first, so neither always runs right after the other's garbage
            if (p % 2 == 0)
            {
                engine.Add(Pass(engineRun, snapshots.Length, passSeconds, cpuNs, bytes));
                hand.Add(Pass(handRun, snapshots.Length, passSeconds, cpuNs, bytes));
            }
            else
            {
                hand.Add(Pass(handRun, snapshots.Length, passSeconds, cpuNs, bytes));
                engine.Add(Pass(engineRun, snapshots.Length, passSeconds, cpuNs, bytes));
            }
        }
        var ratios = engine.Zip(hand, (e, h) => e.CpuNs / h.CpuNs).ToArray();
        var mode = oneThread ? "1 thread, that thread's CPU" : $"{threads} threads, process CPU";
        return new Result(mode, Summarize(engine), Summarize(hand), ratios, passes, engine.Max(e => e.Done), hand.Max(h => h.Done));
    }

    /// <summary>Prints the figures (one line per side, then the ratio of medians and the per-pair ratios).</summary>
    public static void Print(Result r, double passSeconds)
    {
        Console.WriteLine($"steady comparison ({r.Mode}): {r.Passes} engine and {r.Passes} hand-written passes alternated, each repeating the population for >= {passSeconds:F1} s wall "
            + $"(engine {r.SnapshotsPerPassEngine:N0}, hand-written {r.SnapshotsPerPassHand:N0} snapshots in the longest pass); CPU per snapshot, median [min-max]:");
        Console.WriteLine($"  (b) hand-written C#:  {r.Hand.MedianNs,8:F0} ns [{r.Hand.MinNs:F0}-{r.Hand.MaxNs:F0}], {r.Hand.BytesPerSnapshot,6:F0} B allocated per snapshot (results dropped)");
        Console.WriteLine($"  (c) engine:           {r.Engine.MedianNs,8:F0} ns [{r.Engine.MinNs:F0}-{r.Engine.MaxNs:F0}], {r.Engine.BytesPerSnapshot,6:F0} B allocated per snapshot (a batch keeps its outcomes until it returns)");
        var sorted = r.PairRatios.Order().ToArray();
        Console.WriteLine($"  hand-written vs engine (CPU, steady, {r.Mode}): {r.Engine.MedianNs / r.Hand.MedianNs:F1}x faster (ratio of medians); per pair of passes median {Median(sorted):F1}x [{sorted[0]:F1}-{sorted[^1]:F1}]");
    }

    private static void HandPass(IndicatorSnapshot[] snapshots, int threads) =>
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, snapshots.Length, Math.Max(256, snapshots.Length / (threads * 8))),
            new ParallelOptions { MaxDegreeOfParallelism = threads }, range => HandLoop(snapshots, range.Item1, range.Item2));

    private static void HandLoop(IndicatorSnapshot[] snapshots, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            HandWritten.Evaluate(snapshots[i]);
        }
    }

    /// <summary>Repeats <paramref name="run"/> (one pass over <paramref name="n"/> snapshots) until <paramref name="seconds"/> of wall time have passed.</summary>
    private static (double CpuNs, double Bytes, long Done) Pass(Action run, int n, double seconds, Func<double> cpuNs, Func<long> allocated)
    {
        var bytes = allocated();
        var cpu = cpuNs();
        var clock = Stopwatch.StartNew();
        long done = 0;
        do
        {
            run();
            done += n;
        }
        while (clock.Elapsed.TotalSeconds < seconds);
        return ((cpuNs() - cpu) / done, (double)(allocated() - bytes) / done, done);
    }

    private static Side Summarize(List<(double CpuNs, double Bytes, long Done)> passes)
    {
        var cpu = passes.Select(p => p.CpuNs).Order().ToArray();
        return new Side(Median(cpu), cpu[0], cpu[^1], passes.Sum(p => p.Bytes * p.Done) / passes.Sum(p => p.Done));
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
