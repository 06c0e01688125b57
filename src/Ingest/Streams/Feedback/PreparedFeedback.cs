using Kinerja.Core.Changes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;

namespace Kinerja.Ingest.Streams.Feedback;

/// <summary>A valid feedback note with the employee's local day of <c>occurredAt</c>.</summary>
internal readonly record struct PreparedFeedback(int Index, FeedbackItem Item, DateOnly LocalDay) : IPreparedEvent<PreparedFeedback>
{
    public Guid EventId => Item.EventId;

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedFeedback item) => FeedbackTable.WriteRow(copy, item);

    /// <summary>None: the table is not partitioned (notes are few).</summary>
    public static DateOnly? MonthOf(in PreparedFeedback item) => null;

    /// <summary>A note moves no indicator, so it recomputes nobody (the API pushes it to the employee's group itself).</summary>
    public static bool Touches(in PreparedFeedback item, ReferenceData refs, out EventTouch touched)
    {
        touched = default;
        return false;
    }
}
