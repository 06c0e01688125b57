using Dapper;
using Kinerja.Testing;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// employee_month (migration 0003) always equals the sum of its employee_day rows, whatever the
/// writer does: inserts, upserts, updates that change status or move minutes, deletes, a full
/// delete-and-reinsert rebuild, truncate.
/// </summary>
public class EmployeeMonthRollupTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Difference = """
        with expected as (
            select nip, date_trunc('month', day)::date as month,
                   count(*) filter (where activity_count > 0)::int as activity_days, sum(activity_count)::int as activity_count,
                   sum(minutes_pending)::int as p, sum(minutes_approved)::int as a, sum(minutes_rejected)::int as r,
                   count(*) filter (where attendance_status = 'hadir')::int as hadir,
                   count(*) filter (where attendance_status = 'terlambat')::int as terlambat,
                   count(*) filter (where attendance_status = 'tanpa_keterangan')::int as tks,
                   sum(late_minutes)::int as late
            from employee_day group by 1, 2
        ), actual as (
            select nip, month, activity_days, activity_count, minutes_pending as p, minutes_approved as a,
                   minutes_rejected as r, hadir, terlambat, tanpa_keterangan as tks, late_minutes as late
            from employee_month
            where (activity_days, activity_count, minutes_pending, minutes_approved, minutes_rejected, hadir, terlambat,
                   izin, sakit, cuti, dinas_luar, tanpa_keterangan, late_minutes) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        )
        select count(*) from ((select * from expected except select * from actual)
                              union all (select * from actual except select * from expected)) d
        """;

    [Fact]
    public async Task Writes_OfEveryKind_KeepTheMonthEqualToItsDays()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "em", "em-u", 2, 6000);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        async Task AssertConsistent(string step) =>
            Assert.True(await conn.ExecuteScalarAsync<long>(Difference) == 0, $"employee_month differs after {step}");

        await Rollups.DayAsync(db.DataSource, nips[0], "2026-03-02", approved: 100, attendance: "hadir");
        await Rollups.DayAsync(db.DataSource, nips[0], "2026-03-31", pending: 50, attendance: "terlambat", late: 7);
        await Rollups.DayAsync(db.DataSource, nips[1], "2026-04-01", rejected: 30, attendance: "tanpa_keterangan");
        await AssertConsistent("inserts");

        await Rollups.DayAsync(db.DataSource, nips[0], "2026-03-31", approved: 50, attendance: "hadir"); // upsert: review + new status
        await conn.ExecuteAsync("update employee_day set minutes_approved = minutes_approved + 5, activity_count = activity_count + 1");
        await conn.ExecuteAsync("update employee_day set day = '2026-04-02' where nip = @nip and day = '2026-03-02'", new { nip = nips[0] });
        await AssertConsistent("updates");

        await conn.ExecuteAsync("delete from employee_day where nip = @nip", new { nip = nips[1] });
        await AssertConsistent("delete");

        await conn.ExecuteAsync("""
            create temp table saved as select * from employee_day;
            delete from employee_day;
            insert into employee_day select * from saved;
            """);
        await AssertConsistent("delete-and-reinsert rebuild");
        var march = await conn.ExecuteScalarAsync<int>(
            "select minutes_approved + minutes_pending from employee_month where nip = @nip and month = '2026-03-01'", new { nip = nips[0] });
        Assert.Equal(55, march);

        await conn.ExecuteAsync("truncate employee_day cascade");
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from employee_month"));
    }
}
