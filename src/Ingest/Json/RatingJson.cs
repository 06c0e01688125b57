using System.Buffers;
using System.Text.Json;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;

namespace Kinerja.Ingest.Json;

internal static class RatingJson
{
    public static Parsed<RatingItem> Parse(ReadOnlySequence<byte> json)
    {
        var reader = JsonFields.Reader(json);
        List<FieldError>? errors = null;
        if (!JsonFields.StartObject(ref reader, ref errors))
        {
            return new(new RatingItem(), null, errors);
        }
        Guid eventId = default;
        string? raw = null, nip = null, unitId = null, role = null, raterRef = null, aspect = null, period = null;
        int? score = null;
        DateTimeOffset occurredAt = default;
        bool hasEventId = false, hasRole = false, hasAspect = false, hasScore = false, hasPeriod = false, hasOccurredAt = false;
        while (JsonFields.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("eventId"u8))
            {
                reader.Read();
                hasEventId = reader.TokenType != JsonTokenType.Null;
                eventId = JsonFields.Uuid(ref reader, "eventId", ref errors, out raw);
            }
            else if (reader.ValueTextEquals("nip"u8))
            {
                reader.Read();
                nip = JsonFields.Text(ref reader, "nip", ref errors);
            }
            else if (reader.ValueTextEquals("unitId"u8))
            {
                reader.Read();
                unitId = JsonFields.Text(ref reader, "unitId", ref errors);
            }
            else if (reader.ValueTextEquals("raterRole"u8))
            {
                reader.Read();
                hasRole = reader.TokenType != JsonTokenType.Null;
                role = JsonFields.Text(ref reader, "raterRole", ref errors);
            }
            else if (reader.ValueTextEquals("raterRef"u8))
            {
                reader.Read();
                raterRef = JsonFields.Text(ref reader, "raterRef", ref errors);
            }
            else if (reader.ValueTextEquals("aspect"u8))
            {
                reader.Read();
                hasAspect = reader.TokenType != JsonTokenType.Null;
                aspect = JsonFields.Text(ref reader, "aspect", ref errors);
            }
            else if (reader.ValueTextEquals("score"u8))
            {
                reader.Read();
                hasScore = reader.TokenType != JsonTokenType.Null;
                score = JsonFields.Int(ref reader, "score", ref errors);
            }
            else if (reader.ValueTextEquals("period"u8))
            {
                reader.Read();
                hasPeriod = reader.TokenType != JsonTokenType.Null;
                period = JsonFields.Text(ref reader, "period", ref errors);
            }
            else if (reader.ValueTextEquals("occurredAt"u8))
            {
                reader.Read();
                hasOccurredAt = reader.TokenType != JsonTokenType.Null;
                occurredAt = JsonFields.Instant(ref reader, "occurredAt", ref errors);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        JsonFields.Required(hasEventId, "eventId", ref errors, " (a UUID made by the client)");
        JsonFields.Required(hasRole, "raterRole", ref errors);
        JsonFields.Required(hasAspect, "aspect", ref errors);
        JsonFields.Required(hasScore, "score", ref errors, " (1 to 5)");
        JsonFields.Required(hasPeriod, "period", ref errors, " (the rated month, YYYY-MM)");
        JsonFields.Required(hasOccurredAt, "occurredAt", ref errors, " (ISO-8601 with offset)");
        var item = new RatingItem
        {
            EventId = eventId,
            Nip = nip,
            UnitId = unitId,
            RaterRole = role ?? "",
            RaterRef = raterRef,
            Aspect = aspect ?? "",
            Score = score ?? 0,
            Period = period ?? "",
            OccurredAt = occurredAt,
        };
        return new(item, raw, errors);
    }
}
