using Kinerja.Core.Changes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>An item of a writer batch together with the submission that awaits its outcome.</summary>
internal readonly record struct Entry<T>(Submission Owner, T Item);

/// <summary>
/// One stream's items of one writer batch, in queue order, and those its checks chose to insert. What the batch
/// transaction does per stream (claim, resolve, COPY, rollup, change feed, months) is done here, over the stream's
/// <see cref="StreamTable"/>, so the transaction only iterates over the parts.
/// </summary>
internal abstract class StreamPart
{
    public abstract StreamTable Table { get; }

    /// <summary>All items of the stream in the batch, whatever their outcome.</summary>
    public abstract int Count { get; }

    /// <summary>The items chosen for insertion (after <see cref="Resolve"/>: the accepted ones).</summary>
    public abstract int ToInsertCount { get; }

    /// <summary>The stream's writer checks of this batch.</summary>
    public abstract StreamCheck Check(WorkSet batch, ReferenceData refs);

    /// <summary>The event ids to claim in the registry (null when nothing is to be inserted).</summary>
    public abstract Guid[]? ClaimIds();

    /// <summary>
    /// Marks the items to insert accepted, except the ids in <paramref name="stored"/> (stored before): those are
    /// duplicates and leave the list, so only accepted items are written. Returns how many were accepted.
    /// </summary>
    public abstract int Resolve(HashSet<Guid> stored);

    /// <summary>Binary COPY of the accepted items (nothing when there are none).</summary>
    public abstract Task CopyAsync(NpgsqlConnection conn, CancellationToken ct);

    /// <summary>The stream's in-memory rollup of the accepted items, or null.</summary>
    public abstract RollupCommand? Rollup(bool verify);

    /// <summary>The stream's merge of the accepted items (staging → table, with its rollups), or null when none.</summary>
    public abstract NpgsqlBatchCommand? MergeCommand();

    /// <summary>Adds who each accepted item concerns (for the change feed).</summary>
    public abstract void AddTouched(List<EventTouch> touched, ReferenceData refs);

    /// <summary>Adds the first day of each month the items need partitions of.</summary>
    public abstract void AddMonths(HashSet<DateOnly> months);

    /// <summary>Adds the submission's valid items (a submission of this part's stream).</summary>
    public abstract void Add(Submission submission);
}

/// <inheritdoc cref="StreamPart"/>
internal sealed class StreamPart<TPrepared>(StreamTable<TPrepared> table) : StreamPart
    where TPrepared : struct, IPreparedEvent<TPrepared>
{
    public override StreamTable Table => table;

    public List<Entry<TPrepared>> All { get; } = [];

    public List<Entry<TPrepared>> ToInsert { get; } = [];

    public override int Count => All.Count;

    public override int ToInsertCount => ToInsert.Count;

    public override StreamCheck Check(WorkSet batch, ReferenceData refs) => table.Check(this, batch, refs);

    public override void Add(Submission submission)
    {
        foreach (var p in ((Submission<TPrepared>)submission).Items)
        {
            All.Add(new(submission, p));
        }
    }

    /// <summary>Chooses the first item of each event id; later repeats in the batch are duplicates.</summary>
    public void KeepFirst()
    {
        var seen = new HashSet<Guid>(All.Count);
        foreach (var e in All)
        {
            if (!seen.Add(e.Item.EventId))
            {
                e.Owner.Set(e.Item.Index, ItemStatus.Duplicate);
                continue;
            }
            ToInsert.Add(e);
        }
    }

    public override Guid[]? ClaimIds()
    {
        if (ToInsert.Count == 0)
        {
            return null;
        }
        var ids = new Guid[ToInsert.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = ToInsert[i].Item.EventId;
        }
        return ids;
    }

    public override int Resolve(HashSet<Guid> stored)
    {
        var kept = 0;
        for (var i = 0; i < ToInsert.Count; i++)
        {
            var e = ToInsert[i];
            if (stored.Contains(e.Item.EventId))
            {
                e.Owner.Set(e.Item.Index, ItemStatus.Duplicate);
                continue;
            }
            e.Owner.Set(e.Item.Index, ItemStatus.Accepted);
            ToInsert[kept++] = e;
        }
        ToInsert.RemoveRange(kept, ToInsert.Count - kept);
        return kept;
    }

    public override async Task CopyAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (ToInsert.Count == 0)
        {
            return;
        }
        await using var copy = await conn.BeginBinaryImportAsync(table.Copy, ct);
        WriteRows(copy);
        await copy.CompleteAsync(ct);
    }

    // A static call on the struct type: the JIT specialises this loop per stream (no virtual call, no boxing per row).
    private void WriteRows(NpgsqlBinaryImporter copy)
    {
        foreach (var e in ToInsert)
        {
            TPrepared.WriteRow(copy, e.Item);
        }
    }

    public override RollupCommand? Rollup(bool verify) => ToInsert.Count == 0 ? null : table.Rollup(this, verify);

    public override NpgsqlBatchCommand? MergeCommand() => ToInsert.Count == 0 ? null : table.MergeCommand(ToInsert);

    public override void AddTouched(List<EventTouch> touched, ReferenceData refs)
    {
        foreach (var e in ToInsert)
        {
            if (e.Owner.StatusOf(e.Item.Index) == ItemStatus.Accepted && TPrepared.Touches(e.Item, refs, out var t))
            {
                touched.Add(t);
            }
        }
    }

    public override void AddMonths(HashSet<DateOnly> months)
    {
        foreach (var e in All)
        {
            if (TPrepared.MonthOf(e.Item) is { } day)
            {
                months.Add(new DateOnly(day.Year, day.Month, 1));
            }
        }
    }
}
