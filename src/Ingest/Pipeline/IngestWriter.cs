using Kinerja.Ingest.Partitions;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams;
using Kinerja.Ingest.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The single writer, a hosted service: takes submissions off the queue until a batch is full or the batch deadline
/// passes, writes the batch as one <see cref="BatchTransaction"/>, then completes the callers. Two connections take
/// turns: a batch of nothing but activities COPYs on one while the batch before it finishes (claims, rollups,
/// commit) on the other (<see cref="OverlappedBatch"/>); any other batch, and any batch whose overlapped write
/// failed, is written serially once nothing else is in flight (<see cref="BatchWriter"/>). Failures are retried as
/// <see cref="WriteRetryPolicy"/> says; when PostgreSQL stays unreachable it fails the batch (and everything queued)
/// with <see cref="IngestUnavailableException"/>, marks the database down (new submissions fail fast) and probes
/// until it is back.
/// </summary>
/// <remarks>
/// Lifetime: the host starts it (preloading the reference data); a caller without a host (the CLI's private
/// pipeline, the bench) starts it on first use with <see cref="EnsureStarted"/>. <see cref="StopAsync"/> stops
/// taking new work and writes what is queued; if the host's stop timeout passes first, whatever is left fails with
/// <c>ShuttingDown</c> (nothing is acknowledged that was not committed).
/// </remarks>
internal sealed partial class IngestWriter(IngestQueue queue, NpgsqlDataSource db, ReferenceCache cache,
    IngestStreamRegistry streams, IngestMetrics metrics, IOptions<IngestOptions> options, ILogger<IngestWriter> logger) : BackgroundService, IAsyncDisposable
{
    private readonly Lock _startLock = new();
    private readonly WriterConnection[] _lanes = [new(db, streams.StagingSql), new(db, streams.StagingSql)];
    private bool _started;
    private int _lane;
    private volatile bool _databaseDown;
    private long _overlapped;
    private readonly KnownMonths _months = new(streams.PartitionedTables);

    /// <summary>Batches committed through the overlapped path (the rest were written serially).</summary>
    public long OverlappedBatches => Interlocked.Read(ref _overlapped);

    /// <summary>True from a failed write until a probe reaches PostgreSQL again.</summary>
    public bool DatabaseDown => _databaseDown;

    /// <summary>The ingest meter (item outcomes are recorded where submissions complete).</summary>
    public IngestMetrics Metrics => metrics;

    /// <summary>Test seam: awaited before each batch is written (lets tests hold the writer).</summary>
    internal Func<CancellationToken, Task>? BeforeBatch { get; set; }

    /// <summary>Starts the loop if it is not running yet (for callers without a host; idempotent).</summary>
    public void EnsureStarted() => _ = StartLoopAsync();

    /// <summary>Started by the host: starts the loop, then preloads the reference data.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await StartLoopAsync();
        try
        {
            await cache.ReloadAsync(TimeSpan.Zero, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            // Not fatal: the first submission loads it (or answers 503 while the database is away).
            logger.LogWarning(ex, "Could not preload ingest reference data");
        }
    }

    /// <summary>Stops taking new work and writes what is queued; when <paramref name="cancellationToken"/> fires first, fails the rest.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (ExecuteTask is not { } loop)
        {
            return;
        }
        try
        {
            await loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // the host's stop timeout: cancel the loop, which fails what it still holds
            await base.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Complete();
        // cancels the loop if it still runs (what it holds fails with ShuttingDown)
        base.Dispose();
        if (ExecuteTask is { } loop)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
            }
        }
        foreach (var lane in _lanes)
        {
            await lane.DisposeAsync();
        }
    }

    public override void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Task StartLoopAsync()
    {
        lock (_startLock)
        {
            if (_started)
            {
                return Task.CompletedTask;
            }
            _started = true;
        }
        // not linked to the caller's token: only StopAsync (or disposal) ends the loop
        return base.StartAsync(CancellationToken.None);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => RunAsync(stoppingToken), CancellationToken.None);

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
            var shuttingDown = new IngestUnavailableException(UnavailableReason.ShuttingDown, WriteRetryPolicy.ShuttingDownRetryAfter,
                "Ingest is shutting down.");
            Fail(batch, shuttingDown);
            foreach (var lane in _lanes)
            {
                if (await TakePendingAsync(lane) is { } unfinished)
                {
                    Fail(unfinished.Submissions, shuttingDown);
                }
            }
            while (queue.Reader.TryRead(out var s))
            {
                queue.Taken(s);
                Fail([s], shuttingDown);
            }
        }
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

    /// <param name="careful">The batch is known to conflict: write it carefully at once (<see cref="BatchWriter"/>).</param>
    private async Task WriteAsync(WriterConnection lane, List<Submission> batch, CancellationToken ct, bool careful = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var conn = await lane.OpenAsync(ct);
                var accepted = await BatchWriter.WriteAsync(conn, batch, cache.Current, _months, metrics, careful, ct);
                _databaseDown = false;
                Complete(batch);
                logger.LogDebug("Committed a batch of {Submissions} submissions, {Accepted} new events",
                    batch.Count, accepted);
                return;
            }
            catch (Exception ex) when (WriteRetryPolicy.Classify(ex) == WriteFailure.Connection && !ct.IsCancellationRequested)
            {
                await lane.DropAsync();
                if (attempt < WriteRetryPolicy.ConnectionAttempts)
                {
                    metrics.Redone(WriteFailure.Connection);
                    logger.LogInformation(ex, "Ingest batch failed on a broken connection; retrying on a fresh one");
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

    /// <summary>Acknowledges committed submissions (their outcomes are final) and counts their items.</summary>
    private void Complete(IEnumerable<Submission> batch)
    {
        foreach (var s in batch)
        {
            metrics.Completed(s);
            s.Completion.TrySetResult(s.BuildResult());
        }
    }

    private async Task ProbeUntilUpAsync(CancellationToken ct)
    {
        var delay = WriteRetryPolicy.FirstProbeDelay;
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
            catch (Exception ex) when (WriteRetryPolicy.IsConnectionProblem(ex))
            {
                delay = WriteRetryPolicy.NextProbeDelay(delay);
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
}
