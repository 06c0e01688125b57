using System.Globalization;

namespace Kinerja.Bench.Soak;

/// <summary>
/// CPU seconds of a PostgreSQL cluster from /proc: the postmaster (user + system + reaped children, so backends
/// that already ended still count) plus every live child (backends, walwriter, checkpointer, autovacuum...).
/// </summary>
public static class PostgresCpu
{
    private const double TicksPerSecond = 100; // USER_HZ

    public static double Seconds(int postmaster)
    {
        double total = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (name.Length == 0 || !char.IsDigit(name[0]))
            {
                continue;
            }
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue; // the process ended meanwhile
            }
            // after "pid (comm) ": [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var pid = int.Parse(name, CultureInfo.InvariantCulture);
            var ppid = int.Parse(f[1], CultureInfo.InvariantCulture);
            long Field(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
            if (pid == postmaster)
            {
                total += Field(11) + Field(12) + Field(13) + Field(14);
            }
            else if (ppid == postmaster)
            {
                total += Field(11) + Field(12);
            }
        }
        return total / TicksPerSecond;
    }
}
