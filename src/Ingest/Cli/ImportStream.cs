using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Json;
using Kinerja.Ingest.Pipeline;

namespace Kinerja.Ingest.Cli;

/// <summary>How to read and submit one stream's file.</summary>
internal sealed record ImportStream<T>(
    string Name,
    string[] RequiredColumns,
    ItemParser<T> Json,
    Func<CsvFields, Parsed<T>> Csv,
    Func<IngestPipeline, IReadOnlyList<Parsed<T>>, CancellationToken, Task<Submission>> Prepare) where T : class, new();

internal static class ImportStreams
{
    public static readonly ImportStream<ActivityItem> Activities = new("activities",
        ["eventId", "nip", "occurredAt", "minutes", "description"], ActivityJson.Parse, CsvItems.Activity,
        (p, items, ct) => p.PrepareActivitiesAsync(items, ct));

    public static readonly ImportStream<AttendanceItem> Attendance = new("attendance",
        ["eventId", "nip", "day", "status"], AttendanceJson.Parse, CsvItems.Attendance,
        (p, items, ct) => p.PrepareAttendanceAsync(items, ct));

    public static readonly ImportStream<RatingItem> Ratings = new("ratings",
        ["eventId", "raterRole", "aspect", "score", "period", "occurredAt"], RatingJson.Parse, CsvItems.Rating,
        (p, items, ct) => p.PrepareRatingsAsync(items, ct));

    public static readonly ImportStream<ReviewItem> Reviews = new("reviews",
        ["eventId", "activityEventId", "approved", "reviewerNip", "at"], ReviewJson.Parse, CsvItems.Review,
        (p, items, ct) => p.PrepareReviewsAsync(items, ct));
}
