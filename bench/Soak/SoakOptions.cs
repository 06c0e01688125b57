using System.Globalization;

namespace Kinerja.Bench.Soak;

/// <summary>Command-line settings; the defaults are the scenario (30 minutes, 5,000 events/s, 500 screens, a publish every 5 minutes).</summary>
/// <param name="BatchSize">Events per NDJSON request (the source key allows 50 requests/s, so 250 keeps 5,000 events/s at 20 requests/s).</param>
/// <param name="Connections">HTTP connections the ingest client spreads its requests over.</param>
/// <param name="MaxInFlight">Requests outstanding at most; a late batch waits, and its wait counts in its latency (open loop).</param>
/// <param name="PublicEvery">Every n-th screen watches <c>public:{region}</c> anonymously; the others <c>region:{region}</c> signed in.</param>
/// <param name="PgStatements">When above 0, PostgreSQL's top statements per half of the run are printed (<see cref="Soak.PgStatements"/>).</param>
/// <param name="PgExplainMs">When above 0 (with <paramref name="PgStatements"/>), plans of statements slower than this are logged and the log kept.</param>
/// <param name="DailyMax">Every region's <c>dailyMaxMinutes</c> set through the reference import before the load (1..1440); 0 keeps the reference data's.</param>
/// <param name="AllowOverLimit">Run although the plan exceeds the daily maximum (a deliberate flood of rejections); the verdict then expects exactly the excess rejected.</param>
/// <param name="PlanOnly">Print the plan (after setting the maximum) and stop: exit 0 when it fits, 3 when it does not.</param>
public sealed record SoakOptions(double Minutes, double Rate, int Clients, double PublishEveryMinutes, int BatchSize, int Connections,
    int MaxInFlight, int PublicEvery, string ServerDll, string Repo, int PgStatements = 0, int PgExplainMs = 0, int DailyMax = 1440,
    bool AllowOverLimit = false, bool PlanOnly = false)
{
    public TimeSpan Duration => TimeSpan.FromMinutes(Minutes);

    public static SoakOptions Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        double Num(string name, double fallback) => double.Parse(Get(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var repo = FindRepo();
        var dll = Get("--server") ?? Path.Combine(repo, "src/Dashboard/bin/Release/net10.0/Kinerja.Dashboard.dll");
        var options = new SoakOptions(Num("--minutes", 30), Num("--rate", 5000), (int)Num("--clients", 500), Num("--publish-every", 5),
            (int)Num("--batch", 250), (int)Num("--connections", 8), (int)Num("--max-in-flight", 64), (int)Num("--public-every", 5), dll, repo,
            (int)Num("--pg-statements", 0), (int)Num("--pg-explain-ms", 0), (int)Num("--daily-max", 1440), args.Contains("--allow-over-limit"),
            args.Contains("--plan-only"));
        if (options.Minutes <= 0 || options.Rate <= 0 || options.Clients < 0 || options.BatchSize <= 0 || options.Connections <= 0
            || options.MaxInFlight <= 0 || options.PublicEvery <= 0 || options.PublishEveryMinutes <= 0 || options.PgStatements < 0)
        {
            throw new ArgumentException("--minutes, --rate, --batch, --connections, --max-in-flight, --public-every and --publish-every must be positive; --clients at least 0.");
        }
        if (options.DailyMax is < 0 or > 1440)
        {
            throw new ArgumentException($"--daily-max must be between 1 and 1440 (the reference data's range), or 0 to keep the regions' own; got {options.DailyMax}.");
        }
        return options;
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
