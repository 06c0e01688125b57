using Microsoft.Extensions.Logging;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The overlapped path of the writer (<see cref="IngestOptions.OverlapBatches"/>): an activity-only batch's first
/// half runs on one connection while the previous batch's second half runs on the other; a second half that fails
/// hands its submissions back to the loop, which redoes them serially (carefully at once when it failed on a conflict).
/// </summary>
internal sealed partial class IngestWriter
{
    /// <summary>
    /// COPYs an activity-only batch on the next connection while the previous batch finishes on the other,
    /// then leaves its second half running. A batch that cannot overlap (or whose first half failed) is
    /// written serially after the other connection's batch.
    /// </summary>
    private async Task WriteOverlappedAsync(List<Submission> batch, CancellationToken ct)
    {
        var lane = _lanes[_lane];
        _lane ^= 1;
        // the connection of the batch before this one
        var previous = _lanes[_lane];
        // group commit: what arrives while the connection is busy joins this batch
        await AbsorbWhileBusyAsync(lane, batch, ct);
        await SettleAsync(lane, ct);
        BatchTransaction started;
        try
        {
            started = await OverlappedBatch.StartAsync(await lane.OpenAsync(ct), batch, cache.Current, _months, metrics,
                () => !previous.Pending.IsCompleted, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var careful = false;
            if (ex is not NotOverlappableException)
            {
                logger.LogDebug(ex, "Overlapped copy of {Submissions} submissions failed; writing them serially", batch.Count);
                careful = Redo(ex);
            }
            await DrainAsync(ct);
            await WriteAsync(lane, batch, ct, careful);
            return;
        }
        lane.Pending = FinishAsync(started, ct);
    }

    /// <summary>The second half of an overlapped batch; returns its submissions when they must be redone serially.</summary>
    private async Task<FailedBatch?> FinishAsync(BatchTransaction started, CancellationToken ct)
    {
        await using (started)
        {
            try
            {
                var accepted = await OverlappedBatch.FinishAsync(started, ct);
                _databaseDown = false;
                Interlocked.Increment(ref _overlapped);
                Complete(started.Submissions);
                logger.LogDebug("Committed an overlapped batch of {Submissions} submissions, {Accepted} new events",
                    started.Submissions.Count, accepted);
                return null;
            }
            catch (Exception ex)
            {
                // a stored event id, a day over its maximum, a lock cycle, a broken connection: redo serially
                // (when shutting down the loop fails them instead)
                logger.LogDebug(ex, "Overlapped batch of {Submissions} submissions failed; writing it serially",
                    started.Submissions.Count);
                return new FailedBatch([.. started.Submissions], Redo(ex));
            }
        }
    }

    /// <summary>Counts an overlapped try that failed; true when it failed on a conflict (redo it carefully at once).</summary>
    private bool Redo(Exception ex)
    {
        var failure = WriteRetryPolicy.Classify(ex);
        metrics.Redone(failure);
        return failure == WriteFailure.Conflict;
    }

    /// <summary>
    /// Waits for queued work; meanwhile takes the outcome of each second half as it ends, so a batch that must be
    /// redone serially is redone at once, not when the next batch arrives. False when the queue is completed.
    /// </summary>
    private async Task<bool> NextWorkAsync(CancellationToken ct)
    {
        var queued = queue.Reader.WaitToReadAsync(ct).AsTask();
        while (!queued.IsCompleted)
        {
            var busy = _lanes.Where(l => l.Pending != WriterConnection.Idle).Select(l => (Task)l.Pending).ToList();
            if (busy.Count == 0)
            {
                break;
            }
            busy.Add(queued);
            await Task.WhenAny(busy);
            foreach (var lane in _lanes.Where(l => l.Pending != WriterConnection.Idle && l.Pending.IsCompleted))
            {
                await SettleAsync(lane, ct);
            }
        }
        return await queued;
    }

    /// <summary>Waits for both connections' batches to finish, redoing failed ones serially.</summary>
    private async Task DrainAsync(CancellationToken ct)
    {
        foreach (var lane in _lanes)
        {
            await SettleAsync(lane, ct);
        }
    }

    /// <summary>Waits for the connection's second half, if any, and redoes its batch serially when it failed.</summary>
    private async Task SettleAsync(WriterConnection lane, CancellationToken ct)
    {
        if (await TakePendingAsync(lane) is { } failed)
        {
            await WriteAsync(lane, failed.Submissions, ct, failed.Careful);
        }
    }

    private static async Task<FailedBatch?> TakePendingAsync(WriterConnection lane)
    {
        var pending = lane.Pending;
        lane.Pending = WriterConnection.Idle;
        return await pending;
    }
}
