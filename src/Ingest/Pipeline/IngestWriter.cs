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
internal sealed partial class IngestWriter(IngestQueue queue, NpgsqlDataSource db, ReferenceCache cache,
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
