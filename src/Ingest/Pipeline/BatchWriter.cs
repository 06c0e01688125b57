using System.Diagnostics;
using Kinerja.Ingest.Partitions;
using Kinerja.Ingest.Reference;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// Writes one batch in one transaction: writer-side checks, binary COPY into staging, merges into the
/// streams with their rollups, the change notification, commit. Item outcomes are set on the
/// submissions; the caller completes them only after this returns (ack after commit).
/// </summary>
internal static class BatchWriter
{
    /// <summary>Returns the number of items newly stored.</summary>
    public static async Task<int> WriteAsync(NpgsqlConnection conn, IReadOnlyList<Submission> batch, ReferenceData refs,
        KnownMonths months, CancellationToken ct)
    {
        await months.EnsureAsync(conn, WorkSet.From(batch), ct);
        try
        {
            return await WriteWithFallbackAsync(conn, batch, refs, ct);
        }
        catch (Exception ex) when (KnownMonths.IsNoPartition(ex))
        {
            // retention dropped a month this writer still knew: create what the batch needs and redo it
            months.Forget();
            await months.EnsureAsync(conn, WorkSet.From(batch), ct);
            return await WriteWithFallbackAsync(conn, batch, refs, ct);
        }
    }

    private static async Task<int> WriteWithFallbackAsync(NpgsqlConnection conn, IReadOnlyList<Submission> batch,
        ReferenceData refs, CancellationToken ct)
    {
        try
        {
            return await WriteAsync(conn, batch, refs, directActivities: true, ct);
        }
        catch (Exception ex) when (ex is DayLimitExceededException
                                   || ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Some activity is stored already (a retry, or another writer), or a day went over its
            // maximum: redo with stored day totals read first and the merge path, which reports duplicates.
            return await WriteAsync(conn, batch, refs, directActivities: false, ct);
        }
    }

    /// <summary>
    /// With <paramref name="directActivities"/>, activities are COPYed straight into <c>activity</c>
    /// (COPY's multi-row insert: the hot path for new events) and their day rollups upserted from
    /// in-memory sums; if any of them is stored already the COPY fails on the primary key, the
    /// transaction rolls back and the caller redoes the batch through staging + <c>on conflict do
    /// nothing</c>, which tells accepted from duplicate. Other streams always merge from staging.
    /// </summary>
    private static async Task<int> WriteAsync(NpgsqlConnection conn, IReadOnlyList<Submission> batch, ReferenceData refs,
        bool directActivities, CancellationToken ct)
    {
        var w = WorkSet.From(batch);
        var t = Stopwatch.GetTimestamp();
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var hold = new NpgsqlCommand(PartitionSql.HoldShared, conn))
        {
            // partition DDL (maintenance, retention) waits for this transaction instead of interleaving with it
            await hold.ExecuteNonQueryAsync(ct);
        }
        await WriterChecks.RunAsync(conn, w, refs, optimistic: directActivities, ct);
        t = WriterTimings.Add(0, t);
        var notified = false;
        if (directActivities && w.ActivitiesToInsert.Count > 0)
        {
            w.Resolve(w.ActivitiesToInsert, null, p => (p.Index, p.Item.EventId));
            w.ActivitiesWritten = true;
            // Activity-only batches (the common case) send their notification with the rollup upsert.
            notified = w.AttendanceToInsert.Count + w.RatingsToInsert.Count + w.ReviewsToInsert.Count == 0;
            await DirectActivities.CopyRowsAsync(conn, w, ct);
        }
        await StagingCopy.CopyAsync(conn, w, ct);
        t = WriterTimings.Add(1, t);
        if (w.ActivitiesWritten)
        {
            await DirectActivities.ClaimAndRollupAsync(conn, w,
                notified ? ChangeNotifier.For(Touched(w, refs)) : null, ct);
        }
        await MergeAsync(conn, w, ct);
        t = WriterTimings.Add(2, t);
        if (!notified)
        {
            await ChangeNotifier.NotifyAsync(conn, ChangeNotifier.For(Touched(w, refs)), ct);
        }
        t = WriterTimings.Add(3, t);
        await tx.CommitAsync(ct);
        WriterTimings.Add(4, t);
        WriterTimings.Batch(w.Activities.Count + w.Attendance.Count + w.Ratings.Count + w.Reviews.Count);
        return w.Accepted;
    }

    private static async Task MergeAsync(NpgsqlConnection conn, WorkSet w, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn);
        var activities = w.ActivitiesToInsert.Count > 0 && !w.ActivitiesWritten;
        if (activities)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(MergeSql.Activity));
        }
        if (w.ReviewsToInsert.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(MergeSql.Review));
        }
        if (w.AttendanceToInsert.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(MergeSql.Attendance));
        }
        if (w.RatingsToInsert.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(MergeSql.Rating));
        }
        if (batch.BatchCommands.Count == 0)
        {
            return;
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var first = true;
        if (activities)
        {
            first = false;
            w.Resolve(w.ActivitiesToInsert, await ReadIdsAsync(reader, w.ActivitiesToInsert.Count, ct),
                p => (p.Index, p.Item.EventId));
        }
        if (w.ReviewsToInsert.Count > 0)
        {
            await NextAsync(reader, ref first, ct);
            w.Resolve(w.ReviewsToInsert, await ReadIdsAsync(reader, w.ReviewsToInsert.Count, ct),
                p => (p.Index, p.Item.EventId));
        }
        if (w.AttendanceToInsert.Count > 0)
        {
            await NextAsync(reader, ref first, ct);
            w.Resolve(w.AttendanceToInsert, await ReadIdsAsync(reader, w.AttendanceToInsert.Count, ct),
                p => (p.Index, p.Item.EventId));
        }
        if (w.RatingsToInsert.Count > 0)
        {
            await NextAsync(reader, ref first, ct);
            w.Resolve(w.RatingsToInsert, await ReadIdsAsync(reader, w.RatingsToInsert.Count, ct),
                p => (p.Index, p.Item.EventId));
        }
    }

    private static ValueTask NextAsync(NpgsqlDataReader reader, ref bool first, CancellationToken ct)
    {
        if (first)
        {
            first = false;
            return ValueTask.CompletedTask;
        }
        return new ValueTask(reader.NextResultAsync(ct));
    }

    private static async Task<HashSet<Guid>> ReadIdsAsync(NpgsqlDataReader reader, int capacity, CancellationToken ct)
    {
        var ids = new HashSet<Guid>(capacity);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    /// <summary>(nip, unit, region) of every accepted item; unit ratings have no NIP.</summary>
    internal static IEnumerable<(string? Nip, string Unit, string Region)> Touched(WorkSet w, ReferenceData refs)
    {
        foreach (var e in w.ActivitiesToInsert)
        {
            if (e.Owner.StatusOf(e.Item.Index) == Contracts.ItemStatus.Accepted)
            {
                yield return (e.Item.Employee.Nip, e.Item.Employee.Unit.Id, e.Item.Employee.Region.Id);
            }
        }
        foreach (var e in w.AttendanceToInsert)
        {
            if (e.Owner.StatusOf(e.Item.Index) == Contracts.ItemStatus.Accepted)
            {
                yield return (e.Item.Employee.Nip, e.Item.Employee.Unit.Id, e.Item.Employee.Region.Id);
            }
        }
        foreach (var e in w.RatingsToInsert)
        {
            if (e.Owner.StatusOf(e.Item.Index) == Contracts.ItemStatus.Accepted)
            {
                yield return (e.Item.Employee?.Nip, e.Item.Unit.Id, e.Item.Unit.Region.Id);
            }
        }
        for (var i = 0; i < w.ReviewsToInsert.Count; i++)
        {
            var e = w.ReviewsToInsert[i];
            if (e.Owner.StatusOf(e.Item.Index) == Contracts.ItemStatus.Accepted
                && refs.Employees.TryGetValue(w.ReviewOwners[i], out var owner))
            {
                yield return (owner.Nip, owner.Unit.Id, owner.Region.Id);
            }
        }
    }
}
