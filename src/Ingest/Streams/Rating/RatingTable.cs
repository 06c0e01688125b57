using Kinerja.Ingest.Pipeline;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Rating;

/// <summary>
/// The <c>rating</c> stream table as the writer fills it: the columns it writes and one binary COPY row per rating
/// (exactly one of <c>ratee_nip</c> and <c>unit_id</c> is set).
/// </summary>
internal static class RatingTable
{
    public const string Name = "rating";

    /// <summary>The columns the writer fills, in <see cref="WriteRow"/> order.</summary>
    public const string Columns = "event_id, ratee_nip, unit_id, rater_role, rater_ref, aspect, score, period, occurred_at";

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
