using System.Globalization;

namespace Kinerja.Bench.Survey;

/// <summary>Command line of the survey bench: target rate (answers per second), duration and the server dll.</summary>
public sealed record SurveyBenchOptions(double Rate, int Seconds, string ServerDll)
{
    public static SurveyBenchOptions Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var repo = FindRepo();
        var dll = Get("--server") ?? Path.Combine(repo, "src/Dashboard/bin/Release/net10.0/Kinerja.Dashboard.dll");
        if (!File.Exists(dll))
        {
            throw new ArgumentException($"Server dll not found: {dll} (build it: dotnet build -c Release src/Dashboard, or pass --server <dll>).");
        }
        var rate = double.Parse(Get("--rate") ?? "500", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Get("--seconds") ?? "30", CultureInfo.InvariantCulture);
        if (rate is <= 0 or > 20_000)
        {
            throw new ArgumentException("--rate must be from 1 to 20000 answers per second.");
        }
        if (seconds is < 1 or > 3600)
        {
            throw new ArgumentException("--seconds must be from 1 to 3600.");
        }
        return new SurveyBenchOptions(rate, seconds, Path.GetFullPath(dll));
    }

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KinerjaAnalytics.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
