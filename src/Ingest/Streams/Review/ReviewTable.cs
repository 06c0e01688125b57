using Kinerja.Ingest.Pipeline;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Review;

/// <summary>
/// The <c>activity_review</c> stream table as the writer fills it: the columns it writes and one binary COPY row
/// per review. <c>activity_day</c> (the partition key) is the reviewed activity's stored local day, which the
/// writer looks up.
/// </summary>
internal static class ReviewTable
{
    public const string Name = "activity_review";

    /// <summary>The columns the writer fills, in <see cref="WriteRow"/> order.</summary>
    public const string Columns = "event_id, activity_event_id, activity_day, approved, reviewer_nip, at";

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedReview review, DateOnly activityDay)
    {
        var r = review.Item;
        copy.StartRow();
        copy.Write(r.EventId, NpgsqlDbType.Uuid);
        copy.Write(r.ActivityEventId, NpgsqlDbType.Uuid);
        copy.Write(activityDay, NpgsqlDbType.Date);
        copy.Write(r.Approved, NpgsqlDbType.Boolean);
        copy.Write(r.ReviewerNip, NpgsqlDbType.Char);
        copy.Write(r.At.ToUniversalTime(), NpgsqlDbType.TimestampTz);
    }
}
