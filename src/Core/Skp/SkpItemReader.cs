using System.Text.Json;

namespace Kinerja.Core.Skp;

/// <summary>
/// Reads the JSON array bodies of realisations and assessments into items, field by field: an item that cannot be read
/// carries its errors (and is answered <c>rejected</c>), the others go on to the store's checks against the plan. A
/// body that is not an array, or has more than <see cref="MaxItems"/> items, is a <see cref="FormatException"/> (400).
/// </summary>
public static class SkpItemReader
{
    /// <summary>Items per request (a person files a handful per period; this stops abuse).</summary>
    public const int MaxItems = 200;

    private const int MaxEventId = 100;

    public static List<SkpBatchItem<RealisationItem>> ReadRealisations(JsonElement body) => ReadArray(body, "realisations", ReadRealisation);

    public static List<SkpBatchItem<AssessmentItem>> ReadAssessments(JsonElement body) => ReadArray(body, "assessments", ReadAssessment);

    private static List<SkpBatchItem<T>> ReadArray<T>(JsonElement body, string what, Func<int, JsonElement, SkpBatchItem<T>> read) where T : class
    {
        if (body.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"The body must be a JSON array of {what}; got {body.ValueKind}.");
        }
        var count = body.GetArrayLength();
        if (count == 0 || count > MaxItems)
        {
            throw new FormatException($"Send 1 to {MaxItems} {what} per request; got {count}.");
        }
        return body.EnumerateArray().Select((e, i) => read(i, e)).ToList();
    }

    private static SkpBatchItem<RealisationItem> ReadRealisation(int index, JsonElement e)
    {
        var errors = new List<SkpFieldError>();
        if (e.ValueKind != JsonValueKind.Object)
        {
            return new(index, null, null, [new("", "Each realisation must be an object { eventId, indicatorId, period, value | text, note?, evidenceUrl? }.")]);
        }
        var eventId = EventId(e, errors);
        var indicatorId = Id(e, "indicatorId", errors);
        var period = PeriodKey(e, errors);
        decimal? value = null;
        string? text = null;
        var hasValue = e.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null;
        var hasText = e.TryGetProperty("text", out var t) && t.ValueKind != JsonValueKind.Null;
        if (hasValue == hasText)
        {
            errors.Add(new("value", "Give exactly one of value (a number, for an indicator with a numeric target) or text (for a qualitative target)."));
        }
        else if (hasValue)
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d) || d < 0)
            {
                errors.Add(new("value", "value must be a number of at least 0 (the realisation in the indicator's unit of measure)."));
            }
            else
            {
                value = d;
            }
        }
        else
        {
            text = Text(t, "text", SkpLimits.MaxNote, required: true, errors);
        }
        var note = e.TryGetProperty("note", out var n) ? Text(n, "note", SkpLimits.MaxNote, required: false, errors) : null;
        string? url = null;
        if (e.TryGetProperty("evidenceUrl", out var u) && Text(u, "evidenceUrl", 2000, required: false, errors) is { } link)
        {
            if (Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                url = link;
            }
            else
            {
                errors.Add(new("evidenceUrl", "evidenceUrl must be an absolute http(s) link to the evidence (bukti dukung)."));
            }
        }
        return errors.Count > 0
            ? new(index, eventId, null, errors)
            : new(index, eventId, new RealisationItem(eventId!, indicatorId!.Value, period!, value, text, note, url), []);
    }

    private static SkpBatchItem<AssessmentItem> ReadAssessment(int index, JsonElement e)
    {
        var errors = new List<SkpFieldError>();
        if (e.ValueKind != JsonValueKind.Object)
        {
            return new(index, null, null, [new("", "Each assessment must be an object { eventId, nip, rhkId, period, level, feedback? }.")]);
        }
        var eventId = EventId(e, errors);
        string? nip = null;
        if (!e.TryGetProperty("nip", out var np) || np.ValueKind != JsonValueKind.String
            || np.GetString() is not { Length: 18 } s || !s.All(char.IsAsciiDigit))
        {
            errors.Add(new("nip", "nip is required: the 18-digit NIP of your direct report."));
        }
        else
        {
            nip = s;
        }
        var rhkId = Id(e, "rhkId", errors);
        var period = PeriodKey(e, errors);
        string? level = null;
        if (!e.TryGetProperty("level", out var lv) || lv.ValueKind != JsonValueKind.String || !SkpLevel.All.Contains(lv.GetString()!))
        {
            errors.Add(new("level", $"level is required: one of {string.Join(", ", SkpLevel.All)} (ekspektasi)."));
        }
        else
        {
            level = lv.GetString();
        }
        var feedback = e.TryGetProperty("feedback", out var f) ? Text(f, "feedback", SkpLimits.MaxNote, required: false, errors) : null;
        return errors.Count > 0
            ? new(index, eventId, null, errors)
            : new(index, eventId, new AssessmentItem(eventId!, nip!, rhkId!.Value, period!, level!, feedback), []);
    }

    private static string? EventId(JsonElement e, List<SkpFieldError> errors)
    {
        if (e.TryGetProperty("eventId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 and <= MaxEventId } s
            && !s.Any(char.IsControl))
        {
            return s;
        }
        errors.Add(new("eventId", $"eventId is required: a client-made id of 1 to {MaxEventId} characters (a retry with the same id is a duplicate)."));
        return null;
    }

    private static long? Id(JsonElement e, string field, List<SkpFieldError> errors)
    {
        if (e.TryGetProperty(field, out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var n) && n > 0)
        {
            return n;
        }
        errors.Add(new(field, $"{field} is required: the id as GET /api/v1/me/skp answers it."));
        return null;
    }

    private static string? PeriodKey(JsonElement e, List<SkpFieldError> errors)
    {
        var key = e.TryGetProperty("period", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var (period, error) = SkpPeriods.Read(key, "period");
        if (error is not null)
        {
            errors.Add(error);
        }
        return period?.Key;
    }

    private static string? Text(JsonElement e, string field, int max, bool required, List<SkpFieldError> errors)
    {
        if (e.ValueKind == JsonValueKind.Null && !required)
        {
            return null;
        }
        if (e.ValueKind != JsonValueKind.String)
        {
            errors.Add(new(field, $"{field} must be text."));
            return null;
        }
        var s = e.GetString()!.Trim();
        if (s.Length == 0)
        {
            if (required)
            {
                errors.Add(new(field, $"{field} must not be empty."));
            }
            return null;
        }
        if (s.Length > max)
        {
            errors.Add(new(field, $"{field} is at most {max} characters; got {s.Length}."));
            return null;
        }
        return s;
    }
}
