using System.Globalization;

namespace Kinerja.Bench.Fanout;

/// <summary>Command-line settings; defaults are the scenario.</summary>
public sealed record BenchOptions(int Clients, double Rate, int Seconds, string ServerDll, string Repo, int WarmupSeconds = 0)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var repo = FindRepo();
        var dll = Get("--server") ?? Path.Combine(repo, "src/Dashboard/bin/Release/net10.0/Kinerja.Dashboard.dll");
        return new BenchOptions(
            int.Parse(Get("--clients") ?? "1000", CultureInfo.InvariantCulture),
            double.Parse(Get("--rate") ?? "1000", CultureInfo.InvariantCulture),
            int.Parse(Get("--seconds") ?? "20", CultureInfo.InvariantCulture),
            dll, repo,
            int.Parse(Get("--warmup") ?? "0", CultureInfo.InvariantCulture));
    }

    private static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KinerjaAnalytics.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
