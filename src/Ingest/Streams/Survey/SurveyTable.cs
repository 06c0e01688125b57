using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Survey;

/// <summary>
/// The <c>survey_response</c> stream table as the writer fills it (migration 0017): one binary COPY row per survey into
/// a session staging table, merged with the answer sums per unit, service and month (<c>survey_rollup</c>) in the
/// same transaction. Partitioned by <c>period</c>, the local month of submission as <c>YYYY-MM</c> text.
/// </summary>
internal sealed class SurveyTable : StreamTable<PreparedSurvey>
{
    public const string TableName = "survey_response";

    /// <summary>The columns the writer fills, in <see cref="WriteRow"/> order.</summary>
    public const string Columns = "event_id, unit_id, service_id, officer_nip, u1, u2, u3, u4, u5, u6, u7, u8, u9, " +
                                  "age_band, sex, education, occupation, comment, period, submitted_at";

    private const string Stage = "ingest_stage_survey";

    /// <summary>
    /// New surveys add to the sums per unit, service and month, and those naming the officer who served to the sums
    /// per officer and month (<c>survey_officer_rollup</c>, migration 0027).
    /// </summary>
    public const string MergeSql = $"""
        with ins as (
            insert into {TableName} ({Columns})
            select {Columns} from {Stage}
            returning unit_id, service_id, officer_nip, period, u1, u2, u3, u4, u5, u6, u7, u8, u9
        ),
        per_officer as (
            insert into survey_officer_rollup as o (period, officer_nip, respondents,
                                                    u1_sum, u2_sum, u3_sum, u4_sum, u5_sum, u6_sum, u7_sum, u8_sum, u9_sum)
            select period, officer_nip, count(*),
                   sum(u1), sum(u2), sum(u3), sum(u4), sum(u5), sum(u6), sum(u7), sum(u8), sum(u9)
            from ins
            where officer_nip is not null
            group by period, officer_nip
            on conflict (period, officer_nip) do update
                set respondents = o.respondents + excluded.respondents,
                    u1_sum = o.u1_sum + excluded.u1_sum, u2_sum = o.u2_sum + excluded.u2_sum,
                    u3_sum = o.u3_sum + excluded.u3_sum, u4_sum = o.u4_sum + excluded.u4_sum,
                    u5_sum = o.u5_sum + excluded.u5_sum, u6_sum = o.u6_sum + excluded.u6_sum,
                    u7_sum = o.u7_sum + excluded.u7_sum, u8_sum = o.u8_sum + excluded.u8_sum,
                    u9_sum = o.u9_sum + excluded.u9_sum
        )
        insert into survey_rollup as r (unit_id, service_id, period, respondents,
                                         u1_sum, u2_sum, u3_sum, u4_sum, u5_sum, u6_sum, u7_sum, u8_sum, u9_sum)
        select unit_id, service_id, period, count(*),
               sum(u1), sum(u2), sum(u3), sum(u4), sum(u5), sum(u6), sum(u7), sum(u8), sum(u9)
        from ins
        group by unit_id, service_id, period
        on conflict (unit_id, period, service_id) do update
            set respondents = r.respondents + excluded.respondents,
                u1_sum = r.u1_sum + excluded.u1_sum, u2_sum = r.u2_sum + excluded.u2_sum,
                u3_sum = r.u3_sum + excluded.u3_sum, u4_sum = r.u4_sum + excluded.u4_sum,
                u5_sum = r.u5_sum + excluded.u5_sum, u6_sum = r.u6_sum + excluded.u6_sum,
                u7_sum = r.u7_sum + excluded.u7_sum, u8_sum = r.u8_sum + excluded.u8_sum,
                u9_sum = r.u9_sum + excluded.u9_sum
        """;

    public static readonly SurveyTable Instance = new();

    private SurveyTable()
    {
    }

    public override string Name => TableName;

    public override char RegistryCode => 's';

    public override bool Partitioned => true;

    public override string Staging => StagingLike(Stage, TableName, Columns);

    public override string Copy => BinaryCopy(Stage, Columns);

    public override string Merge => MergeSql;

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedSurvey survey)
    {
        var s = survey.Item;
        copy.StartRow();
        copy.Write(s.EventId, NpgsqlDbType.Uuid);
        copy.Write(survey.Unit.Id, NpgsqlDbType.Text);
        copy.Write(s.ServiceId ?? "", NpgsqlDbType.Text);
        copy.WriteNullable(survey.Officer?.Nip, NpgsqlDbType.Char);
        copy.Write((short)s.U1, NpgsqlDbType.Smallint);
        copy.Write((short)s.U2, NpgsqlDbType.Smallint);
        copy.Write((short)s.U3, NpgsqlDbType.Smallint);
        copy.Write((short)s.U4, NpgsqlDbType.Smallint);
        copy.Write((short)s.U5, NpgsqlDbType.Smallint);
        copy.Write((short)s.U6, NpgsqlDbType.Smallint);
        copy.Write((short)s.U7, NpgsqlDbType.Smallint);
        copy.Write((short)s.U8, NpgsqlDbType.Smallint);
        copy.Write((short)s.U9, NpgsqlDbType.Smallint);
        copy.WriteNullable(s.AgeBand);
        copy.WriteNullable(s.Sex);
        copy.WriteNullable(s.Education);
        copy.WriteNullable(s.Occupation);
        copy.WriteNullable(s.Comment);
        copy.Write(survey.Period, NpgsqlDbType.Text);
        copy.Write(s.SubmittedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
    }
}
