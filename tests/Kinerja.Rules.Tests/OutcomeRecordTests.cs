using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;

namespace Kinerja.Rules.Tests;

/// <summary>
/// Issue 22, third pass: an outcome's parts are smaller objects, with the same public behaviour. A <see cref="FiredRule"/>
/// shares its workflow, rule and event with the other records of its compiled rule; a trigger's inputs keep up to four
/// values in the object itself; an outcome's <see cref="EvaluationOutcome.Values"/> is built from its slots on first read.
/// </summary>
public class OutcomeRecordTests
{
    private static readonly IndicatorSnapshot Snapshot = new()
    {
        Nip = "198501012010011003",
        UnitId = "unit-1",
        RegionId = "pematangsiantar",
        Period = "2026-09",
        Status = "PNS",
        ActivityMinutes = 6000,
        ActivityTargetMinutes = 6600,
        TksDays = 2,
        TppCeiling = 4_000_000m,
        TksDaysYtd = 12, // PP 94/2021: 11-13 days TKS in a year -> potong tukin 25% 6 bulan (DOMAIN.md, disiplin)
        TksLongestRun = 3,
    };

    private static FiredRule TppPercent(IndicatorSnapshot s) => DefaultRules.Set.Evaluate(s).Fired.Single(f => f.Event == "TPP_PERSEN");

    [Fact]
    public void EngineFiredRule_EqualsTheSameFieldsWrittenByHand()
    {
        var fired = TppPercent(Snapshot);
        // tpp.json: round(max(0, 60 x min(1, 6000/6600) + 40 - 3 x 2) x 1.0, 2) = 88.55
        var byHand = new FiredRule("tpp", "persentase_tpp", "TPP_PERSEN", 88.55);

        Assert.Equal(byHand, fired);
        Assert.Equal(byHand.GetHashCode(), fired.GetHashCode());
        Assert.Equal(byHand.ToString(), fired.ToString());
        Assert.Equal("FiredRule { Workflow = tpp, Rule = persentase_tpp, Event = TPP_PERSEN, Output = 88.55 }", fired.ToString());
        var (workflow, rule, ev, output) = fired;
        Assert.Equal(("tpp", "persentase_tpp", "TPP_PERSEN", (object?)88.55), (workflow, rule, ev, output));
    }

    [Fact]
    public void FiredRulesOfOneRule_DifferingOnlyInOutput_AreNotEqual_AndWithChangesOnlyTheCopy()
    {
        var one = TppPercent(Snapshot);
        var other = TppPercent(Snapshot with { Nip = "198501012010011004", TksDays = 3 }); // 85.55

        Assert.Equal(85.55, other.Output);
        Assert.NotEqual(one, other);
        Assert.Equal((one.Workflow, one.Rule, one.Event), (other.Workflow, other.Rule, other.Event));

        var renamed = one with { Event = "LAIN" };
        Assert.Equal(("LAIN", "persentase_tpp", (object?)88.55), (renamed.Event, renamed.Rule, renamed.Output));
        Assert.Equal("TPP_PERSEN", one.Event);
        Assert.Equal("TPP_PERSEN", other.Event);
        Assert.Equal("TPP_PERSEN", TppPercent(Snapshot).Event);
    }

    [Fact]
    public void FiredRule_OfAnInjectedRule_NamesTheWorkflowItRanUnder_EachTime()
    {
        // one compiled rule, two workflows: it runs under "outer" in the whole chain and under "shared" when named
        const string Shared = """
            { "WorkflowName": "shared", "Rules": [ { "RuleName": "r", "SuccessEvent": "E1", "Expression": "snapshot.TksDays > 1",
              "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "snapshot.TksDays * 10" } } } } ] }
            """;
        const string Outer = """{ "WorkflowName": "outer", "WorkflowsToInject": [ "shared" ], "Rules": [ { "RuleName": "own", "Expression": "true" } ] }""";
        var (set, issues) = RuleBuilder.Compile(("shared.json", Shared), ("outer.json", Outer));
        Assert.True(set is not null, string.Join("; ", issues));

        var first = set.Evaluate(Snapshot).Fired.Single(f => f.Rule == "r");
        var named = set.Evaluate(Snapshot with { TksDays = 3 }, ["shared"]).Fired.Single(f => f.Rule == "r");
        var again = set.Evaluate(Snapshot with { TksDays = 4 }).Fired.Single(f => f.Rule == "r");

        Assert.Equal(new FiredRule("outer", "r", "E1", 20), first);
        Assert.Equal(new FiredRule("shared", "r", "E1", 30), named);
        Assert.Equal(new FiredRule("outer", "r", "E1", 40), again);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(9)]
    public void TriggerInputs_OfAnyWidth_MapEachNameToItsValue(int width)
    {
        var names = Enumerable.Range(0, width).Select(i => $"f{i}").ToArray();
        var inputs = new TriggerInputs(names);
        for (var i = 0; i < width; i++)
        {
            inputs.Set(i, i == 2 ? null : (object)(i * 10));
        }

        Assert.Equal(width, inputs.Count);
        Assert.Equal(names, inputs.Keys);
        Assert.Equal(names.Select((_, i) => i == 2 ? null : (object?)(i * 10)), inputs.Values);
        Assert.Equal(names.Select((n, i) => new KeyValuePair<string, object?>(n, i == 2 ? null : i * 10)), inputs);
        Assert.Equal((width - 1) * 10, inputs[$"f{width - 1}"]);
        Assert.True(inputs.ContainsKey("f0"));
        Assert.False(inputs.TryGetValue("lain", out var missing));
        Assert.Null(missing);
        Assert.Throws<KeyNotFoundException>(() => inputs["lain"]);
    }

    [Fact]
    public void Trigger_OfARuleReadingSixFields_ExplainsAllSix()
    {
        const string Expression = "snapshot.TksDays >= 1 && snapshot.TksDaysYtd >= 1 && snapshot.TksLongestRun >= 1 "
            + "&& snapshot.ActivityMinutes >= 0 && snapshot.ActivityTargetMinutes >= 0 && snapshot.Status == \"PNS\"";
        var (set, issues) = RuleBuilder.Compile(("lebar.json", RuleBuilder.OneRule("lebar", Expression, "enam", "\"Properties\": { \"kind\": \"REMINDER\" },")));
        Assert.Empty(issues);

        var trigger = set!.EvaluateBatch([Snapshot], 1, explain: true).Single().Triggers.Single();

        Assert.Equal(6, trigger.Inputs.Count);
        Assert.Equal((object?)2, trigger.Inputs["tksDays"]);
        Assert.Equal((object?)12, trigger.Inputs["tksDaysYtd"]);
        Assert.Equal((object?)3, trigger.Inputs["tksLongestRun"]);
        Assert.Equal((object?)6000, trigger.Inputs["activityMinutes"]);
        Assert.Equal((object?)6600, trigger.Inputs["activityTargetMinutes"]);
        Assert.Equal((object?)"PNS", trigger.Inputs["status"]);
    }

    [Fact]
    public void Values_BuiltOnFirstRead_AgreeWithTheTypedFigures_AndStayTheSameView()
    {
        var outcome = DefaultRules.Set.Evaluate(Snapshot);

        Assert.Equal(88.55, outcome.TppPercent); // read from the slots, before any view exists
        Assert.Equal(3_542_000m, outcome.TppEstimate); // 4,000,000 x 88.55%
        var values = outcome.Values;
        Assert.Same(values, outcome.Values);
        Assert.Equal((object?)88.55, values["tppPercent"]);
        Assert.Equal(outcome.Predikat, values.TryGetValue("predikat", out var p) ? p : null);
        Assert.DoesNotContain("lain", values.Keys);
        Assert.Equal(values.Count, values.Keys.Count());
    }
}
