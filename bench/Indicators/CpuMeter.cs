using System.Diagnostics;
using System.Globalization;

namespace Kinerja.Bench.Indicators;

/// <summary>
/// CPU seconds spent by this process plus every PostgreSQL backend of the benchmark's cluster
/// (children of its postmaster, from <c>/proc</c>). On a machine shared with other work, wall time
/// includes waiting for a core; CPU time is what the computation itself costs.
/// </summary>
internal sealed class CpuMeter(string dataDir)
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on Linux

    public double Seconds()
    {
        var own = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var pidFile = Path.Combine(dataDir, "postmaster.pid");
        if (!OperatingSystem.IsLinux() || !File.Exists(pidFile))
        {
            return own;
        }
        var postmaster = File.ReadLines(pidFile).First().Trim();
        double server = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // fields[1] = ppid, fields[11] = utime, fields[12] = stime (after the command)
                if (fields[1] == postmaster)
                {
                    server += (long.Parse(fields[11], CultureInfo.InvariantCulture)
                               + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return own + server;
    }
}
