namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// Group commit on the overlapped path: a gathered batch that must wait for its connection (the batch before last
/// still rolls up and commits there) keeps taking the submissions that arrive meanwhile, up to
/// <see cref="IngestOptions.BatchSize"/>. The wait was going to happen anyway, so this adds no latency: the callers
/// that arrive during it are acked with this batch's commit instead of a later one, and the month rollup and the
/// commit are paid once for all of them.
/// </summary>
internal sealed partial class IngestWriter
{
    /// <summary>Batches that took submissions while waiting for their connection.</summary>
    private long _grouped;

    /// <summary>Batches that took submissions while waiting for their connection (see <see cref="AbsorbWhileBusyAsync"/>).</summary>
    public long GroupedBatches => Interlocked.Read(ref _grouped);

    /// <summary>
    /// While <paramref name="lane"/>'s second half runs, moves queued submissions that may overlap into
    /// <paramref name="batch"/>, until the batch is full, the queue holds one that may not overlap (it stays queued:
    /// it is written serially, in arrival order), the queue completes, or the connection is free.
    /// </summary>
    private async Task AbsorbWhileBusyAsync(WriterConnection lane, List<Submission> batch, CancellationToken ct)
    {
        var size = options.Value.BatchSize;
        var items = 0;
        foreach (var s in batch)
        {
            items += s.PendingCount;
        }
        var took = false;
        while (items < size && !lane.Pending.IsCompleted)
        {
            while (items < size && queue.Reader.TryPeek(out var next) && next.Table.Overlaps
                   && queue.Reader.TryRead(out var s))
            {
                queue.Taken(s);
                batch.Add(s);
                items += s.PendingCount;
                took = true;
            }
            if (items >= size || (queue.Reader.TryPeek(out var head) && !head.Table.Overlaps))
            {
                break;
            }
            using var freed = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var queued = queue.Reader.WaitToReadAsync(freed.Token).AsTask();
            if (await Task.WhenAny(lane.Pending, queued) != queued)
            {
                // the connection is free: stop waiting for the queue (the reader has one waiter at a time)
                await freed.CancelAsync();
                try
                {
                    await queued;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                }
                break;
            }
            if (!await queued)
            {
                break;
            }
        }
        if (took)
        {
            Interlocked.Increment(ref _grouped);
        }
    }
}
