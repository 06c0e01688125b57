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
        CancellationToken ct)
    {
        var w = WorkSet.From(batch);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await WriterChecks.RunAsync(conn, w, refs, ct);
        await StagingCopy.CopyAsync(conn, w, ct);
        await MergeAsync(conn, w, ct);
        await ChangeNotifier.NotifyAsync(conn, ChangeNotifier.BuildPayloads(Touched(w, refs)), ct);
        await tx.CommitAsync(ct);
        return w.Accepted;
    }

    private static async Task MergeAsync(NpgsqlConnection conn, WorkSet w, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn);
        if (w.ActivitiesToInsert.Count > 0)
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
        if (w.ActivitiesToInsert.Count > 0)
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
    private static IEnumerable<(string? Nip, string Unit, string Region)> Touched(WorkSet w, ReferenceData refs)
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
