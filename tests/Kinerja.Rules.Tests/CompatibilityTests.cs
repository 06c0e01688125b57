using Kinerja.Core.Indicators;

namespace Kinerja.Rules.Tests;

/// <summary>
/// Workflows RulesEngine 6.0.1 accepts must load here too (issue 21, "Compatibility"): one test per false
/// positive the issue found. Each of these failed before the fix.
/// </summary>
public class CompatibilityTests
{
    private static readonly IndicatorSnapshot Someone = new() { Nip = "198501012010011001", Period = "2026-10", TksDays = 2 };

    [Fact]
    public void Validate_RuleWithErrorType_AcceptedAndIgnoredLikeRulesEngine()
    {
        var json = """
        { "WorkflowName": "w", "Rules": [ { "RuleName": "r", "SuccessEvent": "E", "ErrorMessage": "failed", "ErrorType": "Error",
          "Rules": null, "Expression": "snapshot.TksDays > 1" } ] }
        """;
        var (set, issues) = RuleBuilder.Compile(("w.json", json));
        Assert.True(set is not null, string.Join("; ", issues));
        Assert.Equal(["E"], set.Evaluate(Someone).Events);
    }

    [Fact]
    public void Validate_SameSuccessEventOnTwoRules_AcceptedAndEachRuleIsItsOwnTrigger()
    {
        var json = """
        { "WorkflowName": "w", "Rules": [
          { "RuleName": "a", "SuccessEvent": "30", "Properties": { "kind": "REWARD" }, "Expression": "snapshot.TksDays > 1" },
          { "RuleName": "b", "SuccessEvent": "30", "Properties": { "kind": "REWARD" }, "Expression": "snapshot.TksDays > 0" } ] }
        """;
        var (set, issues) = RuleBuilder.Compile(("w.json", json));
        Assert.True(set is not null, string.Join("; ", issues));
        var outcome = set.Evaluate(Someone);
        Assert.Equal(["30", "30"], outcome.Events);
        Assert.Equal(["a", "b"], outcome.Triggers.Select(t => t.Rule));
        Assert.All(outcome.Triggers, t => Assert.Equal("30", t.Code));
    }

    [Fact]
    public void Validate_ActionNameInAnotherCase_AcceptedAndItsOutputUsed()
    {
        var json = """
        { "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Properties": { "sets": "tppPercent" }, "Expression": "true",
          "Actions": { "onSuccess": { "name": "outputExpression", "context": { "expression": "snapshot.TksDays * 10" } } } } ] }
        """;
        var (set, issues) = RuleBuilder.Compile(("w.json", json));
        Assert.True(set is not null, string.Join("; ", issues));
        Assert.Equal(20, set.Evaluate(Someone).Values["tppPercent"]);
    }

    [Fact]
    public void Validate_RuleNamesDifferingOnlyInCase_DistinctRulesLikeRulesEngine()
    {
        var json = """
        { "WorkflowName": "w", "Rules": [
          { "RuleName": "upperCaseAccess", "SuccessEvent": "10", "Expression": "snapshot.TksDays > 1" },
          { "RuleName": "UpperCaseAccess", "SuccessEvent": "20", "Expression": "snapshot.TksDays > 0" } ] }
        """;
        var (set, issues) = RuleBuilder.Compile(("w.json", json));
        Assert.True(set is not null, string.Join("; ", issues));
        Assert.Equal(["10", "20"], set.Evaluate(Someone).Events);
    }

    [Fact]
    public void Validate_SameRuleNameTwice_StillRejected()
    {
        var json = """
        { "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "true" }, { "RuleName": "r", "Expression": "false" } ] }
        """;
        var (set, issues) = RuleBuilder.Compile(("w.json", json));
        Assert.Null(set);
        Assert.Contains(issues, i => i.Rule == "r" && i.Reason.Contains("used twice"));
    }

    [Fact]
    public void Validate_WorkflowWhoseRulesAllComeThroughWorkflowsToInject_Accepted()
    {
        var shared = RuleBuilder.OneRule("shared", "snapshot.TksDays > 1");
        var outer = """{ "WorkflowName": "outer", "WorkflowsToInject": [ "shared" ] }""";
        var (set, issues) = RuleBuilder.Compile(("shared.json", shared), ("outer.json", outer));
        Assert.True(set is not null, string.Join("; ", issues));
        Assert.Equal(["E1"], set.Evaluate(Someone, ["outer"]).Events);
    }

    [Fact]
    public void Validate_WorkflowInjectingThroughTheDeprecatedWorkflowRulesToInject_Accepted()
    {
        var shared = RuleBuilder.OneRule("shared", "snapshot.TksDays > 1");
        var outer = """{ "WorkflowName": "outer", "WorkflowRulesToInject": [ "shared" ] }""";
        var (set, issues) = RuleBuilder.Compile(("shared.json", shared), ("outer.json", outer));
        Assert.True(set is not null, string.Join("; ", issues));
        Assert.Equal(["E1"], set.Evaluate(Someone, ["outer"]).Events);
    }

    [Fact]
    public void Validate_WorkflowWithNeitherRulesNorInjection_Rejected()
    {
        var (set, issues) = RuleBuilder.Compile(("w.json", """{ "WorkflowName": "w", "Rules": [] }"""));
        Assert.Null(set);
        Assert.Contains(issues, i => i.Workflow == "w" && i.Reason.Contains("WorkflowsToInject"));
    }

    public static TheoryData<string> HarmlessCalls() =>
    [
        "snapshot.Status.StartsWith(\"pns\", StringComparison.OrdinalIgnoreCase)",
        "snapshot.Status.Equals(\"pns\", StringComparison.OrdinalIgnoreCase)",
        "string.Equals(snapshot.Status, \"pns\", StringComparison.OrdinalIgnoreCase)",
        "String.Compare(snapshot.Status, \"PNS\", StringComparison.Ordinal) == 0",
        "snapshot.Status.Contains(\"n\", StringComparison.OrdinalIgnoreCase)",
        "Math.Round(snapshot.ActivityPct, 1, MidpointRounding.AwayFromZero) >= 0",
        "Math.Round(Convert.ToDecimal(snapshot.ActivityPct), 2, MidpointRounding.ToEven) >= 0",
        "snapshot.Position.Split(' ').Length >= 1",
        "snapshot.Position.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 0",
        "snapshot.Position.Split(' ').ToList().Count >= 1",
        "new[] { snapshot.TksDays, snapshot.TksDaysYtd }.ToList().Count == 2",
        "snapshot.Position.Split(' ').ToList().Contains(\"Kepala\") || true",
        "Guid.Empty.ToString().Length == 36",
        "snapshot.Nip != Guid.Empty.ToString()",
    ];

    [Theory]
    [MemberData(nameof(HarmlessCalls))]
    public void Validate_HarmlessCall_Accepted(string expression)
    {
        var (set, issues) = RuleBuilder.Compile(("ok.json", RuleBuilder.OneRule("ok", expression)));
        Assert.True(set is not null, string.Join("; ", issues));
        Assert.Empty(set.Evaluate(Someone with { Status = "PNS", Position = "Kepala Seksi" }).Errors);
    }

    [Fact]
    public void Validate_UnknownFieldFollowedByADot_ReasonNamesTheField()
    {
        var (set, issues) = RuleBuilder.Compile(("f.json", RuleBuilder.OneRule("w", "snapshot.TksHari.Value > 3")));
        Assert.Null(set);
        var issue = Assert.Single(issues);
        Assert.Contains("'TksHari'", issue.Reason);
        Assert.DoesNotContain("Type 'TksHari' not found", issue.Reason);
    }

    [Fact]
    public void Validate_SeveralUnknownFields_EveryOneIsReported()
    {
        var (set, issues) = RuleBuilder.Compile(("f.json", RuleBuilder.OneRule("w",
            "snapshot.TksHari > 3 && input1.Predicat == \"BAIK\" && snapshot.TksDays > 0 && snapshot.Tunjangan.Value > 0")));
        Assert.Null(set);
        var issue = Assert.Single(issues);
        Assert.Contains("'TksHari'", issue.Reason);
        Assert.Contains("'Predicat'", issue.Reason);
        Assert.Contains("'Tunjangan'", issue.Reason);
    }
}
