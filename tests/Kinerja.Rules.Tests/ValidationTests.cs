namespace Kinerja.Rules.Tests;

/// <summary>Validation errors name the file, workflow, rule and reason.</summary>
public class ValidationTests
{
    [Fact]
    public void Validate_MisspelledRuleProperty_IssueNamesFileWorkflowRule()
    {
        var json = """{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expresion": "true" } ] }""";
        var (set, issues) = RuleBuilder.Compile(("typo.json", json));
        Assert.Null(set);
        Assert.Contains(issues, i => i.File == "typo.json" && i.Workflow == "w" && i.Rule == "r" && i.Reason.Contains("\"Expresion\""));
    }

    [Fact]
    public void Validate_BrokenJson_IssueHasLine()
    {
        var (set, issues) = RuleBuilder.Compile(("broken.json", "{ \"WorkflowName\": \"w\",\n \"Rules\": [ }"));
        Assert.Null(set);
        Assert.Contains(issues, i => i.File == "broken.json" && i.Reason.Contains("line 2"));
    }

    [Fact]
    public void Validate_DuplicateRuleName_Rejected()
    {
        var json = """{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "true" }, { "RuleName": "r", "Expression": "false" } ] }""";
        var (_, issues) = RuleBuilder.Compile(("dup.json", json));
        Assert.Contains(issues, i => i.Rule == "r" && i.Reason.Contains("used twice"));
    }

    [Fact]
    public void Validate_SameWorkflowInTwoFiles_Rejected()
    {
        var (_, issues) = RuleBuilder.Compile(("a.json", RuleBuilder.OneRule("w", "true")), ("b.json", RuleBuilder.OneRule("w", "true")));
        Assert.Contains(issues, i => i.File == "b.json" && i.Reason.Contains("a.json"));
    }

    [Fact]
    public void Validate_UnknownKind_Rejected()
    {
        var (_, issues) = RuleBuilder.Compile(("k.json", RuleBuilder.OneRule("w", "true", "r", "\"Properties\": { \"kind\": \"BONUS\" },")));
        Assert.Contains(issues, i => i.Rule == "r" && i.Reason.Contains("BONUS"));
    }

    [Fact]
    public void Validate_UnknownSnapshotField_ReasonNamesIt()
    {
        var (_, issues) = RuleBuilder.Compile(("f.json", RuleBuilder.OneRule("w", "snapshot.TksHari > 3")));
        var issue = Assert.Single(issues);
        Assert.Equal("r1", issue.Rule);
        Assert.Contains("TksHari", issue.Reason);
    }

    [Fact]
    public void Validate_NonBooleanRuleExpression_Rejected()
    {
        var (_, issues) = RuleBuilder.Compile(("f.json", RuleBuilder.OneRule("w", "snapshot.TksDays + 1")));
        Assert.Single(issues);
    }

    [Fact]
    public void Validate_UnknownOperator_Rejected()
    {
        var json = """{ "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Operator": "Xor", "Rules": [ { "RuleName": "c", "Expression": "true" } ] } ] }""";
        var (_, issues) = RuleBuilder.Compile(("op.json", json));
        Assert.True(issues.Any(i => i.Rule == "r"), string.Join("; ", issues));
    }

    [Fact]
    public void Validate_EvaluateRuleToUnknownWorkflow_Rejected()
    {
        var json = """
        { "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "true",
          "Actions": { "OnSuccess": { "Name": "EvaluateRule", "Context": { "WorkflowName": "nope", "ruleName": "x" } } } } ] }
        """;
        var (_, issues) = RuleBuilder.Compile(("e.json", json));
        Assert.Contains(issues, i => i.Rule == "r" && i.Reason.Contains("nope"));
    }

    [Fact]
    public void Validate_CycleBetweenWorkflows_Rejected()
    {
        var a = RuleBuilder.OneRule("a", "snapshot.Predikat == \"BAIK\"", "ra", "\"Properties\": { \"sets\": \"ratingPerilaku\" },");
        var b = RuleBuilder.OneRule("b", "snapshot.RatingPerilaku == \"X\"", "rb", "\"Properties\": { \"sets\": \"predikat\" },");
        var (_, issues) = RuleBuilder.Compile(("a.json", a), ("b.json", b));
        Assert.Contains(issues, i => i.Reason.Contains("cycle"));
    }
}
