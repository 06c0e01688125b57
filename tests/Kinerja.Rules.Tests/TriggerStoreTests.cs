using Dapper;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Hosting;
using Kinerja.Rules.Store;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Rules.Tests;

/// <summary>Triggers are stored once per (subject, period, workflow, rule) and explained on read.</summary>
public sealed class TriggerStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private async Task<(RulesServiceHarness H, RuleEvaluationService Eval, IReadOnlyList<string> Nips)> Setup(string unit, int offset)
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "pematangsiantar", unit, 3, offset);
        var h = new RulesServiceHarness(db.DataSource);
        await h.Service.BootstrapAsync(RepoPaths.Rules, "test", CancellationToken.None);
        return (h, new RuleEvaluationService(h.Active, h.Triggers, NullLogger<RuleEvaluationService>.Instance), nips);
    }

    private static IndicatorSnapshot Snap(string nip, string unit, int tks) => new()
    {
        Nip = nip, UnitId = unit, RegionId = "pematangsiantar", Period = "2026-10", TksDaysYtd = tks, TksLongestRun = 1,
        HasilKerjaAvg = 2.0, BerAkhlakAvg = 4.5,
    };

    [Fact]
    public async Task EvaluateAndStore_TwiceSameSnapshots_SecondTimeStoresNothing()
    {
        var (_, eval, nips) = await Setup("dinkes", 100);
        var snaps = nips.Select(n => Snap(n, "dinkes", 4)).ToArray();
        var first = await eval.EvaluateAndStoreAsync(snaps, null, CancellationToken.None);
        // per employee: TEGURAN_TERTULIS (disiplin) + PEMBINAAN_ATASAN (pembinaan, Butuh Perbaikan)
        Assert.Equal(nips.Count * 2, first.NewTriggers.Count);
        var second = await eval.EvaluateAndStoreAsync(snaps, null, CancellationToken.None);
        Assert.Empty(second.NewTriggers);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(nips.Count * 2, await conn.ExecuteScalarAsync<int>(
            "select count(*) from \"trigger\" where nip = any(@nips)", new { nips = nips.ToArray() }));
    }

    [Fact]
    public async Task Insert_ThousandsAtOnce_StoresAllAndNotifiesEveryTriggerWithItsNamesUnderThePayloadLimit()
    {
        // a month close stores triggers for a whole region at once; one NOTIFY naming them all would be
        // over PostgreSQL's 8000-byte limit and fail the transaction
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "pematangsiantar", "bkpsdm", 4, 400);
        var triggers = (from nip in nips
                        from month in Enumerable.Range(1, 12)
                        from rule in Enumerable.Range(1, 50)
                        select new Kinerja.Rules.Engine.Trigger
                        {
                            Kind = "REMINDER", Code = "UJI", Subject = nip, IsUnit = false, Period = $"2025-{month:00}",
                            Workflow = "uji", Version = 1, Rule = $"r{rule}", Inputs = new Dictionary<string, object?>(),
                        }).ToArray();
        await using var listener = await db.DataSource.OpenConnectionAsync();
        var payloads = new List<string>();
        listener.Notification += (_, e) => payloads.Add(e.Payload);
        await listener.ExecuteAsync("listen kinerja_triggers");

        var stored = await new TriggerStore(db.DataSource).InsertAsync(triggers, CancellationToken.None);

        Assert.Equal(triggers.Length, stored.Count);
        // about 2,400 triggers with their names make well over a hundred payloads: Npgsql delivers one per wait, so
        // each round parses only the payloads that arrived since the last (not all of them again)
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var notified = new HashSet<long>();
        var parsed = 0;
        while (notified.Count < stored.Count && DateTime.UtcNow < deadline)
        {
            await listener.WaitAsync(TimeSpan.FromSeconds(1));
            foreach (var p in payloads.Skip(parsed).ToArray())
            {
                parsed++;
                var added = Assert.IsType<Kinerja.Core.Changes.TriggersAdded>(
                    Kinerja.Core.Changes.ChangeMessages.TryParse(Kinerja.Core.Changes.ChangeChannels.Triggers, p));
                // what the feeds show travels with the ids: no listener reads the rows back
                Assert.All(added.Triggers, t => Assert.True(t is { RegionId: "pematangsiantar", EmployeeName.Length: > 0, UnitName.Length: > 0 }, t.ToString()));
                notified.UnionWith(added.Triggers.Select(t => t.Id));
            }
        }
        Assert.Equal(stored.Select(t => t.Id).ToHashSet(), notified);
        Assert.True(payloads.Count > 1);
        Assert.All(payloads, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(p) < 8000));
    }

    [Fact]
    public async Task EvaluateAndStore_NewBandLater_OnlyTheNewTriggerReturned()
    {
        var (_, eval, nips) = await Setup("dukcapil", 200);
        await eval.EvaluateAndStoreAsync([Snap(nips[1], "dukcapil", 3)], null, CancellationToken.None);
        var later = await eval.EvaluateAndStoreAsync([Snap(nips[1], "dukcapil", 5)], null, CancellationToken.None);
        var t = Assert.Single(later.NewTriggers);
        Assert.Equal(("TEGURAN_TERTULIS", "teguran_tertulis"), (t.Code, t.Rule));
        Assert.Contains("\"tksDaysYtd\": 5", t.Inputs);
    }

    [Fact]
    public async Task Recent_FilterByUnit_ExplainsWithRuleTextAndVersion()
    {
        var (_, eval, nips) = await Setup("bappeda", 300);
        await eval.EvaluateAndStoreAsync([Snap(nips[2], "bappeda", 3)], null, CancellationToken.None);
        var rows = await new TriggerQuery(db.DataSource).RecentAsync(new TriggerFilter(Unit: "bappeda", Kind: "SANCTION"), CancellationToken.None);
        var t = Assert.Single(rows);
        Assert.Equal((nips[2], "pematangsiantar", 1), (t.Nip, t.RegionId, t.Version));
        Assert.Contains("snapshot.TksDaysYtd == 3", t.Explanation!.Expression);
        Assert.Equal("pejabat_berwenang", t.Explanation.Actor);
    }

    [Fact]
    public async Task EvaluateAndStore_UnitSnapshot_StoresCalibrationOnUnit()
    {
        var (_, eval, _) = await Setup("dishub", 400);
        var unit = new UnitSnapshot
        {
            UnitId = "dishub", RegionId = "pematangsiantar", Period = "2026-10", UnitPredikat = "ISTIMEWA",
            RatedCount = 10, SangatBaikCount = 9, SangatBaikPct = 90,
        };
        var result = await eval.EvaluateAndStoreAsync([], [unit], CancellationToken.None);
        var t = Assert.Single(result.NewTriggers);
        Assert.Equal(("CALIBRATION", "dishub", null), (t.Kind, t.UnitId, t.Nip));
    }

    [Fact]
    public async Task EvaluateAndStore_RuleThrows_ErrorRecordedOthersStored()
    {
        var (h, eval, nips) = await Setup("dpmptsp", 500);
        var broken = RulesServiceHarness.Edited("pembinaan", "snapshot.Predikat == \\\"BUTUH_PERBAIKAN\\\"",
            "snapshot.HasilKerjaAvg.Value > 100 || snapshot.Predikat == \\\"BUTUH_PERBAIKAN\\\"");
        Assert.True((await h.Service.PublishAsync(broken, "hr", "", CancellationToken.None)).Published);
        var s = Snap(nips[1], "dpmptsp", 3) with { HasilKerjaAvg = null, ActivityTargetMinutes = 6750, ActivityMinutes = 100, ActivityPct = 1.5 };
        var result = await eval.EvaluateAndStoreAsync([s], null, CancellationToken.None);
        Assert.Contains(result.NewTriggers, t => t.Code == "TEGURAN_LISAN");
        await using var conn = await db.DataSource.OpenConnectionAsync();
        Assert.Equal("butuh_perbaikan", await conn.ExecuteScalarAsync<string>(
            "select rule from rule_error where subject = @nip", new { nip = nips[1] }));
    }

    [Fact]
    public async Task Insert_RulesSharingASuccessEventOrDifferingOnlyInCase_EachRuleStoresItsOwnTriggerOnce()
    {
        // RulesEngine allows both (issue 21): a trigger is identified by its rule, its code is the event
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "pematangsiantar", "bappeda", 1, 600);
        var json = """
        { "WorkflowName": "bersama", "Rules": [
          { "RuleName": "a", "SuccessEvent": "PENGINGAT", "Properties": { "kind": "REMINDER" }, "Expression": "snapshot.TksDaysYtd > 0" },
          { "RuleName": "b", "SuccessEvent": "PENGINGAT", "Properties": { "kind": "REMINDER" }, "Expression": "snapshot.TksDaysYtd > 1" },
          { "RuleName": "B", "SuccessEvent": "PENGINGAT", "Properties": { "kind": "REMINDER" }, "Expression": "snapshot.TksDaysYtd > 2" } ] }
        """;
        var (set, issues) = RuleBuilder.Compile(("bersama.json", json));
        Assert.True(set is not null, string.Join("; ", issues));
        var triggers = set.Evaluate(Snap(nips[0], "bappeda", 5)).Triggers;
        var store = new TriggerStore(db.DataSource);
        var first = await store.InsertAsync(triggers.ToArray(), CancellationToken.None);
        var again = await store.InsertAsync(triggers.ToArray(), CancellationToken.None);
        Assert.Equal(["B", "a", "b"], first.Select(t => t.Rule).Order(StringComparer.Ordinal));
        Assert.All(first, t => Assert.Equal("PENGINGAT", t.Code));
        Assert.Empty(again);
    }
}
