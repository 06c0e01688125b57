using System.Globalization;
using System.Text.Json;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;

namespace Kinerja.Rules.Testing;

/// <summary>A failed fixture case and why.</summary>
public sealed record FixtureFailure(string File, string Test, string Reason)
{
    public override string ToString() => $"{File}: {Test}: {Reason}";
}

/// <summary>The outcome of running fixture files.</summary>
public sealed record FixtureReport(int Files, int Passed, IReadOnlyList<FixtureFailure> Failures)
{
    public bool Ok => Failures.Count == 0 && Passed > 0;
}

/// <summary>Runs <c>rules/tests/*.json</c> fixtures against a compiled rule set.</summary>
public static class FixtureRunner
{
    private static readonly JsonSerializerOptions FixtureOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The fixture files for a rules folder: <c>{folder}/tests/*.json</c>.</summary>
    public static IReadOnlyList<string> FindFixtures(string rulesFolder)
    {
        var dir = Path.Combine(rulesFolder, "tests");
        return Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    /// <summary>
    /// Runs fixture files against <paramref name="set"/>; a file naming an alternative rule file (<c>"rules"</c>) finds
    /// it in <paramref name="rulesFolder"/> (default: the folder above the file's <c>tests/</c> folder).
    /// </summary>
    public static FixtureReport RunFiles(CompiledRuleSet set, IEnumerable<string> files, string? rulesFolder = null)
    {
        var failures = new List<FixtureFailure>();
        var passed = 0;
        var count = 0;
        foreach (var file in files)
        {
            count++;
            var name = Path.GetFileName(file);
            var (p, f) = RunText(set, name, File.ReadAllText(file), rulesFolder ?? RulesFolderOf(file));
            passed += p;
            failures.AddRange(f);
        }
        return new FixtureReport(count, passed, failures);
    }

    /// <summary>The rules folder of a fixture file: the folder that holds its <c>tests/</c> folder.</summary>
    public static string? RulesFolderOf(string fixtureFile)
    {
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(fixtureFile)); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (string.Equals(Path.GetFileName(dir), "tests", StringComparison.OrdinalIgnoreCase))
            {
                return Path.GetDirectoryName(dir);
            }
        }
        return null;
    }

    /// <summary>
    /// Runs the cases of one fixture text; returns passed count and failures. A fixture naming an alternative rule file
    /// (<c>"rules"</c>) runs against <paramref name="set"/> with that file's workflows in place, found in <paramref name="rulesFolder"/>.
    /// </summary>
    public static (int Passed, IReadOnlyList<FixtureFailure> Failures) RunText(CompiledRuleSet set, string file, string text,
        string? rulesFolder = null)
    {
        RuleFixtureFile fixture;
        try
        {
            fixture = JsonSerializer.Deserialize<RuleFixtureFile>(text, FixtureOptions)
                ?? throw new JsonException("empty fixture");
        }
        catch (JsonException ex)
        {
            return (0, [new FixtureFailure(file, "(file)", $"not a valid fixture file: {ex.Message}")]);
        }
        if (fixture.Tests.Count == 0)
        {
            return (0, [new FixtureFailure(file, "(file)", "the fixture file has no tests")]);
        }
        if (fixture.Rules is { } alternative)
        {
            var (variant, problem) = VariantRuleSet.Compile(set, rulesFolder, alternative);
            if (variant is null)
            {
                return (0, [new FixtureFailure(file, "(file)", problem!)]);
            }
            set = variant;
        }
        var failures = new List<FixtureFailure>();
        var passed = 0;
        foreach (var test in fixture.Tests)
        {
            var reason = RunCase(set, test);
            if (reason is null)
            {
                passed++;
            }
            else
            {
                failures.Add(new FixtureFailure(file, test.Name, reason));
            }
        }
        return (passed, failures);
    }

    /// <summary>Runs one case; null when it passes, else the reason.</summary>
    public static string? RunCase(CompiledRuleSet set, RuleFixtureCase test)
    {
        EvaluationOutcome outcome;
        try
        {
            outcome = test.Unit is { } u
                ? set.Evaluate(u.Deserialize<UnitSnapshot>(SnapshotJson.Options)!, test.Workflow)
                : set.Evaluate((test.Snapshot ?? default).ValueKind == JsonValueKind.Object
                    ? test.Snapshot!.Value.Deserialize<IndicatorSnapshot>(SnapshotJson.Options)!
                    : new IndicatorSnapshot(), test.Workflow);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException)
        {
            return $"cannot evaluate: {ex.Message}";
        }
        var problems = new List<string>();
        var fired = outcome.Events.ToList();
        foreach (var e in test.Expect.Where(e => !fired.Contains(e)))
        {
            problems.Add($"expected {e} to fire");
        }
        foreach (var e in test.MustNotFire.Where(fired.Contains))
        {
            problems.Add($"{e} must not fire");
        }
        if (test.Exact && fired.Except(test.Expect).ToList() is { Count: > 0 } extra)
        {
            problems.Add($"unexpected events fired: {string.Join(", ", extra)}");
        }
        foreach (var (name, expected) in test.Values ?? [])
        {
            outcome.Values.TryGetValue(name, out var actual);
            if (!Same(expected, actual))
            {
                problems.Add($"value {name}: expected {expected.GetRawText()}, got {Show(actual)}");
            }
        }
        foreach (var err in outcome.Errors)
        {
            problems.Add($"rule error in {err.Workflow}/{err.Rule}: {err.Message}");
        }
        return problems.Count == 0 ? null : string.Join("; ", problems) + $" (fired: {string.Join(", ", fired.DefaultIfEmpty("nothing"))})";
    }

    private static bool Same(JsonElement expected, object? actual) => expected.ValueKind switch
    {
        JsonValueKind.Null => actual is null,
        JsonValueKind.String => actual is not null && Convert.ToString(actual, CultureInfo.InvariantCulture) == expected.GetString(),
        JsonValueKind.Number => actual is not null && IsNumber(actual)
            && Math.Abs(Convert.ToDouble(actual, CultureInfo.InvariantCulture) - expected.GetDouble()) < 1e-6,
        JsonValueKind.True => actual is true,
        JsonValueKind.False => actual is false,
        _ => false,
    };

    private static bool IsNumber(object o) => o is int or long or double or decimal or float or short or byte;

    private static string Show(object? o) => o is null ? "nothing" : Convert.ToString(o, CultureInfo.InvariantCulture) ?? "";
}
