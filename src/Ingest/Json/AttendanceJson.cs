using System.Buffers;
using System.Text.Json;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;

namespace Kinerja.Ingest.Json;

internal static class AttendanceJson
{
    public static Parsed<AttendanceItem> Parse(ReadOnlySequence<byte> json)
    {
        var reader = JsonFields.Reader(json);
        List<FieldError>? errors = null;
        if (!JsonFields.StartObject(ref reader, ref errors))
        {
            return new(new AttendanceItem(), null, errors);
        }
        Guid eventId = default;
        string? raw = null, nip = null, status = null;
        DateOnly day = default;
        int? late = null;
        bool hasEventId = false, hasNip = false, hasDay = false, hasStatus = false;
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
                hasNip = reader.TokenType != JsonTokenType.Null;
                nip = JsonFields.Text(ref reader, "nip", ref errors);
            }
            else if (reader.ValueTextEquals("day"u8))
            {
                reader.Read();
                hasDay = reader.TokenType != JsonTokenType.Null;
                day = JsonFields.Date(ref reader, "day", ref errors);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                hasStatus = reader.TokenType != JsonTokenType.Null;
                status = JsonFields.Text(ref reader, "status", ref errors);
            }
            else if (reader.ValueTextEquals("lateMinutes"u8))
            {
                reader.Read();
                late = JsonFields.Int(ref reader, "lateMinutes", ref errors);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        JsonFields.Required(hasEventId, "eventId", ref errors, " (a UUID made by the client)");
        JsonFields.Required(hasNip, "nip", ref errors, " (the employee's 18-digit NIP)");
        JsonFields.Required(hasDay, "day", ref errors, " (the local date YYYY-MM-DD)");
        JsonFields.Required(hasStatus, "status", ref errors);
        var item = new AttendanceItem { EventId = eventId, Nip = nip ?? "", Day = day, Status = status ?? "", LateMinutes = late };
        return new(item, raw, errors);
    }
}
