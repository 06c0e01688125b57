using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Hosting;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kinerja.Rules.Tests;

/// <summary>Publish, rollback, audit, notify and reload against a real PostgreSQL.</summary>
public sealed class RulesStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Band3 = "snapshot.TksDaysYtd == 3";
    private const string Band2 = "snapshot.TksDaysYtd == 2";

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

    [Fact]
    public async Task Bootstrap_EmptyStore_PublishesFolderAsVersionOne()
    {
        var h = await Bootstrapped();
        var rows = await h.Store.ListAsync(CancellationToken.None);
        Assert.Equal(7, rows.Count);
        Assert.All(rows, r => Assert.Equal((1, true), (r.Version, r.Active)));
        Assert.All(h.Active.Require().Versions.Values, v => Assert.Equal(1, v));
    }

    [Fact]
    public async Task Publish_ChangedWorkflow_NewVersionActiveAuditedAndSwapped()
    {
        var h = await Bootstrapped();
        var before = h.Active.Require();
        var report = await h.Service.PublishAsync(RulesServiceHarness.Edited("disiplin", Band3, Band2), "hr@bkd", "earlier warning", CancellationToken.None);
        Assert.True(report.Published);
        var v = Assert.Single(report.Versions);
        Assert.Equal(("disiplin", 2, 1), (v.Workflow, v.Version, v.PreviousVersion));
        Assert.Equal(["teguran_lisan"], v.Diff.Changed);
        var after = h.Active.Require();
        Assert.NotSame(before, after);
        Assert.Equal(2, after.Versions["disiplin"]);
        Assert.Equal(1, after.Versions["rating"]);
        Assert.Contains("TEGURAN_LISAN", after.Evaluate(new IndicatorSnapshot { TksDaysYtd = 2 }, ["disiplin"]).Events);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var audit = await conn.QuerySingleAsync<(string Actor, string Target)>(
            "select actor, target from audit where action = 'rules.publish' order by id desc limit 1");
        Assert.Equal(("hr@bkd", "disiplin@2"), audit);
    }

    [Fact]
    public async Task Publish_SameJsonAgain_NoNewVersion()
    {
        var h = await Bootstrapped();
        var report = await h.Service.PublishAsync(RulesServiceHarness.DefaultSources(), "hr", "", CancellationToken.None);
        Assert.False(report.Published);
        Assert.Empty(report.Versions);
        Assert.Equal(7, (await h.Store.ListAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Publish_InvalidCandidate_RejectedActiveStaysAndAudited()
    {
        var h = await Bootstrapped();
        var before = h.Active.Require();
        var report = await h.Service.PublishAsync(
            RulesServiceHarness.Edited("disiplin", Band3, "snapshot.TksDaysYtd == snapshot.Nip"), "hr", "", CancellationToken.None);
        Assert.False(report.Published);
        Assert.Contains(report.Issues, i => i.Rule == "teguran_lisan");
        Assert.Same(before, h.Active.Current);
        Assert.Equal(1, (await h.Store.ActiveAsync(CancellationToken.None)).Single(r => r.Workflow == "disiplin").Version);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from audit where action = 'rules.publish.rejected'"));
    }

    [Fact]
    public async Task Rollback_ToVersionOne_FlipsActiveAndAudited()
    {
        var h = await Bootstrapped();
        await h.Service.PublishAsync(RulesServiceHarness.Edited("disiplin", Band3, Band2), "hr", "", CancellationToken.None);
        var report = await h.Service.RollbackAsync("disiplin", 1, "hr@bkd", "too strict", CancellationToken.None);
        Assert.True(report.Published);
        Assert.Equal(1, h.Active.Require().Versions["disiplin"]);
        Assert.Empty(h.Active.Require().Evaluate(new IndicatorSnapshot { TksDaysYtd = 2 }, ["disiplin"]).Events);
        var rows = await h.Store.ListAsync(CancellationToken.None);
        Assert.Equal([(2, false), (1, true)], rows.Where(r => r.Workflow == "disiplin").Select(r => (r.Version, r.Active)));
        await using var conn = await db.DataSource.OpenConnectionAsync();
        Assert.Equal("disiplin@1", await conn.ExecuteScalarAsync<string>("select target from audit where action = 'rules.rollback'"));
    }

    [Fact]
    public async Task Rollback_UnknownVersion_Refused()
    {
        var h = await Bootstrapped();
        var report = await h.Service.RollbackAsync("disiplin", 42, "hr", "", CancellationToken.None);
        Assert.False(report.Published);
        Assert.NotEmpty(report.Issues);
    }

    [Fact]
    public async Task Publish_OtherProcess_ReloadsOnNotificationWithinTwoSeconds()
    {
        var a = await Bootstrapped();
        var b = new RulesServiceHarness(db.DataSource);
        await b.Service.ReloadAsync(CancellationToken.None);
        IChangeHandler handler = new RulesChangeHandler(b.Service);
        await using var listen = await db.DataSource.OpenConnectionAsync();
        var received = new TaskCompletionSource<string>();
        listen.Notification += (_, e) => received.TrySetResult(e.Payload);
        await listen.ExecuteAsync($"listen {handler.Channel}");
        await a.Service.PublishAsync(RulesServiceHarness.Edited("disiplin", Band3, Band2), "hr", "", CancellationToken.None);
        var wait = listen.WaitAsync(TimeSpan.FromSeconds(2));
        var payload = await received.Task.WaitAsync(TimeSpan.FromSeconds(2));
        Assert.Contains("\"disiplin\":2", payload);
        await handler.HandleAsync(ChangeMessages.TryParse(handler.Channel, payload)!, CancellationToken.None);
        Assert.Equal(2, b.Active.Require().Versions["disiplin"]);
    }

    /// <summary>Evaluation running while publishes happen sees either the whole old set or the whole new one.</summary>
    [Fact]
    public async Task Publish_DuringConcurrentEvaluation_EachBatchSeesOneWholeSet()
    {
        var h = await Bootstrapped();
        // v2 changes two workflows at once: both markers must move together
        var edited = RulesServiceHarness.Edited("disiplin", Band3, Band2)
            .Concat(RulesServiceHarness.Edited("tpp", "\"Expression\": \"60.0\"", "\"Expression\": \"50.0\"")).ToList();
        var snap = new IndicatorSnapshot { TksDaysYtd = 2, ActivityMinutes = 6750, ActivityTargetMinutes = 6750 };
        var batch = Enumerable.Repeat(snap, 300).ToArray();
        using var stop = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentBag<(bool NewDisiplin, double Tpp)>();
        var workers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var set = h.Active.Require();
                foreach (var o in set.EvaluateBatch(batch, 1))
                {
                    seen.Add((o.Events.Contains("TEGURAN_LISAN"), o.TppPercent!.Value));
                }
            }
        })).ToArray();
        await Task.Delay(100);
        await h.Service.PublishAsync(edited, "hr", "", CancellationToken.None);
        await Task.Delay(100);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        Assert.Contains(seen, s => !s.NewDisiplin);
        Assert.Contains(seen, s => s.NewDisiplin);
        // old set: no warning at 2 days and 100%; new set: warning and 90%; never a mix
        Assert.All(seen, s => Assert.Equal(s.NewDisiplin ? 90.0 : 100.0, s.Tpp));
    }
}
