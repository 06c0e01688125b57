using System.Diagnostics;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;

namespace Kinerja.Rules.Bench;

/// <summary>
/// <c>--profile-seconds N</c>: only the engine's side of the steady comparison (one thread, <c>EvaluateBatch</c> with
/// explanations, each batch's outcomes kept until it returns), repeated for N seconds, for a profiler to attach to
/// (<c>dotnet-trace collect --profile cpu-sampling -- dotnet bench/Rules/bin/Release/net10.0/Kinerja.Rules.Bench.dll
/// --profile-seconds 20</c>). Prints the CPU and bytes per snapshot of the whole loop at its end.
/// </summary>
internal static class ProfileLoop
{
    public static void Run(CompiledRuleSet set, IndicatorSnapshot[] snapshots, double seconds)
    {
        set.EvaluateBatch(snapshots, 1);
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var cpu = CpuClock.ThreadNanoseconds();
        var clock = Stopwatch.StartNew();
        long done = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            set.EvaluateBatch(snapshots, 1);
            done += snapshots.Length;
        }
        Console.WriteLine($"profile loop: {done:N0} snapshots in {clock.Elapsed.TotalSeconds:F1} s, one thread, "
            + $"{(CpuClock.ThreadNanoseconds() - cpu) / done:F0} ns CPU and {(double)(GC.GetAllocatedBytesForCurrentThread() - bytes) / done:F0} B per snapshot");
    }
}
