using System.Buffers;
using System.Text.Json;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;

namespace Kinerja.Ingest.Json;

internal static class ReviewJson
{
    public static Parsed<ReviewItem> Parse(ReadOnlySequence<byte> json)
    {
        var reader = JsonFields.Reader(json);
        List<FieldError>? errors = null;
        if (!JsonFields.StartObject(ref reader, ref errors))
        {
            return new(new ReviewItem(), null, errors);
        }
        Guid eventId = default, activityEventId = default;
        string? raw = null, reviewer = null;
        bool? approved = null;
        DateTimeOffset at = default;
        bool hasEventId = false, hasActivity = false, hasReviewer = false, hasAt = false;
        while (JsonFields.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("eventId"u8))
            {
                reader.Read();
                hasEventId = reader.TokenType != JsonTokenType.Null;
                eventId = JsonFields.Uuid(ref reader, "eventId", ref errors, out raw);
            }
            else if (reader.ValueTextEquals("activityEventId"u8))
            {
                reader.Read();
                hasActivity = reader.TokenType != JsonTokenType.Null;
                activityEventId = JsonFields.Uuid(ref reader, "activityEventId", ref errors, out _);
            }
            else if (reader.ValueTextEquals("approved"u8))
            {
                reader.Read();
                approved = JsonFields.Bool(ref reader, "approved", ref errors);
            }
            else if (reader.ValueTextEquals("reviewerNip"u8))
            {
                reader.Read();
                hasReviewer = reader.TokenType != JsonTokenType.Null;
                reviewer = JsonFields.Text(ref reader, "reviewerNip", ref errors);
            }
            else if (reader.ValueTextEquals("at"u8))
            {
                reader.Read();
                hasAt = reader.TokenType != JsonTokenType.Null;
                at = JsonFields.Instant(ref reader, "at", ref errors);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        JsonFields.Required(hasEventId, "eventId", ref errors, " (a UUID made by the client)");
        JsonFields.Required(hasActivity, "activityEventId", ref errors, " (the eventId of the reviewed activity)");
        JsonFields.Required(approved is not null || Validation.Errors.Has(errors, "approved"), "approved", ref errors, " (true or false)");
        JsonFields.Required(hasReviewer, "reviewerNip", ref errors, " (the supervisor's NIP)");
        JsonFields.Required(hasAt, "at", ref errors, " (ISO-8601 with offset)");
        var item = new ReviewItem
        {
            EventId = eventId,
            ActivityEventId = activityEventId,
            Approved = approved ?? false,
            ReviewerNip = reviewer ?? "",
            At = at,
        };
        return new(item, raw, errors);
    }
}
