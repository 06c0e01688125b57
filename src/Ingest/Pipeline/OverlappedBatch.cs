using Kinerja.Ingest.Partitions;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Telemetry;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The overlapped driver: an activity-only <see cref="BatchTransaction"/> run in two halves on its own connection,
/// so that its COPY (and, when the previous batch is still busy after it, its registry claim) runs while the previous
/// batch (on the other connection) upserts its rollups and commits: the writer keeps both cores of PostgreSQL busy
/// instead of one. <see cref="StartAsync"/> runs lock, checks, resolve and COPY (and the claim, see above);
/// <see cref="FinishAsync"/> the rollup round trip (claim unless it ran, day rollup, notify) and the commit. Any
/// failure leaves the transaction to roll back on dispose; the writer then redoes the batch serially
/// (<see cref="BatchWriter"/>), which reports duplicates and enforces day maximums from stored totals.
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
internal static class OverlappedBatch
{
    /// <summary>
    /// Only batches of nothing but streams that may overlap (<see cref="Streams.Writing.StreamTable.Overlaps"/>:
    /// activities) overlap; anything else is written serially.
    /// </summary>
    public static bool CanOverlap(IReadOnlyList<Submission> batch)
    {
        foreach (var s in batch)
        {
            if (!s.Table.Overlaps)
            {
                return false;
            }
        }
        return batch.Count > 0;
    }

    /// <summary>
    /// The first half. Throws <see cref="NotOverlappableException"/> when the checks had to read stored totals
    /// (a day's batch sum alone is near its maximum): such a batch must see every earlier batch committed.
    /// </summary>
    /// <param name="previousBusy">True while the previous batch's second half still runs: then the registry claim
    /// runs here, after the COPY (<see cref="BatchTransaction.ClaimDeferredAsync"/>), rather than in the rollup.</param>
    public static async Task<BatchTransaction> StartAsync(NpgsqlConnection conn, IReadOnlyList<Submission> batch,
        ReferenceData refs, KnownMonths months, IngestMetrics metrics, Func<bool> previousBusy, CancellationToken ct)
    {
        await months.EnsureAsync(conn, WorkSet.From(batch), ct);
        var tx = await BatchTransaction.BeginAsync(conn, batch, refs, metrics, optimistic: true, ct);
        try
        {
            await tx.CheckAsync(ct);
            if (!tx.TotalsUnchecked)
            {
                throw new NotOverlappableException();
            }
            await tx.ClaimAsync(ct);
            await tx.CopyAsync(ct);
            if (previousBusy())
            {
                await tx.ClaimDeferredAsync(ct);
            }
            return tx;
        }
        catch
        {
            await tx.DisposeAsync();
            throw;
        }
    }

    /// <summary>The second half: claim (unless it ran), day rollup, notification, commit. Returns the number of new events.</summary>
    public static async Task<int> FinishAsync(BatchTransaction tx, CancellationToken ct)
    {
        await tx.RollupAsync(ct);
        return await tx.CommitAsync(ct);
    }
}

/// <summary>The batch needs stored day totals read first; the writer writes it serially.</summary>
internal sealed class NotOverlappableException() : Exception("The batch must be written after every earlier batch committed.");
