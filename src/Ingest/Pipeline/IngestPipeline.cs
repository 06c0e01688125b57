using System.Net.Sockets;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Partitions;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams;
using Kinerja.Ingest.Validation;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// <see cref="IIngestPipeline"/>: validates on the caller's thread against the cached reference data (with the
/// stream's submission builder), queues the valid items, and awaits the writer's commit. HTTP, the CLI import and in-process
/// callers all go through one generic path, <c>PrepareAsync</c> then <c>EnqueueAsync</c> (the import calls the two
/// itself to keep several chunks in flight).
/// </summary>
internal sealed class IngestPipeline(IngestQueue queue, IngestWriter writer, ReferenceCache cache,
    IngestStreamRegistry streams, IOptions<IngestOptions> options, IOptions<RetentionOptions> retention, TimeProvider time) : IIngestPipeline
{
    public Task<IngestResult> SubmitAsync<TItem>(IReadOnlyList<TItem> items, IngestScope? scope = null,
        Backpressure backpressure = Backpressure.Wait, CancellationToken ct = default) where TItem : class, new()
    {
        var builder = streams.Of<TItem>().Builder;
        return SubmitAsync(builder, builder.Wrap(items), scope, backpressure, ct);
    }

    /// <summary>The one submit path of every stream and caller: validate, queue, await the commit.</summary>
    internal async Task<IngestResult> SubmitAsync<TItem>(SubmissionBuilder<TItem> builder, IReadOnlyList<Parsed<TItem>> items,
        IngestScope? scope, Backpressure backpressure, CancellationToken ct) where TItem : class
    {
        var submission = await PrepareAsync(builder, items, scope, ct);
        var completion = await EnqueueAsync(submission, backpressure, ct);
        return await completion.WaitAsync(ct);
    }

    /// <summary>Validates a batch against the cached reference data with the stream's builder (no queueing yet).</summary>
    internal async Task<Submission> PrepareAsync<TItem>(SubmissionBuilder<TItem> builder, IReadOnlyList<Parsed<TItem>> items,
        IngestScope? scope, CancellationToken ct) where TItem : class
    {
        writer.EnsureStarted();
        if (writer.DatabaseDown)
        {
            throw DatabaseUnavailable(null);
        }
        var refs = await ReferencesAsync(cache.GetAsync(ct));
        var now = time.GetUtcNow();
        var ctx = new ValidationContext(refs, scope ?? IngestScope.Unrestricted, now, options.Value.ClockSkew,
            retention.Value.OldestKeptMonth(now));
        var submission = builder.Build(items, ctx);
        if (ctx.Missed)
        {
            var fresh = await ReferencesAsync(cache.RefreshAfterMissAsync(ct));
            if (!ReferenceEquals(fresh, refs))
            {
                ctx = new ValidationContext(fresh, ctx.Scope, ctx.Now, ctx.Skew, ctx.OldestKeptMonth);
                submission = builder.Build(items, ctx);
            }
        }
        return submission;
    }

    /// <summary>
    /// Queues a prepared submission; completes once it is queued (in call order) with the task of its
    /// commit. A submission with nothing to write completes at once.
    /// </summary>
    internal async Task<Task<IngestResult>> EnqueueAsync(Submission submission, Backpressure backpressure, CancellationToken ct)
    {
        if (submission.PendingCount == 0)
        {
            writer.Metrics.Completed(submission);
            return Task.FromResult(submission.BuildResult());
        }
        while (!queue.TryEnqueue(submission))
        {
            if (backpressure == Backpressure.Reject)
            {
                throw new IngestUnavailableException(UnavailableReason.QueueFull,
                    TimeSpan.FromSeconds(options.Value.RetryAfterSeconds),
                    $"The ingest queue is full ({queue.Capacity} items); nothing of this batch was stored. Retry later.");
            }
            await queue.WaitForRoomAsync(ct);
            if (writer.DatabaseDown)
            {
                throw DatabaseUnavailable(null);
            }
        }
        return submission.Completion.Task;
    }

    private async Task<ReferenceData> ReferencesAsync(ValueTask<ReferenceData> load)
    {
        try
        {
            return await load;
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            throw DatabaseUnavailable(ex);
        }
    }

    private IngestUnavailableException DatabaseUnavailable(Exception? inner) =>
        new(UnavailableReason.DatabaseUnavailable, TimeSpan.FromSeconds(options.Value.RetryAfterSeconds),
            "The database is unavailable; nothing of this batch was stored. Retry later.", inner);
}
