using Kinerja.Rules.Testing;

namespace Kinerja.Rules.Tests;

/// <summary>Every fixture file in rules/tests passes against the default workflows (one xunit case per file).</summary>
public class DefaultWorkflowFixtureTests
{
    public static TheoryData<string> FixtureFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in FixtureRunner.FindFixtures(RepoPaths.Rules))
        {
            data.Add(Path.GetFileName(f));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Fixture_AgainstDefaultRules_AllCasesPass(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Rules, "tests", file));
        var (passed, failures) = FixtureRunner.RunText(DefaultRules.Set, file, text, RepoPaths.Rules);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(passed > 0);
    }

    [Fact]
    public void DefaultRules_EveryWorkflowHasAFixture()
    {
        var covered = FixtureRunner.FindFixtures(RepoPaths.Rules)
            .SelectMany(f => System.Text.Json.JsonSerializer.Deserialize<RuleFixtureFile>(File.ReadAllText(f),
                new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!.Tests)
            .SelectMany(t => t.Workflow ?? [])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var wf in DefaultRules.Set.Workflows.Keys)
        {
            Assert.Contains(wf, covered);
        }
    }

    [Fact]
    public void DefaultRules_ChainOrder_RatingBeforePredikatBeforeTheRest()
    {
        var order = DefaultRules.Set.EmployeeChain.Select(w => w.Name).ToList();
        Assert.Equal("rating", order[0]);
        Assert.Equal("predikat", order[1]);
        Assert.Equal(["disiplin", "pembinaan", "penghargaan", "predikat", "rating", "tpp"], order.Order());
        Assert.Equal(["distribusi"], DefaultRules.Set.UnitChain.Select(w => w.Name));
    }
}
