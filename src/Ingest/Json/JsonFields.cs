using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Validation;

namespace Kinerja.Ingest.Json;

/// <summary>
/// Typed reads of one property value of an item with a per-field error instead of an exception when
/// the JSON type is wrong. The reader stands on the value token.
/// </summary>
internal static class JsonFields
{
    public static string Kind(JsonTokenType t) => t switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => t.ToString(),
    };

    /// <summary>Consumes the value (objects and arrays wholly) after a wrong-type error.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }
    }

    public static Guid Uuid(ref Utf8JsonReader reader, string field, ref List<FieldError>? errors, out string? raw)
    {
        raw = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return Guid.Empty;
        }
        if (reader.TokenType != JsonTokenType.String)
        {
            Errors.Add(ref errors, field, $"{field} must be a string holding a UUID; got {Kind(reader.TokenType)}.");
            SkipValue(ref reader);
            return Guid.Empty;
        }
        raw = String(ref reader, field, ref errors);
        if (raw is null)
        {
            return Guid.Empty;
        }
        if (!Guid.TryParse(raw, out var id))
        {
            Errors.Add(ref errors, field, $"{field} must be a UUID (e.g. 3f2b8c1e-6d4a-4f7e-9b1a-2c3d4e5f6a7b); got '{raw}'.");
            return Guid.Empty;
        }
        if (id == Guid.Empty)
        {
            Errors.Add(ref errors, field, $"{field} must not be the empty UUID.");
        }
        return id;
    }

    public static string? Text(ref Utf8JsonReader reader, string field, ref List<FieldError>? errors)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.String)
        {
            Errors.Add(ref errors, field, $"{field} must be a string; got {Kind(reader.TokenType)}.");
            SkipValue(ref reader);
            return null;
        }
        return String(ref reader, field, ref errors);
    }

    /// <summary>The string token's text; null with an error when it is not valid Unicode.</summary>
    private static string? String(ref Utf8JsonReader reader, string field, ref List<FieldError>? errors)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 bytes or an unpaired surrogate escape (\ud800): the reader throws this, not JsonException.
            Errors.Add(ref errors, field, $"{field} is not valid Unicode text (invalid UTF-8 or an unpaired surrogate escape).");
            return null;
        }
    }

    public static int? Int(ref Utf8JsonReader reader, string field, ref List<FieldError>? errors)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.Number)
        {
            Errors.Add(ref errors, field, $"{field} must be a whole number; got {Kind(reader.TokenType)}.");
            SkipValue(ref reader);
            return null;
        }
        if (reader.TryGetInt32(out var value))
        {
            return value;
        }
        if (reader.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue)
        {
            return (int)d;
        }
        Errors.Add(ref errors, field, $"{field} must be a whole number; got {Encoding.UTF8.GetString(reader.ValueSpan)}.");
        return null;
    }

    public static decimal? Decimal(ref Utf8JsonReader reader, string field, ref List<FieldError>? errors)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value))
        {
            Errors.Add(ref errors, field, $"{field} must be a number; got {Kind(reader.TokenType)}.");
            SkipValue(ref reader);
            return null;
        }
        return value;
    }

    public static bool? Bool(ref Utf8JsonReader reader, string field, ref List<FieldError>? errors)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            default:
                Errors.Add(ref errors, field, $"{field} must be true or false; got {Kind(reader.TokenType)}.");
                SkipValue(ref reader);
                return null;
        }
    }

    /// <summary>An ISO-8601 instant that must carry an offset (<c>Z</c> or <c>±hh:mm</c>).</summary>
    public static DateTimeOffset Instant(ref Utf8JsonReader reader, string field, ref List<FieldError>? errors)
    {
        // the common shape straight from the bytes (no string, no culture-aware parse); the rest as before
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
            && IsoInstant.TryParse(reader.ValueSpan, out var instant))
        {
            return instant;
        }
        var text = Text(ref reader, field, ref errors);
        if (text is null)
        {
            return default;
        }
        if (!TryParseInstant(text, out var value))
        {
            Errors.Add(ref errors, field,
                $"{field} must be an ISO-8601 date and time with a UTC offset (e.g. 2026-03-02T08:30:00+07:00 or 2026-03-02T01:30:00Z); got '{text}'.");
            return default;
        }
        return value;
    }

    public static bool TryParseInstant(string text, out DateTimeOffset value)
    {
        value = default;
        var t = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (t < 10 || !HasOffset(text.AsSpan(t + 1)))
        {
            return false;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static bool HasOffset(ReadOnlySpan<char> time)
    {
        if (time.Length > 0 && (time[^1] == 'Z' || time[^1] == 'z'))
        {
            return true;
        }
        var sign = time.LastIndexOfAny('+', '-');
        return sign >= 5 && time.Length - sign is 6 or 5 or 3;
    }

    /// <summary>A local date <c>YYYY-MM-DD</c>.</summary>
    public static DateOnly Date(ref Utf8JsonReader reader, string field, ref List<FieldError>? errors)
    {
        var text = Text(ref reader, field, ref errors);
        if (text is null)
        {
            return default;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            Errors.Add(ref errors, field, $"{field} must be a local date YYYY-MM-DD; got '{text}'.");
            return default;
        }
        return day;
    }

    public static void Required(bool present, string field, ref List<FieldError>? errors, string hint = "")
    {
        if (!present)
        {
            Errors.Add(ref errors, field, $"{field} is required{hint}.");
        }
    }

    /// <summary>Starts reading an item; false (with an error) when it is not a JSON object.</summary>
    public static bool StartObject(ref Utf8JsonReader reader, ref List<FieldError>? errors)
    {
        if (!reader.Read())
        {
            Errors.Add(ref errors, "", "The item is empty.");
            return false;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Errors.Add(ref errors, "", $"Each item must be a JSON object; got {Kind(reader.TokenType)}.");
            return false;
        }
        return true;
    }

    /// <summary>Moves to the next property name; false at the end of the object.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            return false;
        }
        return true;
    }

    public static Utf8JsonReader Reader(ReadOnlySequence<byte> json) =>
        new(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
}
