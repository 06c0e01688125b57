using Dapper;
using Kinerja.Core.Survey;
using Npgsql;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// The official IKM per month from the survey sums (<c>survey_rollup</c>) for the boards' IKM trend: a unit with its own
/// weights, a region pooling its units' answers at 1/9 each (as the indicators do). Months without a survey answer are
/// absent (the trend then falls back to the legacy 1-5 ratings).
/// </summary>
internal static class SurveyTrend
{
    public static async Task<IReadOnlyDictionary<string, SurveyResult>> ReadAsync(NpgsqlConnection conn, string regionId,
        string? unitId, string[] months, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(string Period, long N, long S1, long S2, long S3, long S4, long S5, long S6, long S7, long S8,
            long S9)>(new CommandDefinition("""
            select sr.period, sum(sr.respondents)::bigint, sum(sr.u1_sum)::bigint, sum(sr.u2_sum)::bigint, sum(sr.u3_sum)::bigint,
                   sum(sr.u4_sum)::bigint, sum(sr.u5_sum)::bigint, sum(sr.u6_sum)::bigint, sum(sr.u7_sum)::bigint,
                   sum(sr.u8_sum)::bigint, sum(sr.u9_sum)::bigint
            from survey_rollup sr
            join unit u on u.id = sr.unit_id
            where u.region_id = @regionId and (@unitId::text is null or u.id = @unitId) and sr.period = any(@months)
            group by sr.period
            """, new { regionId, unitId, months }, cancellationToken: ct));
        var weights = SurveyWeights.Default;
        if (unitId is not null && await conn.QuerySingleOrDefaultAsync<(double, double, double, double, double, double, double, double,
                double)?>(new CommandDefinition("""
                select w1, w2, w3, w4, w5, w6, w7, w8, w9 from survey_weight where unit_id = @unitId
                """, new { unitId }, cancellationToken: ct)) is { } w)
        {
            weights = SurveyWeights.Trusted([(decimal)w.Item1, (decimal)w.Item2, (decimal)w.Item3, (decimal)w.Item4, (decimal)w.Item5,
                (decimal)w.Item6, (decimal)w.Item7, (decimal)w.Item8, (decimal)w.Item9]);
        }
        var result = new Dictionary<string, SurveyResult>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (SurveyIkm.Compute(SurveyTally.Of((int)r.N, r.S1, r.S2, r.S3, r.S4, r.S5, r.S6, r.S7, r.S8, r.S9), weights) is { } ikm)
            {
                result[r.Period] = ikm;
            }
        }
        return result;
    }
}
