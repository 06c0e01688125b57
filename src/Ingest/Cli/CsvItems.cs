using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;

namespace Kinerja.Ingest.Cli;

/// <summary>CSV record → item, column names as in the JSON contract (src/Ingest/README.md).</summary>
internal static class CsvItems
{
    public static Parsed<ActivityItem> Activity(CsvFields f)
    {
        var item = new ActivityItem
        {
            EventId = f.Uuid("eventId", out var raw),
            Nip = f.Required("nip") ?? "",
            OccurredAt = f.Instant("occurredAt"),
            Minutes = f.Int("minutes", required: true) ?? 0,
            Volume = f.Decimal("volume"),
            Output = f.Text("output"),
            Description = f.Required("description") ?? "",
            SkpIndicator = f.Text("skpIndicator"),
        };
        return new(item, raw, f.Errors);
    }

    public static Parsed<AttendanceItem> Attendance(CsvFields f)
    {
        var item = new AttendanceItem
        {
            EventId = f.Uuid("eventId", out var raw),
            Nip = f.Required("nip") ?? "",
            Day = f.Date("day"),
            Status = f.Required("status") ?? "",
            LateMinutes = f.Int("lateMinutes", required: false),
        };
        return new(item, raw, f.Errors);
    }

    public static Parsed<RatingItem> Rating(CsvFields f)
    {
        var item = new RatingItem
        {
            EventId = f.Uuid("eventId", out var raw),
            Nip = f.Text("nip"),
            UnitId = f.Text("unitId"),
            RaterRole = f.Required("raterRole") ?? "",
            RaterRef = f.Text("raterRef"),
            Aspect = f.Required("aspect") ?? "",
            Score = f.Int("score", required: true) ?? 0,
            Period = f.Required("period", " (the rated month, YYYY-MM)") ?? "",
            OccurredAt = f.Instant("occurredAt"),
        };
        return new(item, raw, f.Errors);
    }

    public static Parsed<ReviewItem> Review(CsvFields f)
    {
        var item = new ReviewItem
        {
            EventId = f.Uuid("eventId", out var raw),
            ActivityEventId = f.Uuid("activityEventId", out _),
            Approved = f.Bool("approved") ?? false,
            ReviewerNip = f.Required("reviewerNip") ?? "",
            At = f.Instant("at"),
        };
        return new(item, raw, f.Errors);
    }
}
