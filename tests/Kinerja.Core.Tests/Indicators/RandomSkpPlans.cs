using Dapper;
using Npgsql;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// Random SKP data for the "rollups == raw == live" property test (issue 17): plans of 2026 in every state (some
/// approved, some drafts, an older approved version superseded), RHK utama and tambahan, numeric indicators of the three
/// aspects (some with per-period targets, some with a zero target) and qualitative ones, realisations and assessments in
/// months and quarters with superseded history rows, so the SKP snapshot fields of both statements meet every branch.
/// </summary>
internal static class RandomSkpPlans
{
    private static readonly string[] Periods = ["2025-12", "2026-01", "2026-02", "2026-03", "2026-Q1", "2026-Q2"];
    private static readonly string[] Levels = ["di_atas", "sesuai", "di_bawah"];

    public static async Task SeedAsync(NpgsqlDataSource db, Random rng, IReadOnlyList<string> nips, string unitId, DateTimeOffset now)
    {
        await using var conn = await db.OpenConnectionAsync();
        var iku = await conn.ExecuteScalarAsync<long>("""
            insert into unit_iku (unit_id, year, code, name, target_value, target_unit) values (@unitId, 2026, 'IKU-1', 'Indikator', 100, 'persen')
            returning id
            """, new { unitId });
        foreach (var nip in nips)
        {
            if (rng.Next(4) == 0)
            {
                continue; // no plan
            }
            var versions = rng.Next(3) == 0 ? 2 : 1;
            for (var version = 1; version <= versions; version++)
            {
                var current = version == versions;
                var status = !current || rng.Next(4) > 0 ? "disetujui" : "draft";
                var planId = await conn.ExecuteScalarAsync<long>("""
                    insert into skp_plan (nip, year, version, is_current, status, unit_id, created_at, saved_at)
                    values (@nip, 2026, @version, @current, @status, @unitId, @now, @now) returning id
                    """, new { nip, version, current, status, unitId, now });
                for (var r = 0; r < rng.Next(1, 4); r++)
                {
                    var rhkId = await conn.ExecuteScalarAsync<long>("""
                        insert into skp_rhk (plan_id, position, code, kind, text, parent_iku_id)
                        values (@planId, @r, @code, @kind, 'RHK', @iku) returning id
                        """, new { planId, r = (short)r, code = "R" + r, kind = rng.Next(3) == 0 ? "tambahan" : "utama", iku });
                    foreach (var period in Periods.Where(_ => rng.Next(3) == 0))
                    {
                        await AssessAsync(conn, rng, nip, planId, rhkId, period, now);
                    }
                    for (var i = 0; i < rng.Next(1, 4); i++)
                    {
                        await IndicatorAsync(conn, rng, nip, planId, rhkId, i, now);
                    }
                }
            }
        }
    }

    private static async Task IndicatorAsync(NpgsqlConnection conn, Random rng, string nip, long planId, long rhkId, int position, DateTimeOffset now)
    {
        var numeric = rng.Next(4) > 0;
        var aspect = numeric ? (rng.Next(2) == 0 ? "kuantitas" : "waktu") : "kualitas";
        var target = rng.Next(6) == 0 ? 0 : rng.Next(1, 20);
        var periodTargets = numeric && rng.Next(2) == 0 ? $$"""{ "2026-Q1": { "value": {{rng.Next(0, 10)}}, "unit": "x" } }""" : "{}";
        var indicatorId = await conn.ExecuteScalarAsync<long>("""
            insert into skp_indicator (rhk_id, position, aspect, text, target_value, target_unit, target_text, period_targets)
            values (@rhkId, @position, @aspect, 'Indikator', @value, @unit, @text, @periodTargets::jsonb) returning id
            """, new
        {
            rhkId, position = (short)position, aspect, value = numeric ? target : (decimal?)null, unit = numeric ? "x" : null,
            text = numeric ? null : "Baik", periodTargets,
        });
        foreach (var period in Periods.Where(_ => rng.Next(2) == 0))
        {
            for (var filing = rng.Next(1, 3); filing > 0; filing--)
            {
                await conn.ExecuteAsync("""
                    update skp_realisation set is_current = false where indicator_id = @indicatorId and period = @period and is_current;
                    insert into skp_realisation (nip, event_id, plan_id, indicator_id, period, value, text, is_current, filed_at)
                    values (@nip, @eventId, @planId, @indicatorId, @period, @value, @text, true, @at)
                    """, new
                {
                    nip, eventId = Guid.NewGuid().ToString(), planId, indicatorId, period, value = numeric ? rng.Next(0, 25) : (decimal?)null,
                    text = numeric ? null : "Tercapai", at = now.AddMinutes(-rng.Next(1, 100_000)),
                });
            }
        }
    }

    private static async Task AssessAsync(NpgsqlConnection conn, Random rng, string nip, long planId, long rhkId, string period, DateTimeOffset now)
    {
        for (var filing = rng.Next(1, 3); filing > 0; filing--)
        {
            await conn.ExecuteAsync("""
                update skp_assessment set is_current = false where rhk_id = @rhkId and period = @period and is_current;
                insert into skp_assessment (assessor_nip, event_id, nip, plan_id, rhk_id, period, level, is_current, assessed_at)
                values (@nip, @eventId, @nip, @planId, @rhkId, @period, @level, true, @at)
                """, new { nip, eventId = Guid.NewGuid().ToString(), planId, rhkId, period, level = Levels[rng.Next(3)], at = now.AddMinutes(-rng.Next(1, 100_000)) });
        }
    }
}
