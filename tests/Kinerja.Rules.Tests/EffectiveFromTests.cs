using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Hosting;
using Kinerja.Rules.Store;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Rules.Tests;

/// <summary>
/// A publish takes effect from a chosen month (issue 20): evaluating period P uses, per workflow, the latest published
/// version whose effectiveFrom is at or before P's month; rollback restores the previous version for the same months;
/// the schedule survives a restart and reaches other processes. Months are fixed past ones (2025) so the date never matters.
/// </summary>
public sealed class EffectiveFromTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Band3 = "snapshot.TksDaysYtd == 3";
    private const string Band2 = "snapshot.TksDaysYtd == 2";
    private const string Band1 = "snapshot.TksDaysYtd == 1";

    private async Task<RulesServiceHarness> Bootstrapped()
    {
        await using (var conn = await db.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""delete from workflow_version; delete from audit;""");
        }
        var h = new RulesServiceHarness(db.DataSource);
        await h.Service.BootstrapAsync(RepoPaths.Rules, "test", CancellationToken.None);
        return h;
    }

    /// <summary>True when <paramref name="set"/> gives a verbal warning (TEGURAN_LISAN) at two TKS days: disiplin v2's band.</summary>
    private static bool WarnsAtTwo(Engine.CompiledRuleSet set) =>
        set.Evaluate(new IndicatorSnapshot { TksDaysYtd = 2 }, ["disiplin"]).Events.Contains("TEGURAN_LISAN");

    [Fact]
    public async Task Publish_FromMarch_FebruaryKeepsOldVersion_MarchAndLaterUseNew_YearUsesDecember()
    {
        var h = await Bootstrapped();
        var report = await h.Service.PublishAsync(RulesServiceHarness.Edited("disiplin", Band3, Band2), "hr", "dari Maret",
            CancellationToken.None, "2025-03");
        Assert.Equal("2025-03", report.EffectiveFrom);
        var schedule = h.Active.RequireSchedule();
        Assert.Equal(1, schedule.For("2025-02").Versions["disiplin"]);
        Assert.False(WarnsAtTwo(schedule.For("2025-02")));
        Assert.False(WarnsAtTwo(schedule.For("2025-02-28")));
        Assert.Equal(2, schedule.For("2025-03").Versions["disiplin"]);
        Assert.True(WarnsAtTwo(schedule.For("2025-03")));
        Assert.True(WarnsAtTwo(schedule.For("2025-11")));
        // the annual period is evaluated by the rules in force in its December; a quarter by its last month
        Assert.True(WarnsAtTwo(schedule.For("2025")));
        Assert.True(WarnsAtTwo(schedule.For("2025-Q1")));
        Assert.False(WarnsAtTwo(schedule.For("2024")));
        // the other workflows stay at version 1 in both stretches; the newest set is what a candidate is merged over
        Assert.Equal(1, schedule.For("2025-03").Versions["rating"]);
        Assert.Equal(2, h.Active.Require().Versions["disiplin"]);
        var history = (await h.Store.ListAsync(CancellationToken.None)).Where(r => r.Workflow == "disiplin").ToArray();
        Assert.Equal([(2, "2025-03"), (1, RuleMonth.Always)], history.Select(r => (r.Version, r.EffectiveFrom)));
    }

    [Fact]
    public async Task TwoVersions_DifferentThresholds_EachMonthItsOwn_LaterPublishWithEarlierMonthOverrides()
    {
        var h = await Bootstrapped();
        await h.Service.PublishAsync(RulesServiceHarness.Edited("disiplin", Band3, Band2), "hr", "v2 dari Maret", CancellationToken.None, "2025-03");
        await h.Service.PublishAsync(RulesServiceHarness.Edited("disiplin", Band3, Band1), "hr", "v3 dari Juni", CancellationToken.None, "2025-06");
        var s = h.Active.RequireSchedule();
        Assert.Equal([1, 1, 2, 2, 3, 3], new[] { "2024-12", "2025-02", "2025-03", "2025-05", "2025-06", "2026-01" }
            .Select(p => s.For(p).Versions["disiplin"]));
        // a later publish from an earlier month applies from that month on, over both
        await h.Service.PublishAsync(RulesServiceHarness.Edited("disiplin", Band3, "snapshot.TksDaysYtd == 4"), "hr", "v4 dari April",
            CancellationToken.None, "2025-04");
        s = h.Active.RequireSchedule();
        Assert.Equal([1, 2, 4, 4], new[] { "2025-02", "2025-03", "2025-04", "2025-07" }.Select(p => s.For(p).Versions["disiplin"]));
    }

    [Fact]
    public async Task Rollback_RestoresPreviousVersionForTheSameMonths_EarlierMonthsUntouched()
    {
        var h = await Bootstrapped();
        await h.Service.PublishAsync(RulesServiceHarness.Edited("disiplin", Band3, Band2), "hr", "v2 semua bulan", CancellationToken.None);
        await h.Service.PublishAsync(RulesServiceHarness.Edited("disiplin", Band3, Band1), "hr", "v3 dari Juni", CancellationToken.None, "2025-06");
        var report = await h.Service.RollbackAsync("disiplin", 2, "hr", "kembali", CancellationToken.None);
        Assert.True(report.Published);
        var s = h.Active.RequireSchedule();
        Assert.Equal([2, 2, 2], new[] { "2025-01", "2025-06", "2026-03" }.Select(p => s.For(p).Versions["disiplin"]));
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var last = await conn.QuerySingleAsync<(int Version, string From)>(
            "select version, effective_from from workflow_schedule where workflow = 'disiplin' order by id desc limit 1");
        Assert.Equal((2, "2025-06"), last);
    }

    [Fact]
    public async Task Restart_ScheduleSurvives_NewProcessResolvesTheSameVersions()
    {
        var h = await Bootstrapped();
        await h.Service.PublishAsync(RulesServiceHarness.Edited("disiplin", Band3, Band2), "hr", "", CancellationToken.None, "2025-09");
        var restarted = new RulesServiceHarness(db.DataSource);
        await restarted.Service.BootstrapAsync(RepoPaths.Rules, "test", CancellationToken.None);
        var s = restarted.Active.RequireSchedule();
        Assert.Equal(2, s.Segments.Count);
        Assert.Equal((1, 2), (s.For("2025-08").Versions["disiplin"], s.For("2025-09").Versions["disiplin"]));
        // one compiled set per stretch; reloading the same schedule keeps the same sets (nothing compiled again)
        var before = s.Segments.Select(x => x.Set).ToArray();
        await using (var conn = await db.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("insert into workflow_schedule (workflow, version, effective_from) values ('rating', 1, '2025-09')");
        }
        await restarted.Service.ReloadAsync(CancellationToken.None);
        Assert.Equal(before, restarted.Active.RequireSchedule().Segments.Select(x => x.Set));
    }

    [Fact]
    public async Task Publish_OtherProcess_ReloadsTheScheduleOnTheChangeFeed()
    {
        var a = await Bootstrapped();
        var b = new RulesServiceHarness(db.DataSource);
        await b.Service.ReloadAsync(CancellationToken.None);
        IChangeHandler handler = new RulesChangeHandler(b.Service);
        await using var listen = await db.DataSource.OpenConnectionAsync();
        var received = new TaskCompletionSource<string>();
        listen.Notification += (_, e) => received.TrySetResult(e.Payload);
        await listen.ExecuteAsync($"listen {handler.Channel}");
        await a.Service.PublishAsync(RulesServiceHarness.Edited("disiplin", Band3, Band2), "hr", "", CancellationToken.None, "2025-05");
        _ = listen.WaitAsync(TimeSpan.FromSeconds(2));
        var payload = await received.Task.WaitAsync(TimeSpan.FromSeconds(2));
        await handler.HandleAsync(ChangeMessages.TryParse(handler.Channel, payload)!, CancellationToken.None);
        var s = b.Active.RequireSchedule();
        Assert.Equal((1, 2), (s.For("2025-04").Versions["disiplin"], s.For("2025-05").Versions["disiplin"]));
    }

    [Fact]
    public async Task Evaluation_EachPeriodThroughItsVersion_TriggersRecordTheVersionThatProducedThem()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "pematangsiantar", "disdik-eff", 1, 7300);
        var h = await Bootstrapped();
        await h.Service.PublishAsync(RulesServiceHarness.Edited("disiplin", Band3, Band2), "hr", "", CancellationToken.None, "2025-03");
        var eval = new RuleEvaluationService(h.Active, h.Triggers, NullLogger<RuleEvaluationService>.Instance);
        IndicatorSnapshot Snap(string period) => new()
        {
            Nip = nips[0], UnitId = "disdik-eff", RegionId = "pematangsiantar", Period = period, TksDaysYtd = 2, TksLongestRun = 1,
            HasilKerjaAvg = 4.0, BerAkhlakAvg = 4.5,
        };
        var batch = await eval.EvaluateAndStoreAsync([Snap("2025-02"), Snap("2025-03")], null, CancellationToken.None);
        Assert.DoesNotContain("TEGURAN_LISAN", batch.Outcomes[0].Events);
        Assert.Contains("TEGURAN_LISAN", batch.Outcomes[1].Events);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var stored = await conn.QueryAsync<(string Period, int Version)>(
            "select period, version from \"trigger\" where nip = @nip and code = 'TEGURAN_LISAN'", new { nip = nips[0] });
        Assert.Equal([("2025-03", 2)], stored);
    }

    [Fact]
    public void Plan_HighestIdAtOrBeforeEachMonth_EqualStretchesMerged()
    {
        var t = DateTime.UnixEpoch;
        ScheduleEntry E(long id, string wf, int v, string from) => new(id, wf, v, from, "x", t);
        var plan = RuleSchedule.Plan([E(1, "a", 1, "0001-01"), E(2, "b", 1, "0001-01"), E(3, "a", 2, "2025-03"),
            E(4, "b", 2, "2025-01"), E(5, "a", 2, "2025-05"), E(6, "a", 1, "2025-02")]);
        // entry 6 (a@1 from February) was published after a@2 from March and May, so it wins from February on: a stays 1
        Assert.Equal(["0001-01", "2025-01"], plan.Select(p => p.From));
        Assert.Equal(["a@1,b@1", "a@1,b@2"], plan.Select(p => RuleSchedule.Key(p.Versions)));
    }
}
