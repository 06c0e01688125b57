using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;
using Kinerja.Rules.Forms;
using Kinerja.Rules.Loading;

namespace Kinerja.Rules.Tests.Forms;

/// <summary>
/// Bare boolean snapshot operands (<c>snapshot.SkpPlanApproved</c>, <c>!snapshot.SkpPlanApproved</c>) are table conditions,
/// not a fall-back to JSON, and survive the form round trip with the same evaluation.
/// </summary>
public class BareBoolConditionTests
{
    private const string Workflow = """
        {
          "WorkflowName": "rencana_skp",
          "Rules": [
            { "RuleName": "rencana_disetujui", "SuccessEvent": "RENCANA_OK",
              "Properties": { "kind": "REMINDER", "action": "Rencana SKP disetujui" },
              "Expression": "snapshot.SkpPlanApproved" },
            { "RuleName": "rencana_belum", "SuccessEvent": "RENCANA_BELUM",
              "Properties": { "kind": "REMINDER", "action": "Ingatkan persetujuan rencana SKP" },
              "Expression": "!snapshot.SkpPlanApproved && snapshot.TksDaysYtd >= 1" }
          ]
        }
        """;

    [Theory]
    [InlineData("!snapshot.SkpPlanApproved", true)]
    [InlineData("snapshot.SkpPlanApproved", true)]
    [InlineData("!snapshot.SkpPlanApproved.Value", false)]
    [InlineData("!(snapshot.SkpPlanApproved)", false)]
    public void IsBareTerm_NegatedMemberIsATerm(string text, bool expected) =>
        Assert.Equal(expected, ConditionParser.IsBareTerm(text));

    [Fact]
    public void Read_BareBoolRules_AreRegularTableRowsWithBareConditions()
    {
        var form = FormReader.Read(Workflow);
        Assert.All(form.Rows, r => Assert.True(r.Regular, r.Rule));
        Assert.Equal([new FormCondition("snapshot.SkpPlanApproved", "", null)], form.Rows[0].Conditions);
        Assert.Equal([new FormCondition("!snapshot.SkpPlanApproved", "", null), new FormCondition("snapshot.TksDaysYtd", ">=", "1")],
            form.Rows[1].Conditions);
    }

    [Fact]
    public void RoundTrip_Unchanged_SameExpressionsAndSameEvents()
    {
        var (json, issues) = FormWriter.Write(FormReader.Read(Workflow));
        Assert.Empty(issues);
        Assert.Contains("\"!snapshot.SkpPlanApproved && snapshot.TksDaysYtd >= 1\"", json);
        var original = RuleSetCompiler.CompileOrThrow(RuleFileLoader.Parse("a", Workflow).Workflows);
        var written = RuleSetCompiler.CompileOrThrow(RuleFileLoader.Parse("b", json!).Workflows);
        foreach (var (approved, tks) in new[] { (true, 0), (true, 2), (false, 0), (false, 2) })
        {
            var snap = new IndicatorSnapshot { SkpPlanApproved = approved, TksDaysYtd = tks };
            Assert.Equal(original.Evaluate(snap).Events, written.Evaluate(snap).Events);
        }
        Assert.Equal(["RENCANA_BELUM"], written.Evaluate(new IndicatorSnapshot { SkpPlanApproved = false, TksDaysYtd = 2 }).Events);
    }
}
