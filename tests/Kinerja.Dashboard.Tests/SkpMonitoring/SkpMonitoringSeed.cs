using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Tests.SkpMonitoring;

/// <summary>SKP plans, realisations and assessments written straight with SQL, at the times a test names.</summary>
internal static class SkpMonitoringSeed
{
    /// <summary>A plan version of <paramref name="nip"/> in <paramref name="year"/> with one RHK and one indicator; returns (plan, rhk, indicator).</summary>
    public static async Task<(long Plan, long Rhk, long Indicator)> PlanAsync(NpgsqlDataSource db, string nip, string unitId, int year,
        string status, int version = 1, bool current = true)
    {
        await using var conn = await db.OpenConnectionAsync();
        var at = new DateTimeOffset(year, 1, 10, 0, 0, 0, TimeSpan.Zero);
        var plan = await conn.ExecuteScalarAsync<long>("""
            insert into skp_plan (nip, year, version, is_current, status, unit_id, created_at, saved_at)
            values (@nip, @year, @version, @current, @status, @unitId, @at, @at) returning id
            """, new { nip, year = (short)year, version, current, status, unitId, at });
        var rhk = await conn.ExecuteScalarAsync<long>("""
            insert into skp_rhk (plan_id, position, code, kind, text, parent_iku_id)
            values (@plan, 0, 'R1', 'utama', 'Rencana hasil kerja uji', (select id from unit_iku where unit_id = @unitId and year = @year order by id limit 1))
            returning id
            """, new { plan, unitId, year = (short)year });
        var indicator = await conn.ExecuteScalarAsync<long>("""
            insert into skp_indicator (rhk_id, position, aspect, text, target_value, target_unit)
            values (@rhk, 0, 'kuantitas', 'Jumlah laporan', 12, 'laporan') returning id
            """, new { rhk });
        return (plan, rhk, indicator);
    }

    public static async Task RealisationAsync(NpgsqlDataSource db, string nip, (long Plan, long Rhk, long Indicator) plan, string period,
        DateTimeOffset filedAt)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into skp_realisation (nip, event_id, plan_id, indicator_id, period, value, is_current, filed_at)
            values (@nip, gen_random_uuid()::text, @Plan, @Indicator, @period, 3, true, @filedAt)
            """, new { nip, plan.Plan, plan.Indicator, period, filedAt });
    }

    public static async Task AssessmentAsync(NpgsqlDataSource db, string assessor, string nip, (long Plan, long Rhk, long Indicator) plan,
        string period, DateTimeOffset assessedAt)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into skp_assessment (assessor_nip, event_id, nip, plan_id, rhk_id, period, level, is_current, assessed_at)
            values (@assessor, gen_random_uuid()::text, @nip, @Plan, @Rhk, @period, 'sesuai', true, @assessedAt)
            """, new { assessor, nip, plan.Plan, plan.Rhk, period, assessedAt });
    }

    public static async Task IkuAsync(NpgsqlDataSource db, string unitId, int year, params string[] codes)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into unit_iku (unit_id, year, code, name, target_value, target_unit)
            select @unitId, @year, c, 'Indikator ' || c, 100, 'persen' from unnest(@codes) c
            """, new { unitId, year = (short)year, codes });
    }

    public static async Task LeaveAsync(NpgsqlDataSource db, string nip)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("update employee set active = false where nip = @nip", new { nip });
    }
}
