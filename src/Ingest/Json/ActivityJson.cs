using System.Buffers;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;

namespace Kinerja.Ingest.Json;

/// <summary>Reads one activity item; throws <see cref="System.Text.Json.JsonException"/> only for invalid JSON.</summary>
internal static class ActivityJson
{
    public static Parsed<ActivityItem> Parse(ReadOnlySequence<byte> json)
    {
        var reader = JsonFields.Reader(json);
        List<FieldError>? errors = null;
        if (!JsonFields.StartObject(ref reader, ref errors))
        {
            return new(new ActivityItem(), null, errors);
        }
        Guid eventId = default;
        string? raw = null, nip = null, output = null, description = null, skp = null;
        DateTimeOffset occurredAt = default;
        int? minutes = null;
        decimal? volume = null;
        bool hasEventId = false, hasNip = false, hasOccurredAt = false, hasMinutes = false, hasDescription = false;
        while (JsonFields.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("eventId"u8))
            {
                reader.Read();
                hasEventId = reader.TokenType != System.Text.Json.JsonTokenType.Null;
                eventId = JsonFields.Uuid(ref reader, "eventId", ref errors, out raw);
            }
            else if (reader.ValueTextEquals("nip"u8))
            {
                reader.Read();
                nip = JsonFields.Text(ref reader, "nip", ref errors);
                hasNip = nip is not null || reader.TokenType != System.Text.Json.JsonTokenType.Null;
            }
            else if (reader.ValueTextEquals("occurredAt"u8))
            {
                reader.Read();
                hasOccurredAt = reader.TokenType != System.Text.Json.JsonTokenType.Null;
                occurredAt = JsonFields.Instant(ref reader, "occurredAt", ref errors);
            }
            else if (reader.ValueTextEquals("minutes"u8))
            {
                reader.Read();
                hasMinutes = reader.TokenType != System.Text.Json.JsonTokenType.Null;
                minutes = JsonFields.Int(ref reader, "minutes", ref errors);
            }
            else if (reader.ValueTextEquals("volume"u8))
            {
                reader.Read();
                volume = JsonFields.Decimal(ref reader, "volume", ref errors);
            }
            else if (reader.ValueTextEquals("output"u8))
            {
                reader.Read();
                output = JsonFields.Text(ref reader, "output", ref errors);
            }
            else if (reader.ValueTextEquals("description"u8))
            {
                reader.Read();
                hasDescription = reader.TokenType != System.Text.Json.JsonTokenType.Null;
                description = JsonFields.Text(ref reader, "description", ref errors);
            }
            else if (reader.ValueTextEquals("skpIndicator"u8))
            {
                reader.Read();
                skp = JsonFields.Text(ref reader, "skpIndicator", ref errors);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        JsonFields.Required(hasEventId, "eventId", ref errors, " (a UUID made by the client)");
        JsonFields.Required(hasNip, "nip", ref errors, " (the employee's 18-digit NIP)");
        JsonFields.Required(hasOccurredAt, "occurredAt", ref errors, " (ISO-8601 with offset)");
        JsonFields.Required(hasMinutes, "minutes", ref errors);
        JsonFields.Required(hasDescription, "description", ref errors);
        var item = new ActivityItem
        {
            EventId = eventId,
            Nip = nip ?? "",
            OccurredAt = occurredAt,
            Minutes = minutes ?? 0,
            Volume = volume,
            Output = output,
            Description = description ?? "",
            SkpIndicator = skp,
        };
        return new(item, raw, errors);
    }
}
