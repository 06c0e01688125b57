using System.Diagnostics;
using System.Globalization;

namespace Kinerja.Ingest.Bench;

/// <summary>
/// Load-independent costs of one method, alongside its wall time: CPU seconds of this process (the in-process writer,
/// or the HTTP server), of PostgreSQL (the postmaster's reaped children plus the live backends, from /proc), and bytes
/// allocated by this process. On a shared machine the wall time moves with the load; these move with the work.
/// </summary>
internal sealed class CostMeter
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly int _postmaster;
    private readonly double _ownCpu, _pgCpu;
    private readonly long _allocated;
    private readonly long _started;

    private CostMeter(int postmaster)
    {
        _postmaster = postmaster;
        _ownCpu = OwnCpuSeconds();
        _pgCpu = PostgresCpuSeconds(postmaster);
        _allocated = GC.GetTotalAllocatedBytes(precise: true);
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts measuring; <paramref name="dataDir"/> holds the cluster's <c>postmaster.pid</c>.</summary>
    public static CostMeter Start(string dataDir) =>
        new(int.Parse(File.ReadLines(Path.Combine(dataDir, "postmaster.pid")).First(), CultureInfo.InvariantCulture));

    /// <summary>One line: wall, this process's CPU and allocation per row, PostgreSQL's CPU (and a client's, when given).</summary>
    public string Line(long rows, double? clientCpuSeconds = null)
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var own = OwnCpuSeconds() - _ownCpu;
        var pg = PostgresCpuSeconds(_postmaster) - _pgCpu;
        var perRow = (GC.GetTotalAllocatedBytes(precise: true) - _allocated) / (double)rows;
        var client = clientCpuSeconds is { } c ? $", client process CPU {c:N1} s" : "";
        return $"    cost: wall {wall:N1} s; this process CPU {own:N1} s, allocated {perRow:N0} B/row; " +
               $"PostgreSQL CPU {pg:N1} s{client}; load average {LoadAverage()}";
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static double OwnCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>The postmaster's own and reaped children's CPU, plus every live child's (backends, walwriter, checkpointer).</summary>
    private static double PostgresCpuSeconds(int postmaster)
    {
        var total = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // f[1] = ppid, f[11] utime, f[12] stime, f[13] cutime, f[14] cstime (fields 4, 14-17 of proc(5))
                if (pid == postmaster)
                {
                    total += long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
                           + long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
                }
                else if (int.Parse(f[1], CultureInfo.InvariantCulture) == postmaster)
                {
                    total += long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // the process ended while we read: its CPU moves into the postmaster's reaped children
            }
        }
        return total / TicksPerSecond;
    }
}
