using System.Diagnostics;
using System.Globalization;

namespace Kinerja.Bench.Indicators;

/// <summary>
/// CPU seconds spent by this process plus the PostgreSQL backends serving it (client backends of
/// the bench database and parallel workers, from <c>/proc</c>; background processes excluded). On a machine shared with other work, wall time
/// includes waiting for a core; CPU time is what the computation itself costs.
/// </summary>
internal sealed class CpuMeter(string dataDir)
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on Linux

    /// <summary>Client backends of the bench database and parallel workers; not autovacuum, checkpointer, WAL writer.</summary>
    private static bool IsQueryProcess(string dir)
    {
        var cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
        return cmd.StartsWith("postgres: kinerja bench ", StringComparison.Ordinal)
               || cmd.StartsWith("postgres: parallel worker", StringComparison.Ordinal);
    }

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
                if (fields[1] == postmaster && IsQueryProcess(dir))
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
