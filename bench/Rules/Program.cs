using System.Diagnostics;
using System.Globalization;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Backtest;
using Kinerja.Rules.Bench;
using Kinerja.Rules.Compilation;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Hosting;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Tests;
using Kinerja.Rules.Tests.PlainEngine;

// dotnet run -c Release --project bench/Rules [-- --count 100000 --threads 2 --rules rules --skip-plain --plans --steady-passes 5 --pass-ms 1000]
// --plans: also evaluates the same month with the SKP plan fields filled (issue 17) and prints its ratio to (c)
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var count = Arg("--count", 100_000);
var threads = Arg("--threads", Math.Min(2, Environment.ProcessorCount));
var rulesPath = ArgS("--rules", FindRules())!;

var (sources, issues) = RuleFileLoader.LoadFolder(rulesPath);
if (issues.Count > 0)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, issues));
    return 1;
}
var compileClock = Stopwatch.StartNew();
var set = RuleSetCompiler.CompileOrThrow(sources);
var compileMs = compileClock.Elapsed.TotalMilliseconds;
var ruleCount = set.EmployeeChain.Sum(w => w.Rules.Length);
Console.WriteLine($"rules: {rulesPath}; {set.EmployeeChain.Count} employee workflows, {ruleCount} top-level rules (+ distribusi on units); compile {compileMs:F0} ms");
Console.WriteLine($"population: {count:N0} snapshots; threads: {threads}; cores: {Environment.ProcessorCount}; .NET {Environment.Version}");

var snapshots = Population.Make(count, 42);
var withPlans = args.Contains("--plans");
var planned = withPlans ? Population.WithPlans(snapshots, 43) : null;
if (args.Contains("--breakdown"))
{
    Breakdown.Run(set, snapshots);
    return 0;
}
if (Arg("--profile-seconds", 0) is > 0 and var profileSeconds)
{
    ProfileLoop.Run(set, snapshots, profileSeconds);
    return 0;
}
var plainEngine = new PlainRulesEngine(sources, set);

// correctness first: all three agree on a sample
var checkCount = Math.Min(count, 2000);
for (var i = 0; i < checkCount; i++)
{
    var o1 = set.Evaluate(snapshots[i]);
    var h1 = HandWritten.Evaluate(snapshots[i]);
    var (events, _, _) = await plainEngine.EvaluateAsync(snapshots[i]);
    if (!o1.Events.Order().SequenceEqual(h1.Events.Order()) || !o1.Events.Order().SequenceEqual(events.Order())
        || o1.Predikat != h1.Predikat || Math.Abs(o1.TppPercent!.Value - h1.TppPercent) > 1e-9)
    {
        Console.Error.WriteLine($"MISMATCH at {i}: ours [{string.Join(",", o1.Events)}] hand [{string.Join(",", h1.Events)}] re [{string.Join(",", events)}]");
        return 1;
    }
}
for (var i = 0; planned is not null && i < checkCount; i++)
{
    var o1 = set.Evaluate(planned[i]);
    var h1 = HandWritten.Evaluate(planned[i]);
    var (events, _, _) = await plainEngine.EvaluateAsync(planned[i]);
    if (!o1.Events.Order().SequenceEqual(h1.Events.Order()) || !o1.Events.Order().SequenceEqual(events.Order()) || o1.Predikat != h1.Predikat)
    {
        Console.Error.WriteLine($"MISMATCH with plans at {i}: ours [{string.Join(",", o1.Events)}] hand [{string.Join(",", h1.Events)}] re [{string.Join(",", events)}]");
        return 1;
    }
}
Console.WriteLine($"check: compiled engine, hand-written C# and RulesEngine agree on {checkCount:N0} snapshots{(withPlans ? " (and as many with plan fields)" : "")}");

// warm-up
for (var i = 0; i < Math.Min(count, 3000); i++)
{
    await plainEngine.EvaluateAsync(snapshots[i]);
    HandWritten.Evaluate(snapshots[i]);
}
set.EvaluateBatch(snapshots[..Math.Min(count, 20_000)], threads);

var skipPlain = args.Contains("--skip-plain");
Timing? plain = skipPlain ? null : await Measure("(a) plain RulesEngine loop: ExecuteAllRulesAsync per workflow per snapshot", async () =>
{
    await Parallel.ForEachAsync(Partition(count, threads), new ParallelOptions { MaxDegreeOfParallelism = threads }, async (range, _) =>
    {
        for (var i = range.Start; i < range.End; i++)
        {
            await plainEngine.EvaluateAsync(snapshots[i]);
        }
    });
});
var hand = await Measure("(b) hand-written C#", () =>
{
    Parallel.ForEach(Partition(count, threads), new ParallelOptions { MaxDegreeOfParallelism = threads }, range =>
    {
        for (var i = range.Start; i < range.End; i++)
        {
            HandWritten.Evaluate(snapshots[i]);
        }
    });
    return Task.CompletedTask;
});
EvaluationOutcome[]? outcomes = null;
var ours = await Measure("(c) Kinerja compiled engine: EvaluateBatch", () =>
{
    outcomes = set.EvaluateBatch(snapshots, threads);
    return Task.CompletedTask;
});
Timing? plans = planned is null ? null : await Measure("(d) Kinerja compiled engine, SKP plan fields filled: EvaluateBatch", () =>
{
    set.EvaluateBatch(planned, threads);
    return Task.CompletedTask;
});
var triggers = outcomes!.Sum(o => o.Triggers.Count);
Console.WriteLine();
if (plain is null)
{
    Console.WriteLine("(a) plain RulesEngine loop: skipped (--skip-plain)");
}
Console.WriteLine($"ratios (wall): engine vs plain loop {(plain is { } p1 ? $"{p1.Wall / ours.Wall:F1}x faster" : "skipped")}; hand-written vs engine {ours.Wall / hand.Wall:F1}x faster; "
    + $"hand-written vs plain loop {(plain is { } p2 ? $"{p2.Wall / hand.Wall:F0}x faster" : "skipped")}");
Console.WriteLine($"ratios (CPU):  engine vs plain loop {(plain is { } p3 ? $"{p3.Cpu / ours.Cpu:F1}x faster" : "skipped")}; hand-written vs engine {ours.Cpu / hand.Cpu:F1}x faster; "
    + $"hand-written vs plain loop {(plain is { } p4 ? $"{p4.Cpu / hand.Cpu:F0}x faster" : "skipped")}");
if (plans is { } pl)
{
    Console.WriteLine($"ratio with plans (d) vs today's month (c): wall {pl.Wall / ours.Wall:F2}x, CPU {pl.Cpu / ours.Cpu:F2}x (issue 17 budget: within 2x)");
}
Console.WriteLine($"engine output: {triggers:N0} triggers (with inputs), {outcomes!.Count(o => o.Predikat is not null):N0} predicates, {outcomes!.Count(o => o.TppPercent is not null):N0} TPP estimates");
// the best-of-3 lines above time the hand-written C# over 10-35 ms, too short to be steady here: the same comparison
// over passes of >= 1 s each, alternated (--steady-passes 0 skips it)
var steadyPasses = Arg("--steady-passes", 5);
var passSeconds = Arg("--pass-ms", 1000) / 1000.0;
if (steadyPasses > 0)
{
    outcomes = null; // the full run's outcomes are not kept alive through the passes
    Steady.Print(Steady.Run(set, snapshots, threads, steadyPasses, passSeconds), passSeconds);
    if (threads > 1)
    {
        Steady.Print(Steady.Run(set, snapshots, 1, steadyPasses, passSeconds), passSeconds);
    }
}
else
{
    Console.WriteLine("steady comparison: skipped (--steady-passes 0)");
}

// backtest: 12 months x 10,000 employees, candidate = stricter rating thresholds
var months = Enumerable.Range(1, 12).Select(m => $"2026-{m:D2}").ToArray();
var history = months.SelectMany((p, m) => Population.Make(10_000, 1000 + m, p)).ToArray();
var candidateSources = RulesService.Merge(sources, RuleFileLoader.Parse("rating.json",
    sources.Single(s => s.Name == "rating").Json.Replace("\"Expression\": \"4.0\"", "\"Expression\": \"4.2\"")).Workflows);
var btClock = Stopwatch.StartNew();
var candidate = RuleSetCompiler.CompileOrThrow(candidateSources);
var report = await Backtester.RunAsync(new InMemorySnapshotSource(history), set, candidate, months, 100, recomputeHistory: true, CancellationToken.None);
var bt = btClock.Elapsed.TotalSeconds;
Console.WriteLine();
Console.WriteLine($"backtest 12 months x 10,000 employees ({report.Snapshots:N0} snapshots, both sets, history re-derived, in-memory source): "
    + $"{bt:F2} s total (compile candidate + load {report.LoadSeconds:F2} s + evaluate/diff {report.EvaluateSeconds:F2} s); "
    + $"gained {report.Gained:N0}, lost {report.Lost:N0}, changed {report.Changed:N0}, affected {report.AffectedCount:N0}");
if (withPlans)
{
    // whom the SKP branch moves: today's rating.json against the same file with the SKP branch taken out (the rating
    // before issue 17), over the same 12 months with plan fields filled
    var plannedHistory = months.SelectMany((p, m) => Population.WithPlans(Population.Make(10_000, 1000 + m, p), 2000 + m)).ToArray();
    var ratingJson = sources.Single(s => s.Name == "rating").Json;
    var beforeSources = RulesService.Merge(sources, RuleFileLoader.Parse("rating.json", ratingJson
        .Replace("snapshot.SkpPlanApproved && snapshot.SkpRhkUtama > 0", "false", StringComparison.Ordinal)
        .Replace("!snapshot.SkpPlanApproved && ", "", StringComparison.Ordinal)).Workflows);
    var before = RuleSetCompiler.CompileOrThrow(beforeSources);
    var moved = await Backtester.RunAsync(new InMemorySnapshotSource(plannedHistory), before, set, months, 100, recomputeHistory: true, CancellationToken.None);
    Console.WriteLine($"backtest SKP branch vs the average/minutes rating, 12 months x 10,000 employees with plans ({moved.Snapshots:N0} snapshots): "
        + $"gained {moved.Gained:N0}, lost {moved.Lost:N0}, changed {moved.Changed:N0}, affected {moved.AffectedCount:N0} employees");
}
return 0;

// best of 3 in wall time and, separately, in process CPU time (every thread and the GC): on a shared machine the
// wall time mostly measures waiting for a core, the CPU time what the work itself cost
async Task<Timing> Measure(string name, Func<Task> run)
{
    GC.Collect();
    var best = new Timing(double.MaxValue, double.MaxValue);
    for (var r = 0; r < 3; r++)
    {
        var cpu = CpuClock.ProcessSeconds();
        var clock = Stopwatch.StartNew();
        await run();
        best = new Timing(Math.Min(best.Wall, clock.Elapsed.TotalSeconds), Math.Min(best.Cpu, CpuClock.ProcessSeconds() - cpu));
    }
    Console.WriteLine($"{name}: {best.Wall:F3} s, {count / best.Wall:N0} snapshots/s; CPU {best.Cpu:F3} s (best of 3)");
    return best;
}

static IEnumerable<(int Start, int End)> Partition(int n, int parts)
{
    var chunk = Math.Max(1, n / (parts * 8));
    for (var s = 0; s < n; s += chunk)
    {
        yield return (s, Math.Min(n, s + chunk));
    }
}

int Arg(string name, int fallback) => ArgS(name, null) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

string? ArgS(string name, string? fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string FindRules()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KinerjaAnalytics.sln")))
    {
        dir = dir.Parent;
    }
    return Path.Combine(dir?.FullName ?? ".", "rules");
}

/// <summary>Seconds of one measured step: wall clock and process CPU.</summary>
internal readonly record struct Timing(double Wall, double Cpu);
