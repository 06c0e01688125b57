using Kinerja.Ingest.Pipeline;
using Npgsql;

namespace Kinerja.Ingest.Tests.Support;

/// <summary>Compares the incrementally kept rollups and statuses with those recomputed from the raw streams.</summary>
internal static class RollupAssert
{
    public static async Task MatchesRebuildAsync(NpgsqlDataSource db)
    {
        var statuses = await Sql.QueryAsync<(Guid, string)>(db, $"""
            select s.event_id, s.status from ({RollupRebuilder.ActivityStatusSql}) s
            join activity a on a.event_id = s.event_id where a.status <> s.status
            """);
        Assert.Empty(statuses);
        const string Cols = "nip::text, day, activity_count, minutes_pending, minutes_approved, minutes_rejected, coalesce(attendance_status, '-'), late_minutes";
        var kept = await Sql.QueryAsync<(string, DateOnly, int, int, int, int, string, int)>(db,
            $"select {Cols} from employee_day order by 1, 2");
        var rebuilt = await Sql.QueryAsync<(string, DateOnly, int, int, int, int, string, int)>(db,
            $"select {Cols} from ({RollupRebuilder.EmployeeDaySql}) x order by 1, 2");
        Assert.Equal(rebuilt, kept);
        const string RCols = "subject_kind, subject_id, period, rater_role, aspect, score_sum, score_count";
        var keptRatings = await Sql.QueryAsync<(string, string, string, string, string, long, int)>(db,
            $"select {RCols} from rating_rollup order by 1, 2, 3, 4, 5");
        var rebuiltRatings = await Sql.QueryAsync<(string, string, string, string, string, long, int)>(db,
            $"select {RCols} from ({RollupRebuilder.RatingRollupSql}) x order by 1, 2, 3, 4, 5");
        Assert.Equal(rebuiltRatings, keptRatings);
    }
}
