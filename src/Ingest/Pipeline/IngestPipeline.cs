using System.Net.Sockets;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Partitions;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Validation;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// <see cref="IIngestPipeline"/>: validates on the caller's thread against the cached reference data,
/// queues the valid items, and awaits the writer's commit.
/// </summary>
internal sealed class IngestPipeline(IngestQueue queue, IngestWriter writer, ReferenceCache cache,
    IOptions<IngestOptions> options, IOptions<RetentionOptions> retention, TimeProvider time) : IIngestPipeline
{
    public Task<IngestResult> SubmitActivitiesAsync(IReadOnlyList<ActivityItem> items, IngestScope? scope = null,
        Backpressure backpressure = Backpressure.Wait, CancellationToken ct = default) =>
        SubmitActivitiesAsync(Wrap(items, static i => i.EventId), scope, backpressure, ct);

    public Task<IngestResult> SubmitAttendanceAsync(IReadOnlyList<AttendanceItem> items, IngestScope? scope = null,
        Backpressure backpressure = Backpressure.Wait, CancellationToken ct = default) =>
        SubmitAttendanceAsync(Wrap(items, static i => i.EventId), scope, backpressure, ct);

    public Task<IngestResult> SubmitRatingsAsync(IReadOnlyList<RatingItem> items, IngestScope? scope = null,
        Backpressure backpressure = Backpressure.Wait, CancellationToken ct = default) =>
        SubmitRatingsAsync(Wrap(items, static i => i.EventId), scope, backpressure, ct);

    public Task<IngestResult> SubmitReviewsAsync(IReadOnlyList<ReviewItem> items, IngestScope? scope = null,
        Backpressure backpressure = Backpressure.Wait, CancellationToken ct = default) =>
        SubmitReviewsAsync(Wrap(items, static i => i.EventId), scope, backpressure, ct);

    internal Task<IngestResult> SubmitActivitiesAsync(IReadOnlyList<Parsed<ActivityItem>> items, IngestScope? scope,
        Backpressure backpressure, CancellationToken ct) =>
        SubmitAsync<ActivityItem, PreparedActivity>(IngestStream.Activities, items, static i => i.EventId,
            ActivityValidator.Validate, scope, backpressure, ct);

    internal Task<IngestResult> SubmitAttendanceAsync(IReadOnlyList<Parsed<AttendanceItem>> items, IngestScope? scope,
        Backpressure backpressure, CancellationToken ct) =>
        SubmitAsync<AttendanceItem, PreparedAttendance>(IngestStream.Attendance, items, static i => i.EventId,
            AttendanceValidator.Validate, scope, backpressure, ct);

    internal Task<IngestResult> SubmitRatingsAsync(IReadOnlyList<Parsed<RatingItem>> items, IngestScope? scope,
        Backpressure backpressure, CancellationToken ct) =>
        SubmitAsync<RatingItem, PreparedRating>(IngestStream.Ratings, items, static i => i.EventId,
            RatingValidator.Validate, scope, backpressure, ct);

    internal Task<IngestResult> SubmitReviewsAsync(IReadOnlyList<Parsed<ReviewItem>> items, IngestScope? scope,
        Backpressure backpressure, CancellationToken ct) =>
        SubmitAsync<ReviewItem, PreparedReview>(IngestStream.Reviews, items, static i => i.EventId,
            ReviewValidator.Validate, scope, backpressure, ct);

    private async Task<IngestResult> SubmitAsync<TItem, TPrepared>(IngestStream stream, IReadOnlyList<Parsed<TItem>> items,
        Func<TItem, Guid> eventIdOf, Validator<TItem, TPrepared> validate, IngestScope? scope, Backpressure backpressure,
        CancellationToken ct) where TItem : class where TPrepared : struct
    {
        var submission = await PrepareAsync(stream, items, eventIdOf, validate, scope, ct);
        var completion = await EnqueueAsync(submission, backpressure, ct);
        return await completion.WaitAsync(ct);
    }

    internal Task<Submission> PrepareActivitiesAsync(IReadOnlyList<Parsed<ActivityItem>> items, CancellationToken ct) =>
        PrepareAsync<ActivityItem, PreparedActivity>(IngestStream.Activities, items, static i => i.EventId,
            ActivityValidator.Validate, null, ct);

    internal Task<Submission> PrepareAttendanceAsync(IReadOnlyList<Parsed<AttendanceItem>> items, CancellationToken ct) =>
        PrepareAsync<AttendanceItem, PreparedAttendance>(IngestStream.Attendance, items, static i => i.EventId,
            AttendanceValidator.Validate, null, ct);

    internal Task<Submission> PrepareRatingsAsync(IReadOnlyList<Parsed<RatingItem>> items, CancellationToken ct) =>
        PrepareAsync<RatingItem, PreparedRating>(IngestStream.Ratings, items, static i => i.EventId,
            RatingValidator.Validate, null, ct);

    internal Task<Submission> PrepareReviewsAsync(IReadOnlyList<Parsed<ReviewItem>> items, CancellationToken ct) =>
        PrepareAsync<ReviewItem, PreparedReview>(IngestStream.Reviews, items, static i => i.EventId,
            ReviewValidator.Validate, null, ct);

    /// <summary>Validates a batch against the cached reference data (no queueing yet).</summary>
    internal async Task<Submission> PrepareAsync<TItem, TPrepared>(IngestStream stream, IReadOnlyList<Parsed<TItem>> items,
        Func<TItem, Guid> eventIdOf, Validator<TItem, TPrepared> validate, IngestScope? scope, CancellationToken ct)
        where TItem : class where TPrepared : struct
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
        var submission = SubmissionBuilder.Build(stream, items, ctx, eventIdOf, validate);
        if (ctx.Missed)
        {
            var fresh = await ReferencesAsync(cache.RefreshAfterMissAsync(ct));
            if (!ReferenceEquals(fresh, refs))
            {
                ctx = new ValidationContext(fresh, ctx.Scope, ctx.Now, ctx.Skew, ctx.OldestKeptMonth);
                submission = SubmissionBuilder.Build(stream, items, ctx, eventIdOf, validate);
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

    private static Parsed<T>[] Wrap<T>(IReadOnlyList<T> items, Func<T, Guid> id) where T : class
    {
        var parsed = new Parsed<T>[items.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            var item = items[i] ?? throw new ArgumentException($"Item {i} is null.", nameof(items));
            parsed[i] = new Parsed<T>(item, null, null);
        }
        return parsed;
    }
}
