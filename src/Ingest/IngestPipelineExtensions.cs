using Kinerja.Ingest.Contracts;

namespace Kinerja.Ingest;

/// <summary>Named shorthands of <see cref="IIngestPipeline.SubmitAsync{TItem}"/> for the first four streams.</summary>
public static class IngestPipelineExtensions
{
    public static Task<IngestResult> SubmitActivitiesAsync(this IIngestPipeline pipeline, IReadOnlyList<ActivityItem> items,
        IngestScope? scope = null, Backpressure backpressure = Backpressure.Wait, CancellationToken ct = default) =>
        pipeline.SubmitAsync(items, scope, backpressure, ct);

    public static Task<IngestResult> SubmitAttendanceAsync(this IIngestPipeline pipeline, IReadOnlyList<AttendanceItem> items,
        IngestScope? scope = null, Backpressure backpressure = Backpressure.Wait, CancellationToken ct = default) =>
        pipeline.SubmitAsync(items, scope, backpressure, ct);

    public static Task<IngestResult> SubmitRatingsAsync(this IIngestPipeline pipeline, IReadOnlyList<RatingItem> items,
        IngestScope? scope = null, Backpressure backpressure = Backpressure.Wait, CancellationToken ct = default) =>
        pipeline.SubmitAsync(items, scope, backpressure, ct);

    public static Task<IngestResult> SubmitReviewsAsync(this IIngestPipeline pipeline, IReadOnlyList<ReviewItem> items,
        IngestScope? scope = null, Backpressure backpressure = Backpressure.Wait, CancellationToken ct = default) =>
        pipeline.SubmitAsync(items, scope, backpressure, ct);

    public static Task<IngestResult> SubmitWithdrawalsAsync(this IIngestPipeline pipeline, IReadOnlyList<WithdrawalItem> items,
        IngestScope? scope = null, Backpressure backpressure = Backpressure.Wait, CancellationToken ct = default) =>
        pipeline.SubmitAsync(items, scope, backpressure, ct);
}
