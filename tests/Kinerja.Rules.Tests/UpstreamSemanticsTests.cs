using Kinerja.Core.Indicators;
using Kinerja.Rules.Cli;
using Kinerja.Rules.Model;

namespace Kinerja.Rules.Tests;

/// <summary>
/// Issue 21, "Semantics that differ from upstream": each case either behaves as RulesEngine 6.0.1 does now,
/// or is a deliberate difference that validation reports at the rule (rules/README.md, "Differences from
/// RulesEngine"). Each of these failed before the fix.
/// </summary>
public sealed class UpstreamSemanticsTests : IDisposable
{
    private static readonly IndicatorSnapshot Unrated = new() { Nip = "198501012010011001", Period = "2026-10", TksDays = 2, ActivityMinutes = 4200 };

    private const string OrWithThrowingChild = """
        { "WorkflowName": "w", "Rules": [ { "RuleName": "r", "SuccessEvent": "E", "Operator": "Or", "Rules": [
          { "RuleName": "throws", "Expression": "snapshot.HasilKerjaAvg.Value > 3" },
          { "RuleName": "holds", "Expression": "snapshot.TksDays > 1" } ] } ] }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("kinerja-rules-semantics-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Evaluate_OrWhoseOtherChildHolds_FiresQuietlyLikeRulesEngine()
    {
        var (set, issues) = RuleBuilder.Compile(("w.json", OrWithThrowingChild));
        Assert.True(set is not null, string.Join("; ", issues));
        var outcome = set.Evaluate(Unrated);
        Assert.Equal(["E"], outcome.Events);
        Assert.Empty(outcome.Errors);
    }

    [Fact]
    public async Task RulesEval_OrWhoseOtherChildHolds_ExitZero()
    {
        File.WriteAllText(Path.Combine(_dir, "w.json"), OrWithThrowingChild);
        var snapshot = Path.Combine(_dir, "snap.json");
        File.WriteAllText(snapshot, """{ "nip": "198501012010011001", "tksDays": 2 }""");
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await RulesCli.RunAsync(["rules", "eval", "w", snapshot, "--rules", Path.Combine(_dir, "w.json")], o, e);
        Assert.True(code == 0, e.ToString() + o);
        Assert.Contains("\"E\"", o.ToString());
    }

    [Fact]
    public void Evaluate_AndWhoseFirstChildFails_StillRunsTheOthersLikeRulesEngineAndReportsTheirError()
    {
        var json = """
        { "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Operator": "AndAlso", "Rules": [
          { "RuleName": "fails", "Expression": "snapshot.TksDays > 5" },
          { "RuleName": "throws", "Expression": "snapshot.HasilKerjaAvg.Value > 3" } ] } ] }
        """;
        var (set, _) = RuleBuilder.Compile(("w.json", json));
        var outcome = set!.Evaluate(Unrated);
        Assert.Empty(outcome.Events);
        Assert.Equal("r", Assert.Single(outcome.Errors).Rule);
    }

    [Fact]
    public void Validate_ForbiddenCallInANestedRulesAction_Rejected()
    {
        var json = """
        { "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Operator": "Or", "Rules": [
          { "RuleName": "child", "Expression": "true",
            "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "System.IO.File.ReadAllText(\"/etc/passwd\")" } } } } ] } ] }
        """;
        var (set, issues) = RuleBuilder.Compile(("w.json", json));
        Assert.Null(set);
        Assert.Contains(issues, i => i.IsError && i.Rule == "r" && i.Reason.Contains("nested rule 'child'") && i.Reason.Contains("Actions.OnSuccess"));
    }

    [Fact]
    public void Validate_ActionOfANestedRule_NoteAtTheRuleSaysItIsNotRun()
    {
        var json = """
        { "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Operator": "Or", "Rules": [
          { "RuleName": "child", "Expression": "true",
            "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "snapshot.TksDays * 2" } } } } ] } ] }
        """;
        var (set, issues) = RuleBuilder.Compile(("w.json", json));
        Assert.NotNull(set);
        var note = Assert.Single(issues);
        Assert.Equal(RuleIssueSeverity.Note, note.Severity);
        Assert.Equal("r", note.Rule);
        Assert.Contains("Differences from RulesEngine", note.Reason);
    }

    [Fact]
    public void Validate_OnFailureAction_NoteAtTheRuleSaysItIsNotRun()
    {
        var json = """
        { "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "snapshot.TksDays > 5",
          "Actions": { "OnFailure": { "Name": "OutputExpression", "Context": { "Expression": "snapshot.TksDays" } } } } ] }
        """;
        var (set, issues) = RuleBuilder.Compile(("w.json", json));
        Assert.NotNull(set);
        var note = Assert.Single(issues);
        Assert.Equal((RuleIssueSeverity.Note, "r"), (note.Severity, note.Rule));
        Assert.Contains("OnFailure", note.Reason);
        Assert.StartsWith("note: w.json: workflow 'w', rule 'r'", note.ToString());
    }

    [Fact]
    public async Task RulesValidate_OnlyNotes_PrintsThemAndExitsZero()
    {
        var json = """
        { "WorkflowName": "w", "Rules": [ { "RuleName": "r", "Expression": "snapshot.TksDays > 5",
          "Actions": { "OnFailure": { "Name": "OutputExpression", "Context": { "Expression": "snapshot.TksDays" } } } } ] }
        """;
        File.WriteAllText(Path.Combine(_dir, "w.json"), json);
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await RulesCli.RunAsync(["rules", "validate", _dir], o, e);
        Assert.Equal(0, code);
        Assert.Contains("note: w.json: workflow 'w', rule 'r': Actions.OnFailure", e.ToString());
    }

    [Fact]
    public void Evaluate_EvaluateRuleAction_YieldsTheEvaluatedRulesOutputLikeRulesEngine()
    {
        var json = """
        { "WorkflowName": "w", "Rules": [
          { "RuleName": "base", "Expression": "snapshot.ActivityMinutes > 3000",
            "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "snapshot.ActivityMinutes / 60" } } } },
          { "RuleName": "r", "Properties": { "sets": "tppPercent" }, "Expression": "snapshot.TksDays < 3",
            "Actions": { "OnSuccess": { "Name": "EvaluateRule", "Context": { "workflowName": "w", "ruleName": "base" } } } } ] }
        """;
        var (set, issues) = RuleBuilder.Compile(("w.json", json));
        Assert.True(set is not null, string.Join("; ", issues));
        Assert.Equal(70, set.Evaluate(Unrated).Values["tppPercent"]);
        Assert.Null(set.Evaluate(Unrated with { ActivityMinutes = 100 }).Values["tppPercent"]);
    }

    [Fact]
    public void Validate_EvaluateRuleActionsInALoop_Rejected()
    {
        var json = """
        { "WorkflowName": "w", "Rules": [
          { "RuleName": "a", "Expression": "true", "Actions": { "OnSuccess": { "Name": "EvaluateRule", "Context": { "workflowName": "w", "ruleName": "b" } } } },
          { "RuleName": "b", "Expression": "true", "Actions": { "OnSuccess": { "Name": "EvaluateRule", "Context": { "workflowName": "w", "ruleName": "a" } } } } ] }
        """;
        var (set, issues) = RuleBuilder.Compile(("w.json", json));
        Assert.Null(set);
        Assert.Contains(issues, i => i.Rule == "a" && i.Reason.Contains("loop"));
    }

    [Fact]
    public void EvaluateWholeChain_InjectedWorkflow_ItsRulesFireOnceUnderTheInjectingWorkflow()
    {
        var shared = RuleBuilder.OneRule("shared", "snapshot.TksDays > 1", "r", "\"Properties\": { \"kind\": \"REMINDER\" },");
        var outer = """{ "WorkflowName": "outer", "WorkflowsToInject": [ "shared" ], "Rules": [ { "RuleName": "own", "Expression": "true" } ] }""";
        var (set, issues) = RuleBuilder.Compile(("shared.json", shared), ("outer.json", outer));
        Assert.True(set is not null, string.Join("; ", issues));
        var outcome = set.Evaluate(Unrated);
        Assert.Equal(["own", "E1"], outcome.Events.Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(("outer", "r"), (Assert.Single(outcome.Triggers).Workflow, outcome.Triggers[0].Rule));
        // named explicitly, the injected workflow still runs on its own
        Assert.Equal(["E1"], set.Evaluate(Unrated, ["shared"]).Events);
        Assert.Contains(issues, i => !i.IsError && i.Workflow == "shared" && i.Reason.Contains("'outer'"));
    }
}
