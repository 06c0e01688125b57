using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Rating;

/// <summary>
/// The <c>rating</c> stream table as the writer fills it: the columns it writes and one binary COPY row per rating
/// (exactly one of <c>ratee_nip</c> and <c>unit_id</c> is set), COPYed into a session staging table and merged with
/// the rating sums (<see cref="MergeSql"/>). Partitioned by <c>period</c>, the rated month as <c>YYYY-MM</c> text.
/// </summary>
internal sealed class RatingTable : StreamTable<PreparedRating>
{
    public const string TableName = "rating";

    /// <summary>The columns the writer fills, in <see cref="WriteRow"/> order.</summary>
    public const string Columns = "event_id, ratee_nip, unit_id, rater_role, rater_ref, aspect, score, period, occurred_at";

    private const string Stage = "ingest_stage_rating";

    /// <summary>New ratings add to the sums per subject, month, rater role and aspect.</summary>
    public const string MergeSql = $"""
        with ins as (
            insert into {TableName} ({Columns})
            select {Columns} from {Stage}
            returning ratee_nip, unit_id, rater_role, aspect, score, period
        )
        insert into rating_rollup as r (subject_kind, subject_id, period, rater_role, aspect, score_sum, score_count)
        select case when ratee_nip is not null then 'employee' else 'unit' end,
               coalesce(ratee_nip::text, unit_id), period, rater_role, aspect, sum(score), count(*)
        from ins
        group by 1, 2, 3, 4, 5
        on conflict (subject_kind, subject_id, period, rater_role, aspect) do update
            set score_sum = r.score_sum + excluded.score_sum,
                score_count = r.score_count + excluded.score_count
        """;

    public static readonly RatingTable Instance = new();

    private RatingTable()
    {
    }

    public override string Name => TableName;

    public override char RegistryCode => 'r';

    public override bool Partitioned => true;

    public override string Staging => StagingLike(Stage, TableName, Columns);

    public override string Copy => BinaryCopy(Stage, Columns);

    public override string Merge => MergeSql;

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedRating rating)
    {
        var r = rating.Item;
        copy.StartRow();
        copy.Write(r.EventId, NpgsqlDbType.Uuid);
        copy.WriteNullable(rating.Employee?.Nip, NpgsqlDbType.Char);
        copy.WriteNullable(rating.Employee is null ? rating.Unit.Id : null);
        copy.Write(r.RaterRole, NpgsqlDbType.Text);
        copy.WriteNullable(r.RaterRef);
        copy.Write(r.Aspect, NpgsqlDbType.Text);
        copy.Write((short)r.Score, NpgsqlDbType.Smallint);
        copy.Write(r.Period, NpgsqlDbType.Text);
        copy.Write(r.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
    }
}
