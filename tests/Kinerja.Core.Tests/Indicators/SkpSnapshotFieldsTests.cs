using Dapper;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Testing;
using Npgsql;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// The SKP plan fields of the employee snapshot (issue 17) computed from stored plan, assessment and realisation rows
/// (migrations 0019 and 0021): only the approved current plan of the period's year counts, the newest current
/// assessment per RHK among the periods inside or around the snapshot's, superseded rows are history only, and the
/// quantitative achievement is realisation ÷ (period or annual) target capped at 120%, waktu inverted.
/// "Today" is 18 March 2026 WIB.
/// </summary>
public class SkpSnapshotFieldsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private readonly SettableTime _time = SettableTime.AtWib(2026, 3, 18);

    private async Task<long> PlanAsync(NpgsqlConnection conn, string nip, string unit, int year, string status, bool current = true, int version = 1) =>
        await conn.ExecuteScalarAsync<long>("""
            insert into skp_plan (nip, year, version, is_current, status, unit_id, created_at, saved_at)
            values (@nip, @year, @version, @current, @status, @unit, now(), now()) returning id
            """, new { nip, year, version, current, status, unit });

    private static Task<long> RhkAsync(NpgsqlConnection conn, long planId, long ikuId, string code, string kind) =>
        conn.ExecuteScalarAsync<long>("""
            insert into skp_rhk (plan_id, position, code, kind, text, parent_iku_id)
            values (@planId, 0, @code, @kind, 'RHK ' || @code, @ikuId) returning id
            """, new { planId, code, kind, ikuId });

    private static Task<long> IndicatorAsync(NpgsqlConnection conn, long rhkId, string aspect, decimal? target, string periodTargets = "{}") =>
        conn.ExecuteScalarAsync<long>("""
            insert into skp_indicator (rhk_id, position, aspect, text, target_value, target_unit, target_text, period_targets)
            values (@rhkId, 0, @aspect, 'Indikator', @target, case when @target is null then null else 'laporan' end,
                    case when @target is null then 'Tanpa revisi' end, @periodTargets::jsonb) returning id
            """, new { rhkId, aspect, target, periodTargets });

    private static Task AssessAsync(NpgsqlConnection conn, string nip, string boss, long planId, long rhkId, string period, string level,
        bool current, string at) =>
        conn.ExecuteAsync("""
            insert into skp_assessment (assessor_nip, event_id, nip, plan_id, rhk_id, period, level, is_current, assessed_at)
            values (@boss, gen_random_uuid()::text, @nip, @planId, @rhkId, @period, @level, @current, @at::timestamptz)
            """, new { boss, nip, planId, rhkId, period, level, current, at });

    private static Task RealiseAsync(NpgsqlConnection conn, string nip, long planId, long indicatorId, string period, decimal? value,
        bool current = true, string? text = null) =>
        conn.ExecuteAsync("""
            insert into skp_realisation (nip, event_id, plan_id, indicator_id, period, value, text, is_current, filed_at)
            values (@nip, gen_random_uuid()::text, @planId, @indicatorId, @period, @value, @text, @current, now())
            """, new { nip, planId, indicatorId, period, value, text, current });

    [Fact]
    public async Task EmployeesAsync_ApprovedPlanWithAssessmentsAndRealisations_FillsThePlanFields()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "skp-snap", "skp-snap-u", 4, 9100);
        var (boss, planned, submitted, lastYear, none) = (nips[0], nips[1], nips[2], nips[3], nips[4]);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var iku = await conn.ExecuteScalarAsync<long>("""
            insert into unit_iku (unit_id, year, code, name, target_value, target_unit) values ('skp-snap-u', 2026, 'IKU-1', 'IKU', 100, 'persen')
            returning id
            """);
        var plan = await PlanAsync(conn, planned, "skp-snap-u", 2026, "disetujui");
        var u1 = await RhkAsync(conn, plan, iku, "U1", "utama");
        var u2 = await RhkAsync(conn, plan, iku, "U2", "utama");
        var t1 = await RhkAsync(conn, plan, iku, "T1", "tambahan");
        // U1: sesuai in March, then reassessed di_atas (the first one kept as history)
        await AssessAsync(conn, planned, boss, plan, u1, "2026-03", "sesuai", current: false, "2026-03-10T09:00:00+07:00");
        await AssessAsync(conn, planned, boss, plan, u1, "2026-03", "di_atas", current: true, "2026-03-11T09:00:00+07:00");
        // U2: assessed for the quarter; T1: di_bawah in February only
        await AssessAsync(conn, planned, boss, plan, u2, "2026-Q1", "sesuai", current: true, "2026-03-12T09:00:00+07:00");
        await AssessAsync(conn, planned, boss, plan, t1, "2026-02", "di_bawah", current: true, "2026-02-27T09:00:00+07:00");
        // quantitative: 2 of a March target 4 (50%); 30 of an annual 12 (capped 120%); waktu 3 of 6 (faster: capped 120%)
        var march = await IndicatorAsync(conn, u1, "kuantitas", 10, """{ "2026-03": { "value": 4, "unit": "laporan" } }""");
        var annual = await IndicatorAsync(conn, u2, "kuantitas", 12);
        var waktu = await IndicatorAsync(conn, t1, "waktu", 6);
        var quality = await IndicatorAsync(conn, u2, "kualitas", null);
        await RealiseAsync(conn, planned, plan, march, "2026-03", 100, current: false);
        await RealiseAsync(conn, planned, plan, march, "2026-03", 2);
        await RealiseAsync(conn, planned, plan, annual, "2026-Q1", 30);
        await RealiseAsync(conn, planned, plan, waktu, "2026-03", 3);
        await RealiseAsync(conn, planned, plan, quality, "2026-03", null, text: "Diterima");
        // a plan waiting for approval, and an approved plan of another year, count as no approved plan
        var waiting = await PlanAsync(conn, submitted, "skp-snap-u", 2026, "diajukan");
        await RhkAsync(conn, waiting, iku, "W1", "utama");
        var old = await PlanAsync(conn, lastYear, "skp-snap-u", 2025, "disetujui");
        await conn.ExecuteAsync("insert into unit_iku (unit_id, year, code, name, target_value, target_unit) values ('skp-snap-u', 2025, 'IKU-1', 'IKU', 100, 'persen')");
        await RhkAsync(conn, old, await conn.ExecuteScalarAsync<long>("select id from unit_iku where unit_id = 'skp-snap-u' and year = 2025"), "L1", "utama");

        var queries = Rollups.Queries(db.DataSource, _time);
        var month = (await queries.EmployeesAsync(Period.Month(2026, 3), EmployeeFilter.Unit("skp-snap-u"))).ToDictionary(s => s.Nip);
        var s = month[planned];
        Assert.True(s.SkpPlanApproved);
        Assert.Equal((3, 2, 1, 1, 0), (s.SkpRhkCount, s.SkpRhkAssessed, s.SkpRhkDiAtas, s.SkpRhkSesuai, s.SkpRhkDiBawah));
        Assert.Equal((2, 2, 1, 0), (s.SkpRhkUtama, s.SkpRhkUtamaAssessed, s.SkpRhkUtamaDiAtas, s.SkpRhkUtamaDiBawah));
        Assert.Equal(Math.Round((50 + 120 + 120) / 3.0, 2), s.SkpQuantAchievement);
        foreach (var other in new[] { submitted, lastYear, none, boss })
        {
            Assert.False(month[other].SkpPlanApproved, other);
            Assert.Equal((0, 0, (double?)null), (month[other].SkpRhkCount, month[other].SkpRhkAssessed, month[other].SkpQuantAchievement));
        }

        // the quarter reads its months too: T1's February di_bawah now counts
        var quarter = await queries.EmployeeAsync(planned, Period.Quarter(2026, 1));
        Assert.Equal((3, 1, 1, 1), (quarter!.SkpRhkAssessed, quarter.SkpRhkDiAtas, quarter.SkpRhkSesuai, quarter.SkpRhkDiBawah));
        // a single employee's read (the NIP filter) gives the same fields as the unit read
        var one = await queries.EmployeeAsync(planned, Period.Month(2026, 3));
        Assert.Equal((s.SkpRhkAssessed, s.SkpRhkDiAtas, s.SkpQuantAchievement), (one!.SkpRhkAssessed, one.SkpRhkDiAtas, one.SkpQuantAchievement));
        // February: U1 and U2 (the quarter) are read, T1 di_bawah in February, the March realisations not
        var february = await queries.EmployeeAsync(planned, Period.Month(2026, 2));
        Assert.Equal((2, 0, 1, 1), (february!.SkpRhkAssessed, february.SkpRhkDiAtas, february.SkpRhkSesuai, february.SkpRhkDiBawah));
        Assert.Equal(120, february.SkpQuantAchievement);
    }
}
