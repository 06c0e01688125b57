using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Feedback;

/// <summary>
/// The <c>feedback_note</c> stream table (migration 0016): one binary COPY row per note, straight into the table; no
/// rollup, not partitioned. <c>local_day</c> is the employee's local day of <c>occurred_at</c> (what <c>?period=</c> reads).
/// </summary>
internal sealed class FeedbackTable : StreamTable<PreparedFeedback>
{
    public const string TableName = "feedback_note";

    /// <summary>The columns the writer fills, in <see cref="WriteRow"/> order.</summary>
    public const string Columns = "event_id, nip, author_nip, note, occurred_at, local_day";

    public static readonly FeedbackTable Instance = new();

    private FeedbackTable()
    {
    }

    public override string Name => TableName;

    public override char RegistryCode => 'f';

    public override string Copy => BinaryCopy(TableName, Columns);

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedFeedback feedback)
    {
        var f = feedback.Item;
        copy.StartRow();
        copy.Write(f.EventId, NpgsqlDbType.Uuid);
        copy.Write(f.Nip, NpgsqlDbType.Char);
        copy.Write(f.AuthorNip, NpgsqlDbType.Char);
        copy.Write(f.Note, NpgsqlDbType.Text);
        copy.Write(f.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        copy.Write(feedback.LocalDay, NpgsqlDbType.Date);
    }
}
