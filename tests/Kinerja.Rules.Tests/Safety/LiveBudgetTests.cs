using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;
using Kinerja.Rules.Hosting;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Safety;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Rules.Tests.Safety;

/// <summary>
/// The evaluation service the live evaluator and period close use: a rule over its budget in the active set is
/// recorded as a rule error once, disabled for the version, and the batch finishes in bounded time with every
/// other rule's results.
/// </summary>
public sealed class LiveBudgetTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task EvaluateAndStore_ActiveRuleOverBudget_BatchBoundedErrorRecordedOnceRuleDisabled()
    {
        var json = JsonSerializer.Serialize(new
        {
            WorkflowName = "uji",
            Rules = new object[]
            {
                new { RuleName = "lambat", SuccessEvent = "LAMBAT", Expression =
                    "snapshot.Nip.Count(a => snapshot.Nip.Count(b => snapshot.Nip.Count(c => snapshot.Nip.Count(d => d == c) > 0) > 0) > 0) > 0" },
                new { RuleName = "cepat", SuccessEvent = "CEPAT", Expression = "snapshot.TksDays > 1" },
            },
        });
        var (sources, _) = RuleFileLoader.Parse("uji.json", json);
        // compiled without the trial, as if the rule only went slow on live data
        var set = RuleSetCompiler.CompileOrThrow(sources, new Dictionary<string, int> { ["uji"] = 3 },
            new RuleLimits { SnapshotTimeBudgetMs = 50 });
        var active = new ActiveRuleSet(TimeProvider.System);
        active.Swap(set);
        var service = new RuleEvaluationService(active, new Store.TriggerStore(db.DataSource), NullLogger<RuleEvaluationService>.Instance);
        var snapshots = Enumerable.Range(0, 300)
            .Select(i => new IndicatorSnapshot { Nip = i.ToString("D200"), Period = "2026-11", TksDays = 2 }).ToArray();

        var watch = Stopwatch.StartNew();
        var batch = await service.EvaluateAndStoreAsync(snapshots, [], CancellationToken.None);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the batch took {watch.Elapsed}");
        Assert.All(batch.Outcomes, o => Assert.Equal(["CEPAT"], o.Events));
        var disabled = Assert.Single(set.DisabledRules);
        Assert.Equal(("uji", 3, "lambat"), (disabled.Workflow, disabled.Version, disabled.Rule));
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var messages = (await conn.QueryAsync<string>("select message from rule_error where workflow = 'uji' and rule = 'lambat'")).ToList();
        Assert.InRange(messages.Count, 1, Environment.ProcessorCount);
        Assert.All(messages, m => Assert.Contains("disabled for version 3", m));
    }
}
