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
        const string RCols = "subject_kind, subject_id, period, rater_role, aspect, score_sum, score_count";
        var keptRatings = await Sql.QueryAsync<(string, string, string, string, string, long, int)>(db,
            $"select {RCols} from rating_rollup order by 1, 2, 3, 4, 5");
        var rebuiltRatings = await Sql.QueryAsync<(string, string, string, string, string, long, int)>(db,
            $"select {RCols} from ({RollupRecompute.RatingRollupSql}) x order by 1, 2, 3, 4, 5");
        Assert.Equal(rebuiltRatings, keptRatings);
    }
}
