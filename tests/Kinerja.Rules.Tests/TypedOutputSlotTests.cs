using System.Globalization;
using Kinerja.Rules.Engine;

namespace Kinerja.Rules.Tests;

/// <summary>
/// Issue 22, typed output slots: a rule whose output is a double or a decimal writes it unboxed, and an engine outcome
/// keeps up to two such values in its own cells (more are boxed), boxing them only when <c>Values</c> or <c>Fired</c> is
/// read. Whatever the path, what a reader sees is what the plain Microsoft RulesEngine loop gives, with the same types.
/// </summary>
public class TypedOutputSlotTests
{
    /// <summary>
    /// Four numeric slots (two past the outcome's cells), doubles and decimals, a slot set as a double and overwritten by
    /// a later workflow's decimal, a decimal overwritten by an event, and a numeric output with no slot on a trigger: the
    /// same as the plain RulesEngine loop, types included.
    /// </summary>
    [Fact]
    public async Task EvaluateBatch_WithNumericOutputsBeyondTheOutcomesCells_MatchesPlainRulesEngine()
    {
        var (set, issues) = RuleBuilder.Compile(("alpha.json", Alpha("skorAwal")), ("beta.json", Beta));
        Assert.True(set is not null, string.Join(Environment.NewLine, issues));
        var rng = new Random(22_090);
        var snapshots = Enumerable.Range(0, 4000).Select(i => BatchEquivalenceTests.Employee(rng, i)).ToArray();

        await BatchEquivalenceTests.AssertBatchMatchesPlainEngine(set.Sources, set, snapshots);
        // each case happened: four numbers at once, a double overwritten by a decimal, a decimal overwritten by an event
        var outcomes = set.EvaluateBatch(snapshots, maxDegreeOfParallelism: 2, explain: true);
        Assert.Contains(outcomes, o => o.Values.Count(v => v.Value is double or decimal) == 4);
        Assert.Contains(outcomes, o => o.Fired.Any(f => f.Rule == "a3" && f.Output is double) && o.Values["skor"] is decimal);
        Assert.Contains(outcomes, o => o.Fired.Any(f => f.Rule == "a2" && f.Output is decimal) && Equals(o.Values["rupiah"], "B3"));
    }

    /// <summary>
    /// A double a rule sets on a snapshot field (<c>hasilKerjaAvg</c>) is what a later workflow reads and what its
    /// trigger records as input (the chain's setter takes the unboxed number boxed). The plain RulesEngine loop of the
    /// tests chains only the rating and predikat strings, so this is checked against the figures themselves.
    /// </summary>
    [Fact]
    public void EvaluateBatch_ANumberSetOnTheSnapshot_IsWhatTheNextWorkflowReads()
    {
        var (set, issues) = RuleBuilder.Compile(("alpha.json", Alpha("hasilKerjaAvg")), ("beta.json", Beta));
        Assert.True(set is not null, string.Join(Environment.NewLine, issues));
        var rng = new Random(22_093);
        var snapshots = Enumerable.Range(0, 2000).Select(i => BatchEquivalenceTests.Employee(rng, i)).ToArray();
        var outcomes = set.EvaluateBatch(snapshots, maxDegreeOfParallelism: 2, explain: true);

        var chained = 0;
        foreach (var (o, s) in outcomes.Zip(snapshots))
        {
            var seen = s.TksDays >= 2 ? s.ActivityPct / 20.0 : s.HasilKerjaAvg;
            Assert.Equal(seen >= 3.0, o.Triggers.Any(t => t.Rule == "b1"));
            if (o.Triggers.FirstOrDefault(t => t.Rule == "b1") is { } trigger)
            {
                Assert.Equal(seen!.Value, Assert.IsType<double>(trigger.Inputs["hasilKerjaAvg"]));
                chained += s.TksDays >= 2 ? 1 : 0;
            }
            Assert.Equal((object?)(s.TksDays >= 2 ? seen : null), o.Values.TryGetValue("hasilKerjaAvg", out var v) ? v : null);
        }
        Assert.True(chained > 0, "a chained double fired the next workflow's rule");
    }

    private static string Alpha(string firstSlot) => """
        { "WorkflowName": "alpha", "Rules": [
          { "RuleName": "a1", "SuccessEvent": "A1", "Properties": { "sets": "FIRST" }, "Expression": "snapshot.TksDays >= 2",
            "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "snapshot.ActivityPct / 20.0" } } } },
          { "RuleName": "a2", "SuccessEvent": "A2", "Properties": { "sets": "rupiah" }, "Expression": "snapshot.TppCeiling > 0",
            "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "Math.Round(snapshot.TppCeiling / 3, 2)" } } } },
          { "RuleName": "a3", "SuccessEvent": "A3", "Properties": { "sets": "skor" }, "Expression": "snapshot.TksDays >= 1",
            "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "snapshot.TksDays * 0.25" } } } },
          { "RuleName": "a4", "SuccessEvent": "A4", "Properties": { "sets": "cadangan" }, "Expression": "snapshot.TksDays >= 5",
            "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "snapshot.TppCeiling + 1" } } } },
          { "RuleName": "a5", "SuccessEvent": "A5", "Properties": { "kind": "SANCTION" }, "Expression": "snapshot.ActivityMinutes > 3000",
            "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "snapshot.ActivityMinutes / 7.0" } } } }
        ] }
        """.Replace("FIRST", firstSlot, StringComparison.Ordinal);

    private const string Beta = """
        { "WorkflowName": "beta", "Rules": [
          { "RuleName": "b1", "SuccessEvent": "B1", "Properties": { "kind": "SANCTION" }, "Expression": "snapshot.HasilKerjaAvg >= 3.0" },
          { "RuleName": "b2", "SuccessEvent": "B2", "Properties": { "sets": "skor" }, "Expression": "snapshot.TksDays >= 9",
            "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "Convert.ToDecimal(snapshot.TksDays) / 4" } } } },
          { "RuleName": "b3", "SuccessEvent": "B3", "Properties": { "sets": "rupiah" }, "Expression": "snapshot.TksDays >= 12" }
        ] }
        """;

    /// <summary>
    /// The default TPP workflow's two figures (a double and a decimal) read through the typed properties, before and
    /// after the <c>Values</c> view is built, equal the values and fired outputs, with their types.
    /// </summary>
    [Fact]
    public void TppFigures_ReadTypedOrThroughValues_AreTheSame()
    {
        var rng = new Random(22_091);
        var snapshots = Enumerable.Range(0, 3000).Select(i => BatchEquivalenceTests.Employee(rng, i)).ToArray();
        var outcomes = DefaultRules.Set.EvaluateBatch(snapshots, maxDegreeOfParallelism: 2, explain: true);

        var estimates = 0;
        foreach (var (o, s) in outcomes.Zip(snapshots))
        {
            var percent = o.TppPercent;
            var estimate = o.TppEstimate;
            Assert.NotNull(percent);
            Assert.Equal(s.TppCeiling > 0, estimate is not null);
            // now through the view: boxed with the rule output's own type
            Assert.Equal(percent, Assert.IsType<double>(o.Values["tppPercent"]));
            Assert.Equal(percent, o.TppPercent);
            Assert.Equal(percent, Assert.IsType<double>(o.Fired.Single(f => f.Rule == "persentase_tpp").Output));
            if (estimate is not null)
            {
                estimates++;
                Assert.Equal(estimate, Assert.IsType<decimal>(o.Values["tppEstimate"]));
                Assert.Equal(estimate, o.TppEstimate);
                Assert.Equal(estimate, Assert.IsType<decimal>(o.Fired.Single(f => f.Rule == "nominal_tpp").Output));
                Assert.Equal(Math.Round(s.TppCeiling * Convert.ToDecimal(percent!.Value, CultureInfo.InvariantCulture) / 100), estimate);
            }
            else
            {
                Assert.False(o.Values.ContainsKey("tppEstimate"));
            }
        }
        Assert.InRange(estimates, 1, snapshots.Length - 1);
    }

    /// <summary>
    /// Fired read before Values, and Values read alone, give the same figures (the outcome's cells are read, never moved).
    /// </summary>
    [Fact]
    public void TppFigures_ReadInAnyOrder_AreTheSame()
    {
        var rng = new Random(22_092);
        var snapshots = Enumerable.Range(0, 500).Select(i => BatchEquivalenceTests.Employee(rng, i)).ToArray();
        var first = DefaultRules.Set.EvaluateBatch(snapshots, maxDegreeOfParallelism: 1, explain: true);
        var second = DefaultRules.Set.EvaluateBatch(snapshots, maxDegreeOfParallelism: 1, explain: true);
        for (var i = 0; i < snapshots.Length; i++)
        {
            var fired = first[i].Fired.Where(f => f.Output is double or decimal).Select(f => f.Output).ToArray();
            var values = second[i].Values.Where(v => v.Value is double or decimal).Select(v => v.Value).ToArray();
            Assert.Equal(fired, values);
            Assert.Equal(first[i].Values.OrderBy(v => v.Key).ToArray(), second[i].Values.OrderBy(v => v.Key).ToArray());
        }
    }
}
