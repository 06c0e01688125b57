using Kinerja.Ingest.Pipeline;
using Npgsql;

namespace Kinerja.Ingest.Tests.Support;

/// <summary>Compares the incrementally kept rollups and statuses with those recomputed from the raw streams.</summary>
internal static class RollupAssert
{
    public static async Task MatchesRebuildAsync(NpgsqlDataSource db)
    {
        var statuses = await Sql.QueryAsync<(Guid, string)>(db, $"""
            select s.event_id, s.status from ({RollupRecompute.ActivityStatusSql}) s
            join activity a on a.event_id = s.event_id where a.status <> s.status
            """);
        Assert.Empty(statuses);
        const string Cols = "nip::text, day, activity_count, minutes_pending, minutes_approved, minutes_rejected, coalesce(attendance_status, '-'), late_minutes";
        var kept = await Sql.QueryAsync<(string, DateOnly, int, int, int, int, string, int)>(db,
            $"select {Cols} from employee_day order by 1, 2");
        var rebuilt = await Sql.QueryAsync<(string, DateOnly, int, int, int, int, string, int)>(db,
            $"select {Cols} from ({RollupRecompute.EmployeeDaySql}) x order by 1, 2");
        Assert.Equal(rebuilt, kept);
        // employee_month (0003) must stay the sum of its days
        const string MCols = """
            nip::text, month, activity_days, activity_count, minutes_pending, minutes_approved, minutes_rejected,
            hadir + terlambat + izin + sakit + cuti + dinas_luar + tanpa_keterangan, late_minutes
            """;
        var months = await Sql.QueryAsync<(string, DateOnly, int, int, int, int, int, int, int)>(db, $"""
            select {MCols} from employee_month
            where activity_count <> 0 or minutes_pending + minutes_approved + minutes_rejected <> 0
               or hadir + terlambat + izin + sakit + cuti + dinas_luar + tanpa_keterangan <> 0
            order by 1, 2
            """);
        var monthsFromDays = await Sql.QueryAsync<(string, DateOnly, int, int, int, int, int, int, int)>(db, """
            select nip::text, date_trunc('month', day)::date, (count(*) filter (where activity_count > 0))::int,
                   sum(activity_count)::int, sum(minutes_pending)::int, sum(minutes_approved)::int, sum(minutes_rejected)::int,
                   (count(*) filter (where attendance_status is not null))::int, sum(late_minutes)::int
            from employee_day group by 1, 2
            having sum(activity_count) <> 0 or sum(minutes_pending + minutes_approved + minutes_rejected) <> 0
                or count(*) filter (where attendance_status is not null) <> 0
            order by 1, 2
            """);
        Assert.Equal(monthsFromDays, months);
        // the day's attendance detail and the month's detail counters (0030) follow the same rules
        const string DCols = "nip::text, day, early_leave_minutes, coalesce(apel::text, '-'), coalesce(leave_type, '-')";
        var keptDetail = await Sql.QueryAsync<(string, DateOnly, int, string, string)>(db, $"select {DCols} from employee_day order by 1, 2");
        var rebuiltDetail = await Sql.QueryAsync<(string, DateOnly, int, string, string)>(db,
            $"select {DCols} from ({RollupRecompute.EmployeeDaySql}) x order by 1, 2");
        Assert.Equal(rebuiltDetail, keptDetail);
        const string Counters = """
            array[late_days_1_30, late_days_31_60, late_days_61_90, late_days_over_90, early_leave_days, early_leave_minutes,
                  apel_missed_days, leave_tahunan, leave_besar, leave_sakit, leave_melahirkan, leave_alasan_penting,
                  leave_bersama, leave_luar_tanggungan, leave_izin]::text
            """;
        var monthDetail = await Sql.QueryAsync<(string, DateOnly, string)>(db, $$"""
            select nip::text, month, {{Counters}} from employee_month where {{Counters}} <> '{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}' order by 1, 2
            """);
        var monthDetailFromDays = await Sql.QueryAsync<(string, DateOnly, string)>(db, """
            select nip::text, month, c::text from (
                select nip, date_trunc('month', day)::date as month,
                       array[count(*) filter (where late_minutes between 1 and 30), count(*) filter (where late_minutes between 31 and 60),
                             count(*) filter (where late_minutes between 61 and 90), count(*) filter (where late_minutes > 90),
                             count(*) filter (where early_leave_minutes > 0), sum(early_leave_minutes),
                             count(*) filter (where apel is false), count(*) filter (where leave_type = 'tahunan'),
                             count(*) filter (where leave_type = 'besar'), count(*) filter (where leave_type = 'sakit'),
                             count(*) filter (where leave_type = 'melahirkan'), count(*) filter (where leave_type = 'alasan_penting'),
                             count(*) filter (where leave_type = 'bersama'), count(*) filter (where leave_type = 'luar_tanggungan'),
                             count(*) filter (where leave_type = 'izin')]::int[] as c
                from employee_day group by 1, 2) x
            where c <> '{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}'
            order by 1, 2
            """);
        Assert.Equal(monthDetailFromDays, monthDetail);
        const string RCols = "subject_kind, subject_id, period, rater_role, aspect, score_sum, score_count";
        var keptRatings = await Sql.QueryAsync<(string, string, string, string, string, long, int)>(db,
            $"select {RCols} from rating_rollup order by 1, 2, 3, 4, 5");
        var rebuiltRatings = await Sql.QueryAsync<(string, string, string, string, string, long, int)>(db,
            $"select {RCols} from ({RollupRecompute.RatingRollupSql}) x order by 1, 2, 3, 4, 5");
        Assert.Equal(rebuiltRatings, keptRatings);
    }
}
