using System.Diagnostics;
using Kinerja.Ingest.Partitions;
using Kinerja.Ingest.Reference;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// An activity-only batch written in two halves on its own connection, so that its COPY runs while the
/// previous batch (on the other connection) claims its ids, upserts its rollups and commits: the writer
/// keeps both cores of PostgreSQL busy instead of one. <see cref="CopyAsync"/> opens the transaction, runs
/// the writer checks and COPYs the rows; <see cref="CommitAsync"/> claims the ids, upserts the day rollups,
/// notifies and commits. Any failure leaves the transaction to roll back on dispose; the writer then redoes
/// the batch the serial way (<see cref="BatchWriter"/>), which reports duplicates and enforces day maximums
/// from stored totals.
/// </summary>
/// <remarks>
/// Why the halves are safe to overlap: an activity-only batch touches no attendance, so the "latest by
/// arrival" order of attendance is not at stake; the optimistic day-maximum check reads the totals the
/// rollup upsert returns, which sees every committed batch (a conflicting row waits for the other
/// transaction); both upserts take row locks in (nip, day) order, so they queue instead of deadlocking;
/// and a batch's COPY starts only after the previous batch's COPY finished, so a batch never waits on locks
/// held by the batch after it except through PostgreSQL's own lock graph (which detects any cycle, and the
/// failing batch is redone).
/// </remarks>
internal sealed class OverlappedBatch : IAsyncDisposable
{
    private readonly NpgsqlConnection _conn;
    private readonly NpgsqlTransaction _tx;
    private readonly WorkSet _w;
    private readonly ReferenceData _refs;

    private OverlappedBatch(NpgsqlConnection conn, NpgsqlTransaction tx, WorkSet w, ReferenceData refs)
    {
        (_conn, _tx, _w, _refs) = (conn, tx, w, refs);
    }

    public IReadOnlyList<Submission> Submissions { get; private init; } = [];

    /// <summary>Only batches of nothing but activities overlap; anything else is written serially.</summary>
    public static bool CanOverlap(IReadOnlyList<Submission> batch)
    {
        foreach (var s in batch)
        {
            if (s is not Submission<PreparedActivity>)
            {
                return false;
            }
        }
        return batch.Count > 0;
    }

    /// <summary>
    /// The first half. Throws <see cref="NotOverlappableException"/> when the checks had to read stored day totals
    /// (a day's batch sum alone is near its maximum): such a batch must see every earlier batch committed.
    /// </summary>
    public static async Task<OverlappedBatch> CopyAsync(NpgsqlConnection conn, IReadOnlyList<Submission> batch,
        ReferenceData refs, KnownMonths months, CancellationToken ct)
    {
        var w = WorkSet.From(batch);
        await months.EnsureAsync(conn, w, ct);
        var t = Stopwatch.GetTimestamp();
        var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            await using (var hold = new NpgsqlCommand(PartitionSql.HoldShared, conn))
            {
                await hold.ExecuteNonQueryAsync(ct);
            }
            await WriterChecks.RunAsync(conn, w, refs, optimistic: true, ct);
            if (!w.DayTotalsUnchecked)
            {
                throw new NotOverlappableException();
            }
            t = WriterTimings.Add(0, t);
            w.Resolve(w.ActivitiesToInsert, null, p => (p.Index, p.Item.EventId));
            w.ActivitiesWritten = true;
            if (w.ActivitiesToInsert.Count > 0)
            {
                await DirectActivities.CopyRowsAsync(conn, w, ct);
            }
            WriterTimings.Add(1, t);
            return new OverlappedBatch(conn, tx, w, refs) { Submissions = batch };
        }
        catch
        {
            await tx.DisposeAsync();
            throw;
        }
    }

    /// <summary>The second half: claim, rollups, notification, commit. Returns the number of new events.</summary>
    public async Task<int> CommitAsync(CancellationToken ct)
    {
        var t = Stopwatch.GetTimestamp();
        if (_w.ActivitiesToInsert.Count > 0)
        {
            await DirectActivities.ClaimAndRollupAsync(_conn, _w,
                ChangeNotifier.For(BatchWriter.Touched(_w, _refs)), ct);
        }
        t = WriterTimings.Add(2, t);
        await _tx.CommitAsync(ct);
        WriterTimings.Add(4, t);
        WriterTimings.Batch(_w.Activities.Count);
        return _w.Accepted;
    }

    public ValueTask DisposeAsync() => _tx.DisposeAsync();
}

/// <summary>The batch needs stored day totals read first; the writer writes it serially.</summary>
internal sealed class NotOverlappableException() : Exception("The batch must be written after every earlier batch committed.");
