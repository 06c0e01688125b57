using System.Net.Sockets;
using Kinerja.Ingest.Partitions;
using Kinerja.Ingest.Reference;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The single writer: takes submissions off the queue until a batch is full or the batch deadline
/// passes, writes the batch in one transaction, then completes the callers. Two connections take turns:
/// a batch of nothing but activities COPYs on one while the batch before it finishes (claims, rollups,
/// commit) on the other (<see cref="OverlappedBatch"/>); any other batch, and any batch whose overlapped
/// write failed, is written serially once nothing else is in flight (<see cref="BatchWriter"/>).
/// When PostgreSQL is unreachable it fails the batch (and everything queued) with
/// <see cref="IngestUnavailableException"/>, marks the database down (new submissions fail fast)
/// and probes with backoff until it is back.
/// </summary>
internal sealed class IngestWriter(IngestQueue queue, NpgsqlDataSource db, ReferenceCache cache,
    IOptions<IngestOptions> options, ILogger<IngestWriter> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _startLock = new();
    private readonly WriterConnection[] _lanes = [new(db), new(db)];
    private Task? _loop;
    private int _lane;
    private volatile bool _databaseDown;
    private long _overlapped;
    private readonly KnownMonths _months = new();

    /// <summary>Batches committed through the overlapped path (the rest were written serially).</summary>
    public long OverlappedBatches => Interlocked.Read(ref _overlapped);

    /// <summary>True from a failed write until a probe reaches PostgreSQL again.</summary>
    public bool DatabaseDown => _databaseDown;

    /// <summary>Test seam: awaited before each batch is written (lets tests hold the writer).</summary>
    internal Func<CancellationToken, Task>? BeforeBatch { get; set; }

    public void EnsureStarted()
    {
        if (_loop is not null)
        {
            return;
        }
        lock (_startLock)
        {
            _loop ??= Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <summary>Stops taking new work, writes what is queued, and ends the loop.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        queue.Complete();
        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                await _stop.CancelAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Complete();
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
        }
        foreach (var lane in _lanes)
        {
            await lane.DisposeAsync();
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var batch = new List<Submission>();
        try
        {
            while (await NextWorkAsync(ct))
            {
                await GatherAsync(batch, ct);
                if (batch.Count == 0)
                {
                    continue;
                }
                if (BeforeBatch is { } hold)
                {
                    await hold(ct);
                }
                if (options.Value.OverlapBatches && !_databaseDown && OverlappedBatch.CanOverlap(batch))
                {
                    await WriteOverlappedAsync(batch, ct);
                }
                else
                {
                    await DrainAsync(ct);
                    await WriteAsync(_lanes[_lane], batch, ct);
                }
                // the batch's second half may still hold the list
                batch = [];
            }
            await DrainAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            var shuttingDown = new IngestUnavailableException(UnavailableReason.ShuttingDown, TimeSpan.FromSeconds(5),
                "Ingest is shutting down.");
            Fail(batch, shuttingDown);
            foreach (var lane in _lanes)
            {
                if (await TakePendingAsync(lane) is { } unfinished)
                {
                    Fail(unfinished, shuttingDown);
                }
            }
            while (queue.Reader.TryRead(out var s))
            {
                queue.Taken(s);
                Fail([s], shuttingDown);
            }
        }
    }

    /// <summary>
    /// COPYs an activity-only batch on the next connection while the previous batch finishes on the other,
    /// then leaves its second half running. A batch that cannot overlap (or whose first half failed) is
    /// written serially after the other connection's batch.
    /// </summary>
    private async Task WriteOverlappedAsync(List<Submission> batch, CancellationToken ct)
    {
        var lane = _lanes[_lane];
        _lane ^= 1;
        if (await TakePendingAsync(lane) is { } redo)
        {
            await WriteAsync(lane, redo, ct);
        }
        OverlappedBatch started;
        try
        {
            started = await OverlappedBatch.CopyAsync(await lane.OpenAsync(ct), batch, cache.Current, _months, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            if (ex is not NotOverlappableException)
            {
                logger.LogDebug(ex, "Overlapped copy of {Submissions} submissions failed; writing them serially", batch.Count);
            }
            await DrainAsync(ct);
            await WriteAsync(lane, batch, ct);
            return;
        }
        lane.Pending = FinishAsync(started, ct);
    }

    /// <summary>The second half of an overlapped batch; returns its submissions when they must be redone serially.</summary>
    private async Task<List<Submission>?> FinishAsync(OverlappedBatch started, CancellationToken ct)
    {
        await using (started)
        {
            try
            {
                var accepted = await started.CommitAsync(ct);
                _databaseDown = false;
                Interlocked.Increment(ref _overlapped);
                foreach (var s in started.Submissions)
                {
                    s.Completion.TrySetResult(s.BuildResult());
                }
                logger.LogDebug("Committed an overlapped batch of {Submissions} submissions, {Accepted} new events",
                    started.Submissions.Count, accepted);
                return null;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // a stored event id, a day over its maximum, a lock cycle, a broken connection: redo serially
                logger.LogDebug(ex, "Overlapped batch of {Submissions} submissions failed; writing it serially",
                    started.Submissions.Count);
                return [.. started.Submissions];
            }
            catch (Exception)
            {
                // shutting down: the loop fails them
                return [.. started.Submissions];
            }
        }
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
            foreach (var lane in _lanes)
            {
                if (lane.Pending != WriterConnection.Idle && lane.Pending.IsCompleted
                    && await TakePendingAsync(lane) is { } redo)
                {
                    await WriteAsync(lane, redo, ct);
                }
            }
        }
        return await queued;
    }

    /// <summary>Waits for both connections' batches to finish, redoing failed ones serially.</summary>
    private async Task DrainAsync(CancellationToken ct)
    {
        foreach (var lane in _lanes)
        {
            if (await TakePendingAsync(lane) is { } redo)
            {
                await WriteAsync(lane, redo, ct);
            }
        }
    }

    private static async Task<List<Submission>?> TakePendingAsync(WriterConnection lane)
    {
        var pending = lane.Pending;
        lane.Pending = WriterConnection.Idle;
        return await pending;
    }

    private async Task GatherAsync(List<Submission> batch, CancellationToken ct)
    {
        var size = options.Value.BatchSize;
        var items = 0;
        while (items < size && queue.Reader.TryRead(out var s))
        {
            queue.Taken(s);
            batch.Add(s);
            items += s.PendingCount;
        }
        if (items >= size || options.Value.BatchDeadline <= TimeSpan.Zero)
        {
            return;
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Value.BatchDeadline);
        try
        {
            while (items < size && await queue.Reader.WaitToReadAsync(deadline.Token))
            {
                while (items < size && queue.Reader.TryRead(out var s))
                {
                    queue.Taken(s);
                    batch.Add(s);
                    items += s.PendingCount;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(WriterConnection lane, List<Submission> batch, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var conn = await lane.OpenAsync(ct);
                var accepted = await BatchWriter.WriteAsync(conn, batch, cache.Current, _months, ct);
                _databaseDown = false;
                foreach (var s in batch)
                {
                    s.Completion.TrySetResult(s.BuildResult());
                }
                logger.LogDebug("Committed a batch of {Submissions} submissions, {Accepted} new events",
                    batch.Count, accepted);
                return;
            }
            catch (Exception ex) when (IsConnectionProblem(ex) && !ct.IsCancellationRequested)
            {
                await lane.DropAsync();
                if (attempt == 1)
                {
                    // A pooled connection may have died with a server restart; one fresh try.
                    logger.LogInformation(ex, "Ingest batch failed on a broken connection; retrying once");
                    continue;
                }
                logger.LogWarning(ex, "PostgreSQL is unreachable; failing {Submissions} submissions with 503", batch.Count);
                _databaseDown = true;
                var unavailable = Unavailable(ex);
                Fail(batch, unavailable);
                await ProbeUntilUpAsync(ct);
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogError(ex, "Ingest batch of {Submissions} submissions failed", batch.Count);
                await lane.DropAsync();
                Fail(batch, ex);
                return;
            }
        }
    }

    private async Task ProbeUntilUpAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!ct.IsCancellationRequested)
        {
            // Everything queued meanwhile fails fast too: nobody waits on a dead database.
            while (queue.Reader.TryRead(out var s))
            {
                queue.Taken(s);
                Fail([s], Unavailable(null));
            }
            await Task.Delay(delay, ct);
            try
            {
                await using var conn = await db.OpenConnectionAsync(ct);
                await using var cmd = new NpgsqlCommand("select 1", conn);
                await cmd.ExecuteScalarAsync(ct);
                _databaseDown = false;
                logger.LogInformation("PostgreSQL is reachable again; ingest resumes");
                return;
            }
            catch (Exception ex) when (IsConnectionProblem(ex))
            {
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    private IngestUnavailableException Unavailable(Exception? inner) =>
        new(UnavailableReason.DatabaseUnavailable, TimeSpan.FromSeconds(options.Value.RetryAfterSeconds),
            "The database is unavailable; nothing of this batch was stored. Retry later.", inner);

    private static void Fail(IEnumerable<Submission> batch, Exception ex)
    {
        foreach (var s in batch)
        {
            s.Completion.TrySetException(ex);
        }
    }

    internal static bool IsConnectionProblem(Exception ex) => ex switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException => true,
        SocketException or IOException or TimeoutException => true,
        InvalidOperationException { InnerException: { } inner } => IsConnectionProblem(inner),
        _ => false,
    };
}
