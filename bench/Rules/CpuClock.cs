using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Kinerja.Rules.Bench;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>; elsewhere the process's CPU time), so a
/// step's cost can be read on a machine shared with other work, where wall time mostly measures the waiting.
/// </summary>
internal static class CpuClock
{
    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Nanoseconds of CPU this thread has used.</summary>
    public static double ThreadNanoseconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var t) == 0)
        {
            return t.Seconds * 1e9 + t.Nanoseconds;
        }
        return Process.GetCurrentProcess().TotalProcessorTime.TotalNanoseconds;
    }

    /// <summary>Seconds of CPU the whole process has used (every thread, the GC's included).</summary>
    public static double ProcessSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
