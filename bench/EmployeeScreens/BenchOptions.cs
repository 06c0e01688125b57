using System.Globalization;

namespace Kinerja.Bench.EmployeeScreens;

/// <summary>Command-line settings; defaults are issue 16's scenario (1,000 screens, a year of history).</summary>
public sealed record BenchOptions(int Employees, int PerSuperior, double Rate, int Seconds, int HistoryDays, int Sample,
    int Concurrency, string ServerDll, string Repo)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        int Int(string name, int fallback, int min)
        {
            var text = Get(name);
            if (text is null)
            {
                return fallback;
            }
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min
                ? v
                : throw new ArgumentException($"{name} must be a whole number of at least {min}; got '{text}'.");
        }
        var repo = FindRepo();
        var dll = Get("--server") ?? Path.Combine(repo, "src/Dashboard/bin/Release/net10.0/Kinerja.Dashboard.dll");
        if (!File.Exists(dll))
        {
            throw new ArgumentException($"Server dll not found: {dll} (build it: dotnet build -c Release src/Dashboard, or pass --server <dll>).");
        }
        var rateText = Get("--rate") ?? "50";
        if (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
        {
            throw new ArgumentException($"--rate must be a positive number of approvals per second; got '{rateText}'.");
        }
        return new BenchOptions(Int("--employees", 1000, 1), Int("--per-superior", 10, 1), rate, Int("--seconds", 20, 1),
            Int("--history-days", 365, 0), Int("--sample", 300, 1), Int("--concurrency", 8, 1), Path.GetFullPath(dll), repo);
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
