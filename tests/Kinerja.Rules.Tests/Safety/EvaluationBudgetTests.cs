using System.Diagnostics;
using System.Text.Json;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Safety;

namespace Kinerja.Rules.Tests.Safety;

/// <summary>
/// Evaluation under budgets: a rule over its time, memory or string budget is a rule error once, is disabled
/// for the version, and never holds back the other rules; a string is refused before it is allocated.
/// </summary>
public sealed class EvaluationBudgetTests
{
    private const string SlowCount =
        "snapshot.Nip.Count(a => snapshot.Nip.Count(b => snapshot.Nip.Count(c => snapshot.Nip.Count(d => snapshot.Nip.Count(e => e == d) > 0) > 0) > 0) > 0) > 0";

    private static readonly IndicatorSnapshot LongNip = new() { Nip = new string('1', 80), TksDays = 2 };

    private static CompiledRuleSet Compile(RuleLimits limits, params (string Name, string Expression)[] rules)
    {
        var json = JsonSerializer.Serialize(new
        {
            WorkflowName = "uji",
            Rules = rules.Select(r => new { RuleName = r.Name, SuccessEvent = r.Name.ToUpperInvariant(), Expression = r.Expression }),
        });
        var (sources, loadIssues) = RuleFileLoader.Parse("uji.json", json);
        Assert.Empty(loadIssues);
        var (set, issues) = RuleSetCompiler.Compile(sources, limits: limits);
        Assert.True(set is not null, string.Join("\n", issues));
        return set;
    }

    [Fact]
    public void Evaluate_RuleOverTimeBudget_ErrorOnceThenDisabledForTheVersionWhileOthersFire()
    {
        var set = Compile(new RuleLimits { SnapshotTimeBudgetMs = 50 }, ("lambat", SlowCount), ("cepat", "snapshot.TksDays > 1"));

        var watch = Stopwatch.StartNew();
        var first = set.Evaluate(LongNip);
        Assert.True(watch.ElapsedMilliseconds < 5_000, $"first evaluation took {watch.ElapsedMilliseconds} ms");
        var error = Assert.Single(first.Errors);
        Assert.Equal("lambat", error.Rule);
        Assert.Contains("Kinerja:Rules:Limits:SnapshotTimeBudgetMs", error.Message);
        Assert.Contains("disabled for version 0", error.Message);
        Assert.Equal(["CEPAT"], first.Events);

        // A rule still running would cost its whole 50 ms budget every time; the fastest of five evaluations stays
        // clear of a scheduling or GC pause on a loaded machine (one such pause cost 55 ms in CI).
        var fastest = long.MaxValue;
        EvaluationOutcome second = null!;
        for (var i = 0; i < 5; i++)
        {
            watch.Restart();
            second = set.Evaluate(LongNip);
            fastest = Math.Min(fastest, watch.ElapsedMilliseconds);
        }
        Assert.True(fastest < 50, $"a disabled rule still cost {fastest} ms");
        Assert.Empty(second.Errors);
        Assert.Equal(["CEPAT"], second.Events);
        var disabled = Assert.Single(set.DisabledRules);
        Assert.Equal(("uji", "lambat", "SnapshotTimeBudgetMs"), (disabled.Workflow, disabled.Rule, disabled.Limit));
    }

    [Fact]
    public void EvaluateBatch_SlowRule_DisabledAtTheFirstSnapshotNotOncePerSnapshot()
    {
        var set = Compile(new RuleLimits { SnapshotTimeBudgetMs = 50 }, ("lambat", SlowCount), ("cepat", "snapshot.TksDays > 1"));
        var snapshots = Enumerable.Range(0, 2_000).Select(i => LongNip with { Nip = i.ToString("D80") }).ToArray();

        var watch = Stopwatch.StartNew();
        var outcomes = set.EvaluateBatch(snapshots, maxDegreeOfParallelism: 2);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the batch took {watch.Elapsed}");
        Assert.InRange(outcomes.Sum(o => o.Errors.Count), 1, 2); // once per worker that was running it at most
        Assert.All(outcomes, o => Assert.Contains("CEPAT", o.Events));
    }

    [Fact]
    public void EvaluateBatch_OverTheBatchBudget_OnlyTheSlowRuleIsDisabledAndTheBatchGoesOn()
    {
        // each snapshot stays under its own budget; together they run the batch out of time
        var limits = new RuleLimits { SnapshotTimeBudgetMs = 60_000, BatchTimeBudgetMs = 1_000, BatchTimePerSnapshotMicros = 0 };
        var set = Compile(limits,
            ("agak_lambat", "snapshot.Nip.Count(a => snapshot.Nip.Count(b => snapshot.Nip.Count(c => c == b) > 0) > 0) > 0"),
            // a few hundred loop iterations per snapshot: enough for the budget to be checked while it runs
            ("sedang", "snapshot.Nip.Count(c => c == '0') + snapshot.Nip.Count(c => c == '1') + snapshot.Nip.Count(c => c == '2') > 0"),
            ("cepat", "snapshot.TksDays > 1"));
        var snapshots = Enumerable.Range(0, 600).Select(i => LongNip with { Nip = i.ToString("D120") }).ToArray();

        var watch = Stopwatch.StartNew();
        var outcomes = set.EvaluateBatch(snapshots, maxDegreeOfParallelism: 1);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"the batch took {watch.Elapsed}");
        var disabled = Assert.Single(set.DisabledRules);
        Assert.Equal(("agak_lambat", "BatchTimeBudgetMs"), (disabled.Rule, disabled.Limit));
        Assert.All(outcomes, o => Assert.Equal(["SEDANG", "CEPAT"], o.Events.Where(e => e != "AGAK_LAMBAT")));
    }

    [Theory]
    [InlineData("string('x', 1000000000).Length > 0")]
    [InlineData("(\"x\" + snapshot.Nip).Replace(\"x\", \"xx\").Replace(\"x\", \"xx\").Replace(\"x\", \"xx\").Replace(\"x\", \"xx\").Replace(\"x\", \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\").Length > 0")]
    [InlineData("snapshot.TksDays.ToString(\"D999999999\").Length > 0")]
    [InlineData("string.Join(\",\", snapshot.Nip.Select(c => snapshot.Nip + snapshot.Nip + snapshot.Nip)).Length > 0")]
    public void Evaluate_StringBeyondLimit_RefusedBeforeItIsAllocated(string expression)
    {
        var set = Compile(new RuleLimits { MaxStringLength = 10_000 }, ("besar", expression));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var outcome = set.Evaluate(LongNip with { Nip = new string('x', 200) });

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated} bytes");
        var error = Assert.Single(outcome.Errors);
        Assert.Contains("Kinerja:Rules:Limits:MaxStringLength", error.Message);
    }

    [Fact]
    public void Evaluate_StringsWithinLimit_SameResultsAsTheFramework()
    {
        var set = Compile(RuleLimits.Default,
            ("ganti", "snapshot.Nip.Replace(\"1\", \"22\") == \"22x22\""),
            ("gabung", "snapshot.Nip + \"-\" + snapshot.TksDays == \"1x1-2\""),
            ("join", "string.Join(\"|\", snapshot.Nip.Select(c => c.ToString())) == \"1|x|1\""),
            ("sisip", "snapshot.Nip.Insert(1, \"ab\") == \"1abx1\""),
            ("format", "snapshot.TksDays.ToString(\"D3\") == \"002\""),
            ("konstruktor", "string('z', snapshot.TksDays) == \"zz\""));

        var outcome = set.Evaluate(new IndicatorSnapshot { Nip = "1x1", TksDays = 2 });

        Assert.Empty(outcome.Errors);
        Assert.Equal(["GANTI", "GABUNG", "JOIN", "SISIP", "FORMAT", "KONSTRUKTOR"], outcome.Events);
    }

    [Fact]
    public async Task Evaluate_ExpressionAtTheNestingLimit_CompilesAndRunsOnAThreadPoolThread()
    {
        // 31 nested lambdas plus the call parentheses: at MaxNestingDepth (32) after bracket counting
        var depth = 15;
        var expression = string.Concat(Enumerable.Range(0, depth).Select(i => $"snapshot.Nip.Any(c{i} => ")) + "true" + new string(')', depth);
        var set = Compile(RuleLimits.Default, ("dalam", expression));

        var outcome = await Task.Run(() => set.Evaluate(new IndicatorSnapshot { Nip = "12" }));

        Assert.Empty(outcome.Errors);
        Assert.Equal(["DALAM"], outcome.Events);
    }
}
