using Dapper;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Hosting;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Rules.Tests.FollowUp;

/// <summary>
/// A trigger that no longer holds after a rule change marks its open item <c>perlu_ditinjau</c> (never deleted); a data
/// change under the same rules, a rule that still holds and a finished item are left alone.
/// </summary>
public sealed class FollowUpReviewTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Region = "sorong";

    private static IndicatorSnapshot Snap(string nip, string unit, int tks) => new()
    {
        Nip = nip, UnitId = unit, RegionId = Region, Period = "2026-05", TksDaysYtd = tks, TksLongestRun = 1,
        HasilKerjaAvg = 2.0, BerAkhlakAvg = 4.5,
    };

    private async Task<Dictionary<string, string>> StatesAsync(string nip)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<(string Code, string State)>(
            "select code, state from followup where nip = @nip", new { nip })).ToDictionary(r => r.Code, r => r.State);
    }

    [Fact]
    public async Task RuleChange_TriggerNoLongerHolds_OpenItemMarkedForReviewWithHistory()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, Region, "fu-review", 3, 9400);
        var h = new RulesServiceHarness(db.DataSource);
        await h.Service.BootstrapAsync(RepoPaths.Rules, "test", CancellationToken.None);
        var eval = new RuleEvaluationService(h.Active, h.Triggers, NullLogger<RuleEvaluationService>.Instance);
        // three staff with 3 TKS days: TEGURAN_LISAN (disiplin) and PEMBINAAN_ATASAN (pembinaan) each
        await eval.EvaluateAndStoreAsync(nips.Skip(1).Select(n => Snap(n, "fu-review", 3)).ToArray(), null, CancellationToken.None);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("update followup set state = 'selesai' where nip = @nip and code = 'TEGURAN_LISAN'", new { nip = nips[3] });
        await conn.ExecuteAsync("update followup set state = 'diproses' where nip = @nip and code = 'TEGURAN_LISAN'", new { nip = nips[2] });

        // the data moves under the same rules (4 days now): the 3-day warning no longer fires, but nothing changed in the rules
        await eval.EvaluateAndStoreAsync([Snap(nips[1], "fu-review", 4)], null, CancellationToken.None);
        Assert.Equal("baru", (await StatesAsync(nips[1]))["TEGURAN_LISAN"]);

        // HR changes the rule: a warning from 5 days on
        var edited = RulesServiceHarness.Edited("disiplin", "snapshot.TksDaysYtd == 3", "snapshot.TksDaysYtd == 5");
        Assert.True((await h.Service.PublishAsync(edited, "hr", "", CancellationToken.None)).Published);
        await eval.EvaluateAndStoreAsync(nips.Skip(1).Select(n => Snap(n, "fu-review", 3)).ToArray(), null, CancellationToken.None);

        Assert.Equal(new Dictionary<string, string> { ["TEGURAN_LISAN"] = "perlu_ditinjau", ["PEMBINAAN_ATASAN"] = "baru" },
            await StatesAsync(nips[2]));
        Assert.Equal("selesai", (await StatesAsync(nips[3]))["TEGURAN_LISAN"]);
        var history = await conn.QueryAsync<(string Actor, string From, string To, string Note)>("""
            select h.actor, h.from_state, h.to_state, h.note from followup_history h join followup f on f.id = h.followup_id
            where f.nip = @nip and f.code = 'TEGURAN_LISAN' and h.to_state = 'perlu_ditinjau'
            """, new { nip = nips[2] });
        var row = Assert.Single(history);
        Assert.Equal(("rules", "diproses"), (row.Actor, row.From));
        Assert.Contains("disiplin versi 2", row.Note);
        // the trigger and item stay
        Assert.Equal(3, await conn.ExecuteScalarAsync<int>(
            "select count(*) from followup where code = 'TEGURAN_LISAN' and nip = any(@nips)", new { nips = nips.ToArray() }));
    }
}
