using Kinerja.Core.Changes;
using Kinerja.Ingest.Reference;
using Npgsql;

namespace Kinerja.Ingest.Streams.Writing;

/// <summary>
/// A validated item as the writer handles it: a stream's <c>Prepared…</c> struct, which its validator returns. The
/// per-row facts are static members, so the writer's loops — generic over the struct — call them directly: no virtual
/// call and no boxing per row (the COPY loop of the activity path writes a million rows a minute).
/// </summary>
internal interface IPreparedEvent<TSelf> where TSelf : struct, IPreparedEvent<TSelf>
{
    /// <summary>The item's index in its submission.</summary>
    int Index { get; }

    Guid EventId { get; }

    /// <summary>Writes the item's binary COPY row: the columns of its table's <see cref="StreamTable.Copy"/>, in order.</summary>
    static abstract void WriteRow(NpgsqlBinaryImporter copy, in TSelf item);

    /// <summary>
    /// Any day of the month whose partitions the item needs, or null when it needs none of its own (an unpartitioned
    /// table, or a review, which lives in the month of its activity).
    /// </summary>
    static abstract DateOnly? MonthOf(in TSelf item);

    /// <summary>Who a stored item concerns, for the change feed; false when it names nobody known.</summary>
    static abstract bool Touches(in TSelf item, ReferenceData refs, out EventTouch touched);
}
