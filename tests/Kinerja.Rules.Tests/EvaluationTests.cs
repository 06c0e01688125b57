using Kinerja.Core.Indicators;
using Kinerja.Rules.Loading;
using RulesEngine.Models;

namespace Kinerja.Rules.Tests;

/// <summary>Evaluation semantics: errors isolated, RulesEngine files load unchanged, explanations.</summary>
public class EvaluationTests
{
    [Fact]
    public void Evaluate_RuleThrows_RecordedAndOtherRulesStillRun()
    {
        var json = """
        { "WorkflowName": "w", "Rules": [
          { "RuleName": "throws", "SuccessEvent": "A", "Expression": "snapshot.HasilKerjaAvg.Value > 3" },
          { "RuleName": "fine", "SuccessEvent": "B", "Properties": { "kind": "REMINDER" }, "Expression": "snapshot.TksDays >= 0" } ] }
        """;
        var (set, issues) = RuleBuilder.Compile(("w.json", json));
        Assert.True(set is not null, string.Join("; ", issues));
        var outcome = set.Evaluate(new IndicatorSnapshot { Nip = "198501012010011001", HasilKerjaAvg = null });
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("throws", error.Rule);
        Assert.Equal(["B"], outcome.Events);
        Assert.Equal("B", Assert.Single(outcome.Triggers).Code);
    }

    [Fact]
    public void Evaluate_GlobalParamThrows_EveryRuleRecordsTheError()
    {
        var json = """
        { "WorkflowName": "w", "GlobalParams": [ { "Name": "g", "Expression": "snapshot.HasilKerjaAvg.Value" } ], "Rules": [
          { "RuleName": "a", "Expression": "g > 1" }, { "RuleName": "b", "Expression": "true" } ] }
        """;
        var (set, _) = RuleBuilder.Compile(("w.json", json));
        var outcome = set!.Evaluate(new IndicatorSnapshot());
        Assert.Equal(["a", "b"], outcome.Errors.Select(e => e.Rule));
        Assert.Empty(outcome.Events);
    }

    /// <summary>A workflow in RulesEngine's own style (input1, nested operators, LocalParams, GlobalParams,
    /// Actions, Properties, Enabled=false) loads unchanged and gives RulesEngine's results.</summary>
    [Fact]
    public async Task Evaluate_PlainRulesEngineFile_SameResultsAsRulesEngine()
    {
        var json = """
        [{
          "WorkflowName": "Discount",
          "GlobalParams": [ { "Name": "minutes", "Expression": "input1.ActivityMinutes" } ],
          "Rules": [
            { "RuleName": "GiveDiscount10", "SuccessEvent": "10", "ErrorMessage": "One or more adjust rules failed.",
              "Properties": { "owner": "hr" },
              "LocalParams": [ { "Name": "late", "Expression": "input1.LateMinutes > 30" }, { "Name": "veryLate", "Expression": "late && input1.LateMinutes > 90" } ],
              "Expression": "minutes > 100 AND NOT veryLate",
              "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "minutes * 0.1" } } } },
            { "RuleName": "Nested", "Operator": "OrElse", "Rules": [
                { "RuleName": "ChildA", "Expression": "input1.TksDays > 2" },
                { "RuleName": "ChildB", "LocalParams": [ { "Name": "x", "Expression": "input1.AttendanceIzin * 2" } ], "Expression": "x >= 4" } ] },
            { "RuleName": "AndNested", "Operator": "And", "Rules": [
                { "RuleName": "C1", "Expression": "input1.Status == \"PNS\"" }, { "RuleName": "C2", "Expression": "minutes < 500" } ] },
            { "RuleName": "Disabled", "Enabled": false, "Expression": "true" }
          ]
        }]
        """;
        var (sources, loadIssues) = RuleFileLoader.Parse("discount.json", json);
        Assert.Empty(loadIssues);
        var (set, issues) = Kinerja.Rules.Compilation.RuleSetCompiler.Compile(sources);
        Assert.True(set is not null, string.Join("; ", issues));
        var engine = new RulesEngine.RulesEngine([System.Text.Json.JsonSerializer.Deserialize<Workflow>(json.Trim()[1..^1])!]);
        var inputs = new[]
        {
            new IndicatorSnapshot { ActivityMinutes = 200, LateMinutes = 40, TksDays = 0, AttendanceIzin = 2 },
            new IndicatorSnapshot { ActivityMinutes = 200, LateMinutes = 100, TksDays = 3 },
            new IndicatorSnapshot { ActivityMinutes = 50, Status = "PNS" },
            new IndicatorSnapshot { ActivityMinutes = 600, Status = "CPNS", AttendanceIzin = 1 },
        };
        foreach (var s in inputs)
        {
            var expected = await engine.ExecuteAllRulesAsync("Discount", s);
            var ours = set.Evaluate(s);
            Assert.Equal(expected.Where(r => r.IsSuccess).Select(r => r.Rule.SuccessEvent ?? r.Rule.RuleName), ours.Events);
            var output = expected.Single(r => r.Rule.RuleName == "GiveDiscount10").ActionResult?.Output;
            Assert.Equal(output, ours.Fired.SingleOrDefault(f => f.Rule == "GiveDiscount10")?.Output);
        }
    }

    [Fact]
    public void Trigger_Inputs_HoldTheValuesTheRuleRead()
    {
        var outcome = DefaultRules.Set.Evaluate(new IndicatorSnapshot
        {
            Nip = "198501012010011001", Period = "2026-10", UnitId = "dinkes", TksDaysYtd = 12, TksLongestRun = 3, ActivityMinutes = 999,
        });
        var t = Assert.Single(outcome.Triggers, t => t.Workflow == "disiplin");
        Assert.Equal(("SANCTION", "POTONG_TUKIN_25_6_BULAN", "potong_tukin_6_bulan"), (t.Kind, t.Code, t.Rule));
        // read directly and through the global param "pemberhentian"
        Assert.Equal(12, t.Inputs["tksDaysYtd"]);
        Assert.Equal(3, t.Inputs["tksLongestRun"]);
        Assert.False(t.Inputs.ContainsKey("activityMinutes"));
        Assert.Equal(("198501012010011001", "2026-10", "dinkes"), (t.Subject, t.Period, t.UnitId));
        Assert.False(string.IsNullOrEmpty(t.Action));
    }

    [Fact]
    public void Evaluate_ChainValues_FlowIntoLaterWorkflowsInputs()
    {
        var outcome = DefaultRules.Set.Evaluate(new IndicatorSnapshot { HasilKerjaAvg = 2.0, BerAkhlakAvg = 4.5 });
        Assert.Equal("BUTUH_PERBAIKAN", outcome.Predikat);
        var t = Assert.Single(outcome.Triggers, t => t.Code == "PEMBINAAN_ATASAN");
        Assert.Equal("BUTUH_PERBAIKAN", t.Inputs["predikat"]);
        Assert.Equal("atasan", t.Actor);
    }

    [Fact]
    public void EvaluateBatch_SameAsOneByOne()
    {
        var rng = new Random(7);
        var snapshots = Enumerable.Range(0, 3000).Select(i => PlainEngineConformanceTests.Random(rng, i)).ToArray();
        var batch = DefaultRules.Set.EvaluateBatch(snapshots);
        for (var i = 0; i < snapshots.Length; i++)
        {
            var one = DefaultRules.Set.Evaluate(snapshots[i]);
            Assert.Equal(one.Events, batch[i].Events);
            Assert.Equal(one.Predikat, batch[i].Predikat);
            Assert.Equal(one.TppPercent, batch[i].TppPercent);
        }
    }
}
