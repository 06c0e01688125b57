using Kinerja.Rules.Compilation;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Model;

namespace Kinerja.Rules.Tests.Upstream;

/// <summary>
/// Every workflow file Microsoft RulesEngine 6.0.1 ships (demo, unit-test data, the JSON of its README and
/// docs; <c>Upstream/README.md</c> says where each comes from) loads through Kinerja's loader and compiles
/// through its compiler, against typed inputs carrying the fields the files read, with only the deliberate
/// differences listed below (each explained in rules/README.md, "Differences from RulesEngine").
/// </summary>
public class UpstreamWorkflowTests
{
    private const string Readme = "rules/README.md, Differences from RulesEngine";

    /// <summary>
    /// The expected differences: file → the reason our validation gives (a substring) and the README item.
    /// Nothing else may fail, and each of these must fail for its reason (so the list cannot go stale).
    /// </summary>
    private static readonly Dictionary<string, (string Reason, string Section)> ExpectedDifferences = new()
    {
        // RulesEngine compiles lazily and reports a broken expression as a failing rule when it runs; these are
        // RulesEngine's own negative samples (typos it expects to fail): Kinerja rejects them when validating
        ["test-rules3.json"] = ("unknown field 'couy'", $"{Readme}: 1. expressions compile when validated"),
        ["test-rules9.json"] = ("NotExistingMethod", $"{Readme}: 1. expressions compile when validated"),
        ["docs-index-block7.json"] = ("unknown field 'couy'", $"{Readme}: 1. expressions compile when validated"),
        ["docs-index-block8.json"] = ("unknown field 'couy'", $"{Readme}: 1. expressions compile when validated"),
        ["docs-index-block10.json"] = ("unknown field 'couy'", $"{Readme}: 1. expressions compile when validated"),
        // the sandbox: only the snapshot and a short list of safe types, no helper classes or code in inputs
        ["docs-index-block3.json"] = ("Utils", $"{Readme}: 2. no custom types or methods"),
        ["test-rules5.json"] = ("CheckExists", $"{Readme}: 2. no custom types or methods"),
        ["test-rules6.json"] = ("Invoke", $"{Readme}: 2. no custom types or methods"),
        ["test-rules10.json"] = ("JsonElement", $"{Readme}: 2. no custom types or methods"),
    };

    internal static bool IsExpectedDifference(string file) => ExpectedDifferences.ContainsKey(file);

    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "Kinerja.Rules.Tests", "Upstream", "workflows");

    internal static IEnumerable<string> FileNames() =>
        Directory.EnumerateFiles(Folder, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    public static TheoryData<string> Files() => [.. FileNames()];

    [Fact]
    public void UpstreamFolder_HoldsAllTwentyFourWorkflowFiles() => Assert.Equal(24, Files().Count);

    [Theory]
    [MemberData(nameof(Files))]
    public void Load_UpstreamWorkflowFile_ParsesWithoutIssues(string file)
    {
        var (workflows, issues) = RuleFileLoader.Parse(file, File.ReadAllText(Path.Combine(Folder, file)));
        Assert.True(issues.Count == 0, string.Join(Environment.NewLine, issues));
        Assert.NotEmpty(workflows);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Compile_UpstreamWorkflowFile_OnlyTheDocumentedDifferences(string file)
    {
        var (set, issues) = Compile(file);
        var errors = issues.Where(i => i.IsError).ToList();
        if (ExpectedDifferences.TryGetValue(file, out var expected))
        {
            Assert.Null(set);
            Assert.True(errors.Any(e => e.Reason.Contains(expected.Reason, StringComparison.Ordinal)),
                $"{file} should fail for '{expected.Reason}' ({expected.Section}), got: {string.Join("; ", errors)}");
        }
        else
        {
            Assert.True(set is not null, $"{file}: {string.Join(Environment.NewLine, errors)}");
        }
    }

    internal static (Kinerja.Rules.Engine.CompiledRuleSet? Set, IReadOnlyList<RuleIssue> Issues) Compile(string file)
    {
        var (workflows, loadIssues) = RuleFileLoader.Parse(file, File.ReadAllText(Path.Combine(Folder, file)));
        Assert.Empty(loadIssues);
        return RuleSetCompiler.Compile(workflows, null, _ => UpstreamInputs.For(file));
    }
}
