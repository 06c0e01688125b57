using System.Text.Json;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Forms;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Model;
using Kinerja.Rules.Testing;

namespace Kinerja.Rules.Tests.Forms;

/// <summary>
/// Every workflow file in <c>rules/</c> (read from the directory, so a new file is covered): its form, turned back into
/// JSON without edits, validates and evaluates every fixture snapshot in <c>rules/tests/</c> exactly as the original.
/// </summary>
public class FormRoundTripTests
{
    public static TheoryData<string> RuleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in RuleFileLoader.FindFiles(RepoPaths.Rules))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Rules, f));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void UneditedForm_ToJson_ValidatesAndEvaluatesEveryFixtureAsTheOriginal(string file)
    {
        var (all, loadIssues) = RuleFileLoader.LoadFolder(RepoPaths.Rules);
        Assert.Empty(loadIssues);
        var mine = all.Where(s => Path.GetRelativePath(RepoPaths.Rules, s.File) == file || s.File.EndsWith(file, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(mine);
        var replaced = all.ToList();
        foreach (var source in mine)
        {
            var form = FormReader.Read(source.Json);
            var (json, issues) = FormWriter.Write(form);
            Assert.True(issues.Count == 0, string.Join("; ", issues));
            var (parsed, parseIssues) = RuleFileLoader.Parse(source.File, json!);
            Assert.Empty(parseIssues);
            replaced[replaced.IndexOf(source)] = Assert.Single(parsed);
            Assert.Empty(FormDiff.Compute(source.Json, json!).Rows);
            Assert.Empty(FormDiff.Compute(source.Json, json!).Parameters);
        }
        var (set, compileIssues) = RuleSetCompiler.Compile(replaced, null, Kinerja.Rules.Safety.RuleLimits.Default);
        Assert.True(set is not null, string.Join("; ", compileIssues));
        var original = DefaultRules.Set;
        var compared = 0;
        foreach (var test in FixtureCases())
        {
            Assert.Equal(Evaluate(original, test), Evaluate(set!, test));
            compared++;
        }
        Assert.True(compared > 50, $"only {compared} fixture cases compared");
        var report = FixtureRunner.RunFiles(set!, FixtureRunner.FindFixtures(RepoPaths.Rules));
        Assert.True(report.Ok, string.Join(Environment.NewLine, report.Failures));
    }

    [Fact]
    public void RuleFiles_EveryGlobalParamHasALabelAndUnit()
    {
        foreach (var source in RuleFileLoader.LoadFolder(RepoPaths.Rules).Workflows)
        {
            foreach (var p in FormReader.Read(source.Json).Parameters)
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Label), $"{source.Name}.{p.Name} has no $params label");
                Assert.False(string.IsNullOrWhiteSpace(p.Unit), $"{source.Name}.{p.Name} has no $params unit");
                Assert.False(string.IsNullOrWhiteSpace(p.Help), $"{source.Name}.{p.Name} has no $params help");
            }
        }
    }

    private static IEnumerable<RuleFixtureCase> FixtureCases()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        return FixtureRunner.FindFixtures(RepoPaths.Rules)
            .SelectMany(f => JsonSerializer.Deserialize<RuleFixtureFile>(File.ReadAllText(f), options)!.Tests);
    }

    /// <summary>The outcome of a fixture's snapshot, on its own workflows and on the whole chain.</summary>
    private static string Evaluate(CompiledRuleSet set, RuleFixtureCase test)
    {
        EvaluationOutcome Run(IReadOnlyCollection<string>? workflows) => test.Unit is { } u
            ? set.Evaluate(u.Deserialize<UnitSnapshot>(SnapshotJson.Options)!, workflows)
            : set.Evaluate(test.Snapshot is { ValueKind: JsonValueKind.Object } s
                ? s.Deserialize<IndicatorSnapshot>(SnapshotJson.Options)!
                : new IndicatorSnapshot(), workflows);
        return JsonSerializer.Serialize(new[] { OutcomeView.From(Run(test.Workflow)), OutcomeView.From(Run(null)) }, SnapshotJson.Output);
    }
}
