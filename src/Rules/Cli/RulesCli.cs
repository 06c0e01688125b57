using System.Text.Json;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Model;
using Kinerja.Rules.Testing;

namespace Kinerja.Rules.Cli;

/// <summary>
/// The <c>rules</c> verbs of the Dashboard binary (<c>dotnet run --project src/Dashboard -- rules ...</c>).
/// <c>validate</c>, <c>test</c> and <c>eval</c> need no database and start no server. Relative paths are taken
/// from the working directory. Exit code: <see cref="Ok"/>, <see cref="Failed"/> (invalid rules, failing fixtures,
/// rule errors), <see cref="UsageError"/> (bad arguments, or a path or snapshot that cannot be read).
/// </summary>
public static class RulesCli
{
    public const string DefaultPath = "rules";

    public const int Ok = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    private const string Usage = """
        usage:
          rules validate [path]                       validate every workflow file under path (default: rules)
          rules test [path]                           validate, then run the fixtures in path/tests
          rules eval <workflow|all> <snapshot.json> [--rules path]
                                                      print the events a snapshot yields, as JSON
          rules backtest --from YYYY-MM --to YYYY-MM [--rules path] [--connection cs]
                                                      replay candidate rules over stored history, diff vs active
        """;

    /// <summary>Runs a verb; <paramref name="args"/> may start with <c>rules</c>.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, stdout, stderr, backtest: null);

    /// <summary>As <see cref="RunAsync(string[], TextWriter, TextWriter)"/>; <paramref name="backtest"/> runs the backtest verb (needs the database; the host supplies it).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr,
        Func<BacktestCliRequest, TextWriter, TextWriter, Task<int>>? backtest)
    {
        var a = args.Length > 0 && args[0] == "rules" ? args[1..] : args;
        if (a.Length == 0)
        {
            await stderr.WriteLineAsync(Usage);
            return UsageError;
        }
        if (a[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(Usage);
            return Ok;
        }
        try
        {
            return a[0] switch
            {
                "validate" => Validate(Positional(a, 1) ?? DefaultPath, stdout, stderr),
                "test" => Test(Positional(a, 1) ?? DefaultPath, stdout, stderr),
                "eval" => Eval(a, stdout, stderr),
                "backtest" => await Backtest(a, stdout, stderr, backtest),
                _ => await Unknown(a[0], stderr),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or ArgumentException)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return UsageError;
        }
    }

    private static async Task<int> Unknown(string verb, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"unknown rules verb '{verb}'");
        await stderr.WriteLineAsync(Usage);
        return UsageError;
    }

    /// <summary>The n-th (1-based) argument after the verb that is neither an option nor an option's value.</summary>
    private static string? Positional(string[] a, int n)
    {
        var found = 0;
        for (var i = 1; i < a.Length; i++)
        {
            if (a[i].StartsWith("--", StringComparison.Ordinal))
            {
                i++;
                continue;
            }
            if (++found == n)
            {
                return a[i];
            }
        }
        return null;
    }

    private static string? Option(string[] a, string name)
    {
        var i = Array.IndexOf(a, name);
        return i >= 0 && i + 1 < a.Length ? a[i + 1] : null;
    }

    /// <summary>Loads and compiles a folder (or one file); prints issues to <paramref name="stderr"/>.</summary>
    internal static (CompiledRuleSet? Set, IReadOnlyList<WorkflowSource> Sources) Load(string path, TextWriter stderr)
    {
        var (sources, loadIssues) = RuleFileLoader.LoadFolder(path);
        var issues = loadIssues.ToList();
        CompiledRuleSet? set = null;
        if (issues.Count == 0)
        {
            var (s, compileIssues) = RuleSetCompiler.Compile(sources);
            issues.AddRange(compileIssues);
            // the trial evaluation a publish runs: a rule over its time or memory budget fails validation here too
            var folder = File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path)) : path;
            var trial = s is null ? [] : Safety.RuleSetTrial.Run(s, folder);
            issues.AddRange(trial);
            set = trial.Count == 0 ? s : null;
        }
        foreach (var issue in issues)
        {
            stderr.WriteLine(issue.ToString());
        }
        return (set, sources);
    }

    private static int Validate(string path, TextWriter stdout, TextWriter stderr)
    {
        var (set, _) = Load(path, stderr);
        if (set is null)
        {
            stderr.WriteLine("rules: INVALID");
            return 1;
        }
        stdout.WriteLine($"rules: OK, {set.Workflows.Count} workflows ({string.Join(", ", set.EmployeeChain.Concat(set.UnitChain).Select(w => $"{w.Name}: {w.Rules.Length} rules"))})");
        return 0;
    }

    private static int Test(string path, TextWriter stdout, TextWriter stderr)
    {
        var (set, _) = Load(path, stderr);
        if (set is null)
        {
            stderr.WriteLine("rules: INVALID, fixtures not run");
            return 1;
        }
        var folder = File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : path;
        var files = FixtureRunner.FindFixtures(folder);
        if (files.Count == 0)
        {
            stderr.WriteLine($"no fixtures in {Path.Combine(folder, "tests")}");
            return 1;
        }
        var passed = 0;
        var failed = 0;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var (p, failures) = FixtureRunner.RunText(set, name, File.ReadAllText(file), folder);
            passed += p;
            failed += failures.Count;
            stdout.WriteLine($"{(failures.Count == 0 && p > 0 ? "ok  " : "FAIL")} {name}: {p} passed, {failures.Count} failed");
            foreach (var f in failures)
            {
                stderr.WriteLine($"FAIL {f}");
            }
        }
        var ok = failed == 0 && passed > 0;
        (ok ? stdout : stderr).WriteLine($"{passed} passed, {failed} failed in {files.Count} fixture files");
        return ok ? 0 : 1;
    }

    private static int Eval(string[] a, TextWriter stdout, TextWriter stderr)
    {
        var rest = a.Skip(1).ToList();
        var rulesPath = Option(a, "--rules") ?? DefaultPath;
        var ri = rest.IndexOf("--rules");
        if (ri >= 0)
        {
            rest.RemoveRange(ri, Math.Min(2, rest.Count - ri));
        }
        if (rest.Count != 2)
        {
            stderr.WriteLine("usage: rules eval <workflow|all> <snapshot.json> [--rules path]");
            return UsageError;
        }
        var (set, _) = Load(rulesPath, stderr);
        if (set is null)
        {
            return 1;
        }
        var (workflow, file) = (rest[0], rest[1]);
        var text = file == "-" ? Console.In.ReadToEnd() : File.ReadAllText(file);
        var all = workflow == "all";
        if (!all && !set.Workflows.ContainsKey(workflow))
        {
            stderr.WriteLine($"unknown workflow '{workflow}'; known: {string.Join(", ", set.Workflows.Keys)}");
            return UsageError;
        }
        var isUnit = !all && set.Workflows[workflow].InputType == typeof(UnitSnapshot);
        var filter = all ? null : new[] { workflow };
        var outcome = isUnit
            ? set.Evaluate(JsonSerializer.Deserialize<UnitSnapshot>(text, SnapshotJson.Options)!, filter)
            : set.Evaluate(JsonSerializer.Deserialize<IndicatorSnapshot>(text, SnapshotJson.Options)!, filter);
        stdout.WriteLine(JsonSerializer.Serialize(OutcomeView.From(outcome), SnapshotJson.Output));
        return outcome.Errors.Count == 0 ? 0 : 1;
    }

    private static async Task<int> Backtest(string[] a, TextWriter stdout, TextWriter stderr,
        Func<BacktestCliRequest, TextWriter, TextWriter, Task<int>>? backtest)
    {
        var from = Option(a, "--from");
        var to = Option(a, "--to") ?? from;
        if (from is null)
        {
            await stderr.WriteLineAsync("usage: rules backtest --from YYYY-MM --to YYYY-MM [--rules path] [--connection cs]");
            return UsageError;
        }
        if (backtest is null)
        {
            await stderr.WriteLineAsync("rules backtest needs the database: run it through the Dashboard binary (dotnet run --project src/Dashboard -- rules backtest ...)");
            return UsageError;
        }
        return await backtest(new BacktestCliRequest(Option(a, "--rules") ?? DefaultPath, from, to!, Option(a, "--connection")), stdout, stderr);
    }
}

/// <summary>Arguments of <c>rules backtest</c>.</summary>
public sealed record BacktestCliRequest(string RulesPath, string From, string To, string? ConnectionString);
