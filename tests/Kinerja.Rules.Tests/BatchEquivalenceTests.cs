using System.Globalization;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Model;
using Kinerja.Rules.Tests.PlainEngine;

namespace Kinerja.Rules.Tests;

/// <summary>
/// The engine's fast path (<see cref="CompiledRuleSet.EvaluateBatch"/> over several threads, with explanations) gives,
/// for every workflow in <c>rules/</c>, exactly what the plain Microsoft RulesEngine loop gives: the same rules fire
/// with the same outputs, the same values are set, and each trigger's inputs are the values its workflow read. The
/// seeded snapshots put every field the default workflows read on each side of each threshold they compare it with.
/// </summary>
public class BatchEquivalenceTests
{
    private static readonly double?[] Averages = [null, 1.0, 2.99, 3.0, 3.01, 3.99, 4.0, 4.01, 5.0];
    private static readonly string?[] Ratings = [null, "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"];

    internal static IndicatorSnapshot Employee(Random rng, int i)
    {
        T Pick<T>(IReadOnlyList<T> values) => values[rng.Next(values.Count)];
        var target = Pick([0, 1, 6750, 6750, 6750]);
        // minutes at and around 50%, 75% and 100% of the target (pembinaan, penghargaan, tpp) and anywhere
        int[] around = [target / 2 - 1, target / 2, target / 2 + 1, target * 3 / 4 - 1, target * 3 / 4, target * 3 / 4 + 1,
            target - 1, target, target + 1, 0, rng.Next(0, 8000)];
        var minutes = Math.Max(0, Pick(around));
        double[] pct = [74.99, 75.0, 75.01, target > 0 ? Math.Round(100.0 * minutes / target, 2) : 0];
        var utama = Pick([0, 1, 2, 3]);
        var tksYtd = rng.Next(0, 36); // every PP 94/2021 band edge: 3, 4, 6, 7, 10, 11, 13, 14, 16, 17, 20, 21, 24, 25, 27, 28
        return new IndicatorSnapshot
        {
            Nip = $"19850101201001{i:D4}",
            UnitId = $"unit-{i % 7}",
            RegionId = "pematangsiantar",
            Period = "2026-10",
            Status = Pick(EmployeeStatus.All),
            ActivityMinutes = minutes,
            ActivityTargetMinutes = target,
            ActivityPct = Pick(pct),
            WorkingDays = 22,
            WorkingDaysElapsed = Pick([0, 4, 5, 6, 22]),
            TksDays = rng.Next(0, 15), // the TPP percentage reaches its floor of 0 from 14 days
            TksDaysYtd = tksYtd,
            TksLongestRun = Pick([0, 9, 10, 11, Math.Min(tksYtd, rng.Next(0, 12))]),
            HasilKerjaAvg = Pick(Averages),
            BerAkhlakAvg = Pick(Averages),
            // inputs the chain keeps when no rule sets them (nothing rated)
            RatingHasilKerja = Pick(Ratings),
            RatingPerilaku = Pick(Ratings),
            Predikat = Pick(Predikat.All.Cast<string?>().Append(null).ToArray()),
            PeriodsSangatBaik = rng.Next(0, 4),
            PeriodsKurangMisconduct = rng.Next(0, 7),
            PeriodsSangatKurang = rng.Next(0, 7),
            TppCeiling = Pick([0m, 1m, 1_000_000m, 3_333_333m, 1_000_000m * rng.Next(2, 9)]),
        } with
        {
            // the SKP branch of rating.json: no plan, approved with none, some or all RHK utama assessed, 0/1 di atas and di bawah
            SkpPlanApproved = rng.Next(3) > 0,
            SkpRhkUtama = utama,
            SkpRhkUtamaAssessed = Pick([0, Math.Max(0, utama - 1), utama, utama]),
            SkpRhkUtamaDiAtas = Pick([0, 0, 1]),
            SkpRhkUtamaDiBawah = Pick([0, 0, 1]),
        } with
        {
            // attendance detail the regional tpp variants of rules/variants/ read (late bands, apel, izin, leave, whole month TKS)
            LateDays1To30 = rng.Next(0, 6),
            LateDays31To60 = rng.Next(0, 4),
            LateDays61To90 = rng.Next(0, 3),
            LateDaysOver90 = rng.Next(0, 3),
            ApelMissedDays = rng.Next(0, 5),
            IzinDays = rng.Next(0, 4),
            LeaveDaysMelahirkan = Pick([0, 0, 0, 5, 22]),
            TksWholeMonth = rng.Next(10) == 0,
        };
    }

    internal static UnitSnapshot Unit(Random rng, int i)
    {
        T Pick<T>(IReadOnlyList<T> values) => values[rng.Next(values.Count)];
        double Pct() => Pick([0.0, 5.0, 9.99, 10.0, 10.01, 59.99, 60.0, 60.01, 69.99, 70.0, 70.01, 100.0]);
        return new UnitSnapshot
        {
            UnitId = $"unit-{i}",
            RegionId = "pematangsiantar",
            Period = "2026-10",
            UnitPredikat = Pick<string?>([null, "ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"]),
            EmployeeCount = 40,
            RatedCount = Pick([0, 1, 40]),
            SangatBaikCount = Pick([0, 1, 5]),
            BaikCount = Pick([0, 1, 5]),
            ButuhPerbaikanCount = Pick([0, 1, 5]),
            KurangMisconductCount = Pick([0, 1, 5]),
            SangatKurangCount = Pick([0, 1, 5]),
            SangatBaikPct = Pct(),
            BaikPct = Pct(),
            ButuhPerbaikanPct = Pct(),
            KurangMisconductPct = Pct(),
            SangatKurangPct = Pct(),
        };
    }

    [Fact]
    public async Task EvaluateBatch_OnBoundarySnapshots_MatchesPlainRulesEngineForEveryEmployeeWorkflow()
    {
        var (sources, _) = RuleFileLoader.LoadFolder(RepoPaths.Rules);
        var rng = new Random(20261206);
        var snapshots = Enumerable.Range(0, 4000).Select(i => Employee(rng, i)).ToArray();

        await AssertBatchMatchesPlainEngine(sources, DefaultRules.Set, snapshots);
    }

    /// <summary>The rule files compared on a large population: the default folder (null) and each file of <c>rules/variants/</c>.</summary>
    public static TheoryData<string?> RuleFiles()
    {
        var data = new TheoryData<string?> { (string?)null };
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Rules, "variants"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add("variants/" + Path.GetFileName(file));
        }
        return data;
    }

    /// <summary>
    /// Issue 22: the fast path (one budget state read per workflow, handed to every rule entry) changes no output: 20,000
    /// seeded random snapshots through the default workflows, and through each regional variant in place of its default,
    /// give field by field what the plain RulesEngine loop gives (fired rules, outputs, values, triggers and their inputs).
    /// </summary>
    [Theory]
    [MemberData(nameof(RuleFiles))]
    public async Task EvaluateBatch_OnALargeRandomPopulation_MatchesPlainRulesEngine(string? variant)
    {
        var set = DefaultRules.Set;
        if (variant is not null)
        {
            var (compiled, problem) = Testing.VariantRuleSet.Compile(set, RepoPaths.Rules, variant);
            set = compiled ?? throw new Xunit.Sdk.XunitException(problem);
        }
        var rng = new Random(22_000 + (variant?.Length ?? 0));
        var snapshots = Enumerable.Range(0, 20_000).Select(i => Employee(rng, i)).ToArray();

        await AssertBatchMatchesPlainEngine(set.Sources, set, snapshots);
    }

    /// <summary>
    /// Issue 22: an outcome keeps the output of a fired rule in the slot it set when that is the slot's final value, and
    /// every other output in its own data. Rule sets whose outputs are not all final slot values, compared with the
    /// plain RulesEngine loop: an output with no <c>sets</c> (a trigger's, with inputs), a second rule of a workflow
    /// setting a slot already set (its output is kept but not set), a later workflow setting the slot again with an output
    /// and with its event, and a rule with no output setting its event.
    /// </summary>
    [Fact]
    public async Task EvaluateBatch_WhenOutputsAreNotTheFinalValueOfTheirSlot_MatchesPlainRulesEngine()
    {
        const string alpha = """
            { "WorkflowName": "alpha", "Rules": [
              { "RuleName": "a1", "SuccessEvent": "A1", "Properties": { "sets": "skor" }, "Expression": "snapshot.TksDays >= 3",
                "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "snapshot.TksDays * 1.5" } } } },
              { "RuleName": "a2", "SuccessEvent": "A2", "Properties": { "sets": "skor" }, "Expression": "snapshot.TksDays >= 5",
                "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "snapshot.TksDays * 2.0" } } } },
              { "RuleName": "a3", "SuccessEvent": "A3", "Properties": { "kind": "SANCTION" }, "Expression": "snapshot.ActivityMinutes > 3000",
                "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "snapshot.ActivityMinutes + 0.5" } } } },
              { "RuleName": "a4", "SuccessEvent": "A4", "Properties": { "sets": "label" }, "Expression": "snapshot.TksDays <= 1" }
            ] }
            """;
        const string beta = """
            { "WorkflowName": "beta", "Rules": [
              { "RuleName": "b1", "SuccessEvent": "B1", "Properties": { "sets": "skor", "kind": "SANCTION" }, "Expression": "snapshot.TksDays >= 7 && snapshot.TksDays < 11",
                "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "100.0 + snapshot.TksDays" } } } },
              { "RuleName": "b2", "SuccessEvent": "B2", "Properties": { "sets": "label" }, "Expression": "snapshot.TksDays == 0 && snapshot.ActivityMinutes > 5000",
                "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "\"ditimpa\"" } } } },
              { "RuleName": "b3", "SuccessEvent": "B3", "Properties": { "sets": "skor" }, "Expression": "snapshot.TksDays >= 11" }
            ] }
            """;
        var (set, issues) = RuleBuilder.Compile(("alpha.json", alpha), ("beta.json", beta));
        Assert.True(set is not null, string.Join(Environment.NewLine, issues));
        var rng = new Random(22_022);
        var snapshots = Enumerable.Range(0, 4000).Select(i => Employee(rng, i)).ToArray();

        await AssertBatchMatchesPlainEngine(set.Sources, set, snapshots);
        // each case happened: an output overwritten by a later workflow's output and by its event, an output not set
        // (second in its workflow), an output with no slot, an event value overwritten by an output
        var outcomes = set.EvaluateBatch(snapshots, maxDegreeOfParallelism: 2, explain: true);
        Assert.Contains(outcomes, o => o.Fired.Any(f => f.Rule == "a1") && Equals(o.Values["skor"], 100.0 + 8));
        Assert.Contains(outcomes, o => o.Fired.Any(f => f.Rule == "a1" && f.Output is double) && Equals(o.Values["skor"], "B3"));
        Assert.Contains(outcomes, o => o.Fired.Any(f => f.Rule == "a2" && Equals(f.Output, 12.0)) && Equals(o.Values["skor"], 9.0));
        Assert.Contains(outcomes, o => o.Fired.Any(f => f.Rule == "a3" && f.Output is double) && o.Triggers.Any(t => t.Rule == "a3"));
        Assert.Contains(outcomes, o => o.Fired.Any(f => f.Rule == "a4") && Equals(o.Values["label"], "ditimpa"));
    }

    /// <summary>
    /// Issue 22: an outcome records fired rules as bits per chain position, 64 in one word and more in an array. A chain
    /// of 80 top-level rules (two workflows of 40: the second's positions cross the first word's end), with triggers and
    /// outputs spread over both words, matches the plain RulesEngine loop.
    /// </summary>
    [Fact]
    public async Task EvaluateBatch_WithMoreThan64RulesInTheChain_MatchesPlainRulesEngine()
    {
        static string Workflow(string name, int offset) => "{ \"WorkflowName\": \"" + name + "\", \"Rules\": [ "
            + string.Join(", ", Enumerable.Range(0, 40).Select(i =>
            {
                var n = offset + i;
                var properties = n % 3 == 0 ? "\"Properties\": { \"kind\": \"SANCTION\" }, " : "";
                var output = n % 5 == 0
                    ? ", \"Actions\": { \"OnSuccess\": { \"Name\": \"OutputExpression\", \"Context\": { \"Expression\": \"snapshot.ActivityMinutes + " + n + "\" } } }"
                    : "";
                return "{ \"RuleName\": \"r" + n + "\", \"SuccessEvent\": \"E" + n + "\", " + properties
                    + "\"Expression\": \"snapshot.TksDays >= " + (n % 15) + "\"" + output + " }";
            }))
            + " ] }";
        var (set, issues) = RuleBuilder.Compile(("w1.json", Workflow("w1", 0)), ("w2.json", Workflow("w2", 40)));
        Assert.True(set is not null, string.Join(Environment.NewLine, issues));
        Assert.Equal(80, set.EmployeeChain.Sum(w => w.Rules.Length));
        var rng = new Random(22_080);
        var snapshots = Enumerable.Range(0, 1500).Select(i => Employee(rng, i)).ToArray();

        await AssertBatchMatchesPlainEngine(set.Sources, set, snapshots);
        Assert.Contains(set.EvaluateBatch(snapshots, maxDegreeOfParallelism: 1), o => o.Fired.Count == 80 && o.Triggers.Count == 27);
    }

    internal static async Task AssertBatchMatchesPlainEngine(IReadOnlyList<WorkflowSource> sources, CompiledRuleSet set, IndicatorSnapshot[] snapshots)
    {
        var plain = new PlainRulesEngine(sources, set);
        AssertEveryReadFieldVaries(set.EmployeeChain.SelectMany(w => w.Reads), snapshots);

        var outcomes = set.EvaluateBatch(snapshots, maxDegreeOfParallelism: 2, explain: true);

        var fired = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < snapshots.Length; i++)
        {
            var (results, values) = await plain.EvaluateChainAsync(snapshots[i]);
            var ours = outcomes[i];
            var at = $"snapshot {i} ({snapshots[i]})";
            Assert.True(results.All(r => r.Result.Error is null), at);
            Assert.Empty(ours.Errors);
            var theirs = results.Where(r => r.Result.Success).ToArray();
            Assert.Equal(theirs.Select(r => Describe(r.Result.Workflow, r.Result.Rule, r.Result.Event, r.Result.Output)),
                ours.Fired.Select(f => Describe(f.Workflow, f.Rule, f.Event, f.Output)));
            Assert.Equal(values.Keys.Order(StringComparer.OrdinalIgnoreCase), ours.Values.Keys.Order(StringComparer.OrdinalIgnoreCase));
            foreach (var (k, v) in values)
            {
                Assert.Equal(Text(v), Text(ours.Values[k]));
            }
            // one trigger per fired rule with a kind, explaining itself with the values its workflow read
            var expected = theirs.Where(r => KindOf(set, r.Result) is not null).ToArray();
            Assert.Equal(expected.Length, ours.Triggers.Count);
            foreach (var (trigger, (result, input)) in ours.Triggers.Zip(expected))
            {
                Assert.Equal((result.Workflow, result.Rule, result.Event, snapshots[i].Nip), (trigger.Workflow, trigger.Rule, trigger.Code, trigger.Subject));
                var rule = set.Workflows[result.Workflow].Rules.Single(r => r.Name == result.Rule);
                Assert.Equal(rule.Reads, trigger.Inputs.Keys);
                foreach (var name in rule.Reads)
                {
                    Assert.Equal(Text(Property(input, name)), Text(trigger.Inputs[name]));
                }
            }
            foreach (var r in theirs)
            {
                fired[r.Result.Workflow + "/" + r.Result.Rule] = fired.GetValueOrDefault(r.Result.Workflow + "/" + r.Result.Rule) + 1;
            }
        }
        // the snapshots reach every top-level rule of every employee workflow, so each one was compared firing
        var rules = set.EmployeeChain.SelectMany(w => w.Rules.Select(r => w.Name + "/" + r.Name)).ToArray();
        var never = rules.Where(r => !fired.ContainsKey(r)).ToArray();
        Assert.True(never.Length == 0, "never fired, so never compared firing: " + string.Join(", ", never));
    }

    [Fact]
    public async Task Evaluate_OnBoundaryUnitSnapshots_MatchesPlainRulesEngineForEveryUnitWorkflow()
    {
        var (sources, _) = RuleFileLoader.LoadFolder(RepoPaths.Rules);
        var set = DefaultRules.Set;
        var plain = new PlainRulesEngine(sources, set);
        var rng = new Random(20261207);
        var units = Enumerable.Range(0, 3000).Select(i => Unit(rng, i)).ToArray();
        Assert.NotEmpty(set.UnitChain);
        AssertEveryReadFieldVaries(set.UnitChain.SelectMany(w => w.Reads), units);

        var fired = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < units.Length; i++)
        {
            var ours = set.Evaluate(units[i]);
            Assert.Empty(ours.Errors);
            var theirs = new List<PlainRuleResult>();
            foreach (var wf in set.UnitChain.Where(w => w.InjectedBy.Count == 0))
            {
                theirs.AddRange(await plain.EvaluateWorkflowAsync(wf.Name, units[i], RuleConventions.UnitParameter));
            }
            Assert.True(theirs.All(r => r.Error is null), $"unit {i}");
            var success = theirs.Where(r => r.Success).ToArray();
            Assert.Equal(success.Select(r => Describe(r.Workflow, r.Rule, r.Event, r.Output)),
                ours.Fired.Select(f => Describe(f.Workflow, f.Rule, f.Event, f.Output)));
            Assert.Equal(success.Where(r => KindOf(set, r) is not null).Select(r => (r.Workflow, r.Rule, r.Event)),
                ours.Triggers.Select(t => (t.Workflow, t.Rule, t.Code)));
            foreach (var t in ours.Triggers)
            {
                Assert.All(t.Inputs, kv => Assert.Equal(Text(Property(units[i], kv.Key)), Text(kv.Value)));
            }
            fired.UnionWith(success.Select(r => r.Workflow + "/" + r.Rule));
        }
        var rules = set.UnitChain.SelectMany(w => w.Rules.Select(r => w.Name + "/" + r.Name)).ToArray();
        var never = rules.Where(r => !fired.Contains(r)).ToArray();
        Assert.True(never.Length == 0, "never fired, so never compared firing: " + string.Join(", ", never));
    }

    private static void AssertEveryReadFieldVaries<T>(IEnumerable<string> reads, IReadOnlyList<T> snapshots)
    {
        foreach (var name in reads.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var distinct = snapshots.Select(s => Text(Property(s!, name))).Distinct().Count();
            Assert.True(distinct > 1, $"the generator never varies {name}, which a default workflow reads");
        }
    }

    private static string? KindOf(CompiledRuleSet set, PlainRuleResult r) =>
        set.Workflows[r.Workflow].Rules.Single(c => c.Name == r.Rule).Kind;

    private static string Describe(string workflow, string rule, string @event, object? output) =>
        $"{workflow}/{rule} -> {@event} = {Text(output)}";

    private static object? Property(object snapshot, string name) =>
        snapshot.GetType().GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance
            | System.Reflection.BindingFlags.IgnoreCase)!.GetValue(snapshot);

    private static string Text(object? value) => value switch
    {
        null => "null",
        _ => $"{value.GetType().Name}:{Convert.ToString(value, CultureInfo.InvariantCulture)}",
    };
}
