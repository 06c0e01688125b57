using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Indicators.Live;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// A committed SKP assessment reaches the live model (issue 17): the change names only the employee and no activity
/// figure moved, so without the SKP stamp in the live signature the cheap activity-only update would keep the old plan
/// fields.
/// </summary>
public class LiveSkpTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task ApplyAsync_AssessmentOnly_RecomputesThePlanFields()
    {
        var a = await TestData.SeedUnitWithStaffAsync(db.DataSource, "live-skp", "live-skp-u", 2, 9300);
        var time = SettableTime.AtWib(2026, 3, 18);
        var queries = Rollups.Queries(db.DataSource, time);
        var live = new LiveIndicators(queries, queries.CalendarsForTests, time, NullLogger<LiveIndicators>.Instance);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var rhk = await conn.ExecuteScalarAsync<long>("""
            with iku as (
                insert into unit_iku (unit_id, year, code, name, target_value, target_unit)
                values ('live-skp-u', 2026, 'IKU-1', 'IKU', 100, 'persen') returning id
            ), plan as (
                insert into skp_plan (nip, year, version, is_current, status, unit_id, created_at, saved_at)
                values (@nip, 2026, 1, true, 'disetujui', 'live-skp-u', now(), now()) returning id
            )
            insert into skp_rhk (plan_id, position, code, kind, text, parent_iku_id)
            select plan.id, 0, 'U1', 'utama', 'RHK U1', iku.id from plan, iku returning id
            """, new { nip = a[1] });
        await live.LoadAllAsync();
        Assert.Equal((true, 1, 0), (live.Employee(a[1])!.SkpPlanApproved, live.Employee(a[1])!.SkpRhkUtama, live.Employee(a[1])!.SkpRhkAssessed));

        await conn.ExecuteAsync("""
            insert into skp_assessment (assessor_nip, event_id, nip, plan_id, rhk_id, period, level, is_current, assessed_at)
            select @boss, 'live-1', @nip, r.plan_id, r.id, '2026-03', 'di_atas', true, now() from skp_rhk r where r.id = @rhk
            """, new { boss = a[0], nip = a[1], rhk });
        await live.ApplyAsync(new EventsChanged { Nips = [a[1]], Units = ["live-skp-u"], Regions = ["live-skp"] });

        var after = live.Employee(a[1])!;
        Assert.Equal((1, 1, 1), (after.SkpRhkAssessed, after.SkpRhkUtamaAssessed, after.SkpRhkUtamaDiAtas));
    }
}
