using System.Text.Json;
using Kinerja.Ingest.Contracts;

namespace Kinerja.Dashboard.Employees;

/// <summary>
/// One item of <c>POST /api/v1/team/reviews</c>. The reviewer and the time come from the session and the server clock,
/// never from the body.
/// </summary>
/// <param name="EventId">Client-made idempotency key of the review (required): a retry is answered <c>duplicate</c>.</param>
/// <param name="ActivityEventId">The reviewed activity of a direct report.</param>
/// <param name="Approved">Approve (true) or return (false).</param>
/// <param name="Note">The note to the employee (umpan balik); required when returning, at most 2000 characters.</param>
public sealed record TeamReviewRequest(Guid EventId, Guid ActivityEventId, bool Approved, string? Note);

/// <summary>An item as read: the request when every field was readable, else the field errors; the raw eventId text.</summary>
internal readonly record struct ReadReview(TeamReviewRequest? Request, string? RawEventId, List<FieldError>? Errors);

/// <summary>
/// Reads the body of <c>POST /api/v1/team/reviews</c> item by item, so one malformed item is one rejected item:
/// a JSON array of objects (or one object) with <c>eventId</c>, <c>activityEventId</c>, <c>approved</c> and <c>note</c>.
/// </summary>
internal static class TeamReviewReader
{
    private static readonly string[] Known = ["eventId", "activityEventId", "approved", "note"];

    /// <summary>The items of a parsed body; throws <see cref="FormatException"/> when the body as a whole is unusable.</summary>
    public static List<ReadReview> Read(JsonElement root, int maxItems)
    {
        var elements = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            JsonValueKind.Object => [root],
            _ => throw new FormatException("The body must be a JSON array of review items (or one item object)."),
        };
        if (elements.Count == 0)
        {
            throw new FormatException("The body holds no review items.");
        }
        if (elements.Count > maxItems)
        {
            throw new FormatException($"At most {maxItems} review items per request; got {elements.Count}.");
        }
        return elements.Select(ReadOne).ToList();
    }

    private static ReadReview ReadOne(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return new ReadReview(null, null, [new FieldError("", $"Each item must be a JSON object; got {e.ValueKind}.")]);
        }
        List<FieldError>? errors = null;
        foreach (var p in e.EnumerateObject())
        {
            if (!Known.Contains(p.Name, StringComparer.Ordinal))
            {
                var why = p.Name is "reviewerNip" or "at"
                    ? $"{p.Name} is not accepted here: the reviewer is the signed-in employee and the time is the server's."
                    : $"Unknown field '{p.Name}'; an item has eventId, activityEventId, approved and note.";
                Add(ref errors, p.Name, why);
            }
        }
        var rawEventId = e.TryGetProperty("eventId", out var ev) && ev.ValueKind == JsonValueKind.String ? Text(ev) : null;
        var eventId = Uuid(e, "eventId", " (a UUID the client makes once per review, so a retry is answered duplicate)", ref errors);
        var activityEventId = Uuid(e, "activityEventId", " (the eventId of the reviewed activity)", ref errors);
        bool approved = false;
        if (!e.TryGetProperty("approved", out var a) || a.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Add(ref errors, "approved", "approved is required: true (approve) or false (return with a note).");
        }
        else
        {
            approved = a.GetBoolean();
        }
        string? note = null;
        if (e.TryGetProperty("note", out var n) && n.ValueKind != JsonValueKind.Null)
        {
            if (n.ValueKind != JsonValueKind.String)
            {
                Add(ref errors, "note", $"note must be a string; got {n.ValueKind}.");
            }
            else if (Text(n) is { } text)
            {
                note = text;
            }
            else
            {
                Add(ref errors, "note", "note is not valid Unicode text (an unpaired surrogate escape).");
            }
        }
        if (!approved && a.ValueKind == JsonValueKind.False && string.IsNullOrWhiteSpace(note) && !Has(errors, "note"))
        {
            Add(ref errors, "note", "note is required when returning an activity (approved false): tell the employee what to correct.");
        }
        return errors is null
            ? new ReadReview(new TeamReviewRequest(eventId, activityEventId, approved, note), rawEventId, null)
            : new ReadReview(null, rawEventId, errors);
    }

    private static Guid Uuid(JsonElement e, string field, string hint, ref List<FieldError>? errors)
    {
        if (e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && Guid.TryParse(Text(v), out var id) && id != Guid.Empty)
        {
            return id;
        }
        Add(ref errors, field, $"{field} is required and must be a non-empty UUID{hint}.");
        return Guid.Empty;
    }

    private static string? Text(JsonElement v)
    {
        try
        {
            return v.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool Has(List<FieldError>? errors, string field) => errors?.Any(x => x.Field == field) ?? false;

    private static void Add(ref List<FieldError>? errors, string field, string message)
    {
        if (!Has(errors, field))
        {
            (errors ??= []).Add(new FieldError(field, message));
        }
    }
}
