using Kinerja.Ingest.Contracts;

namespace Kinerja.Ingest;

/// <summary>How a submission behaves when the queue is full.</summary>
public enum Backpressure
{
    /// <summary>Wait for room (in-process producers: simulator, bulk import).</summary>
    Wait,

    /// <summary>Throw <see cref="IngestUnavailableException"/> at once (HTTP: 503 + Retry-After).</summary>
    Reject,
}

/// <summary>
/// The in-process write path shared by HTTP, bulk import and the demo simulator. Each call validates
/// the items, queues the valid ones for the single writer and completes after the writer's
/// transaction has committed: <see cref="ItemStatus.Accepted"/> means durably stored,
/// <see cref="ItemStatus.Duplicate"/> means the <c>eventId</c> was already stored (retrying is safe).
/// Throws <see cref="IngestUnavailableException"/> when the queue is full (in
/// <see cref="Backpressure.Reject"/> mode) or PostgreSQL is unreachable; then nothing was written.
/// Items of one call are committed in one transaction, in order, after earlier calls' items.
/// </summary>
public interface IIngestPipeline
{
    /// <summary>
    /// Submits a batch of one stream's items (<see cref="ActivityItem"/>, <see cref="AttendanceItem"/>,
    /// <see cref="RatingItem"/>, <see cref="ReviewItem"/>, or any other registered stream's item type).
    /// </summary>
    /// <exception cref="ArgumentException">No stream takes <typeparamref name="TItem"/>, or an item is null.</exception>
    Task<IngestResult> SubmitAsync<TItem>(IReadOnlyList<TItem> items, IngestScope? scope = null,
        Backpressure backpressure = Backpressure.Wait, CancellationToken ct = default) where TItem : class, new();
}
