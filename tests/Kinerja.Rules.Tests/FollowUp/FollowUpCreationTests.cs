using Dapper;
using Kinerja.Core.Indicators;
using Kinerja.Rules.FollowUp;
using Kinerja.Rules.Hosting;
using Kinerja.Rules.Store;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Rules.Tests.FollowUp;

/// <summary>
/// Follow-up items are created with their trigger, once, assigned by the rule's actor and due by the rule's
/// <c>dueDays</c> or the kind's default, counted in the region's calendar.
/// </summary>
public sealed class FollowUpCreationTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Region = "manokwari";

    private static IndicatorSnapshot Snap(string nip, string unit, int tks, string period = "2026-04") => new()
    {
        Nip = nip, UnitId = unit, RegionId = Region, Period = period, TksDaysYtd = tks, TksLongestRun = 1,
        HasilKerjaAvg = 2.0, BerAkhlakAvg = 4.5,
    };

    private async Task<IReadOnlyList<FollowUpRow>> ItemsAsync(string nip)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<FollowUpRow>("""
            select f.id, f.code, f.title, f.actor, trim(f.assignee_nip) as assigneeNip, f.state, f.due_date as dueDate,
                   (select count(*) from followup_history h where h.followup_id = f.id) as historyCount
            from followup f where f.nip = @nip order by f.code
            """, new { nip })).AsList();
    }

    [Fact]
    public async Task EvaluateAndStore_ActorRules_OneItemPerTriggerAlsoAfterReEvaluation()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, Region, "fu-dinkes", 1, 9100, "Asia/Jayapura");
        var h = new RulesServiceHarness(db.DataSource);
        await h.Service.BootstrapAsync(RepoPaths.Rules, "test", CancellationToken.None);
        var eval = new RuleEvaluationService(h.Active, h.Triggers, NullLogger<RuleEvaluationService>.Instance);

        var first = await eval.EvaluateAndStoreAsync([Snap(nips[1], "fu-dinkes", 4)], null, CancellationToken.None);
        await eval.EvaluateAndStoreAsync([Snap(nips[1], "fu-dinkes", 4)], null, CancellationToken.None);
        // a second process (its own store, no memory of the first) evaluating the same snapshot
        var other = new RuleEvaluationService(h.Active, new TriggerStore(db.DataSource), NullLogger<RuleEvaluationService>.Instance);
        await other.EvaluateAndStoreAsync([Snap(nips[1], "fu-dinkes", 4)], null, CancellationToken.None);

        Assert.Equal(2, first.NewTriggers.Count);
        var items = await ItemsAsync(nips[1]);
        Assert.Equal(["PEMBINAAN_ATASAN", "TEGURAN_TERTULIS"], items.Select(i => i.Code));
        var coaching = items[0];
        Assert.Equal(("atasan", nips[0], "baru", 1L), (coaching.Actor, coaching.AssigneeNip, coaching.State, coaching.HistoryCount));
        Assert.Equal("Pembinaan dan umpan balik berkelanjutan oleh atasan langsung", coaching.Title);
        var sanction = items[1];
        Assert.Equal(("pejabat_berwenang", null), (sanction.Actor, sanction.AssigneeNip));
    }

    [Fact]
    public async Task Insert_EachActor_ResolvesItsAssignee()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, Region, "fu-bappeda", 1, 9200, "Asia/Jayapura");
        var orphan = TestNips.Make(9210);
        await TestData.SeedEmployeeAsync(db.DataSource, orphan, "fu-bappeda");
        var json = """
        { "WorkflowName": "pelaku", "Rules": [
          { "RuleName": "ke_atasan", "SuccessEvent": "A", "Properties": { "kind": "COACHING", "actor": "atasan", "action": "Bina" }, "Expression": "true" },
          { "RuleName": "ke_kepala", "SuccessEvent": "K", "Properties": { "kind": "REWARD", "actor": "kepala_unit" }, "Expression": "true" },
          { "RuleName": "ke_sdm", "SuccessEvent": "S", "Properties": { "kind": "REWARD", "actor": "bkpsdm" }, "Expression": "true" },
          { "RuleName": "ke_pejabat", "SuccessEvent": "P", "Properties": { "kind": "SANCTION", "actor": "pejabat_berwenang" }, "Expression": "true" },
          { "RuleName": "ke_pegawai", "SuccessEvent": "G", "Properties": { "kind": "COACHING", "actor": "pegawai" }, "Expression": "true" },
          { "RuleName": "tanpa_pelaku", "SuccessEvent": "T", "Properties": { "kind": "REMINDER" }, "Expression": "true" } ] }
        """;
        var (set, issues) = RuleBuilder.Compile(("pelaku.json", json));
        Assert.True(set is not null, string.Join("; ", issues));
        var store = new TriggerStore(db.DataSource);

        await store.InsertAsync(set.Evaluate(Snap(nips[1], "fu-bappeda", 0)).Triggers.ToArray(), CancellationToken.None);
        await store.InsertAsync(set.Evaluate(Snap(orphan, "fu-bappeda", 0)).Triggers.ToArray(), CancellationToken.None);

        var staff = (await ItemsAsync(nips[1])).ToDictionary(i => i.Code, i => (i.Actor, i.AssigneeNip));
        Assert.Equal(new Dictionary<string, (string, string?)>
        {
            ["A"] = ("atasan", nips[0]), ["K"] = ("kepala_unit", nips[0]), ["S"] = ("bkpsdm", null),
            ["P"] = ("pejabat_berwenang", null), ["G"] = ("pegawai", nips[1]),
        }, staff);
        // no superior: the superior's items go to HR of the region
        var alone = (await ItemsAsync(orphan)).ToDictionary(i => i.Code, i => i.AssigneeNip);
        Assert.Null(alone["A"]);
        Assert.Null(alone["K"]);
        Assert.Equal(orphan, alone["G"]);
        Assert.Equal("Bina", (await ItemsAsync(nips[1])).Single(i => i.Code == "A").Title);
        Assert.Equal("K", (await ItemsAsync(nips[1])).Single(i => i.Code == "K").Title);
    }

    [Fact]
    public async Task Create_DueDate_IsTheRegionsLocalDayPlusRuleOrKindDays()
    {
        // 20:00 UTC on 10 March is already 11 March 05:00 in Papua (WIT): due dates count from 11 March
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, Region, "fu-dishub", 1, 9300, "Asia/Jayapura");
        var json = """
        { "WorkflowName": "tenggat", "Rules": [
          { "RuleName": "dari_aturan", "SuccessEvent": "R", "Properties": { "kind": "COACHING", "actor": "atasan", "dueDays": "5" }, "Expression": "true" },
          { "RuleName": "hadiah", "SuccessEvent": "H", "Properties": { "kind": "REWARD", "actor": "bkpsdm" }, "Expression": "true" },
          { "RuleName": "bina", "SuccessEvent": "B", "Properties": { "kind": "COACHING", "actor": "atasan" }, "Expression": "true" },
          { "RuleName": "sanksi", "SuccessEvent": "S", "Properties": { "kind": "SANCTION", "actor": "bkpsdm" }, "Expression": "true" },
          { "RuleName": "ingat", "SuccessEvent": "I", "Properties": { "kind": "REMINDER", "actor": "pegawai" }, "Expression": "true" } ] }
        """;
        var (set, issues) = RuleBuilder.Compile(("tenggat.json", json));
        Assert.True(set is not null, string.Join("; ", issues));
        var triggers = set.Evaluate(Snap(nips[1], "fu-dishub", 0, "2026-03")).Triggers.ToArray();
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var stored = new List<StoredTrigger>();
        foreach (var t in triggers)
        {
            var id = await conn.ExecuteScalarAsync<long>("""
                insert into "trigger" (kind, code, nip, period, workflow, version, rule, fired_at)
                values (@Kind, @Code, @Subject, @Period, @Workflow, @Version, @Rule, '2026-03-10 20:00:00+00') returning id
                """, t, tx);
            stored.Add(new StoredTrigger { Id = id, Nip = t.Subject, Period = t.Period, Workflow = t.Workflow, Rule = t.Rule, Kind = t.Kind, Code = t.Code });
        }
        var options = new FollowUpOptions();
        options.DueDays["REMINDER"] = 3;
        await FollowUpItems.CreateAsync(conn, tx, stored, triggers, options, [], CancellationToken.None);
        await tx.CommitAsync();

        var due = (await ItemsAsync(nips[1])).ToDictionary(i => i.Code, i => i.DueDate);
        Assert.Equal(new Dictionary<string, DateOnly>
        {
            ["R"] = new(2026, 3, 16), ["H"] = new(2026, 4, 10), ["B"] = new(2026, 3, 25), ["S"] = new(2026, 4, 10),
            ["I"] = new(2026, 3, 14),
        }, due);
    }

    [Theory]
    [InlineData("\"0\"")]
    [InlineData("\"dua minggu\"")]
    [InlineData("\"400\"")]
    public void Compile_BadDueDays_IsAClearIssue(string value)
    {
        var json = RuleBuilder.OneRule("tenggat_salah", "true", extra: "\"Properties\": { \"kind\": \"COACHING\", \"actor\": \"atasan\", \"dueDays\": " + value + " },");
        var (set, issues) = RuleBuilder.Compile(("tenggat_salah.json", json));
        Assert.Null(set);
        Assert.Contains(issues, i => i.ToString().Contains("Properties.dueDays") && i.ToString().Contains("1 to 366"));
    }

    private sealed record FollowUpRow(long Id, string Code, string Title, string Actor, string? AssigneeNip, string State,
        DateOnly DueDate, long HistoryCount);
}
