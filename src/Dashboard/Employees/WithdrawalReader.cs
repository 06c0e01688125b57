using System.Text.Json;
using Kinerja.Ingest.Contracts;

namespace Kinerja.Dashboard.Employees;

/// <summary>
/// One item of <c>POST /api/v1/me/activities/withdrawals</c>. The employee (NIP) and the time come from the session and
/// the server clock, never from the body.
/// </summary>
/// <param name="EventId">Client-made idempotency key of the withdrawal (required): a retry is answered <c>duplicate</c>.</param>
/// <param name="ActivityEventId">The employee's own pending or returned activity to withdraw.</param>
/// <param name="ReplacedBy">Optional: the employee's new activity that replaces it (an edit), sent before or in the same batch.</param>
public sealed record WithdrawalRequest(Guid EventId, Guid ActivityEventId, Guid? ReplacedBy);

/// <summary>An item as read: the request when every field was readable, else the field errors; the raw eventId text.</summary>
internal readonly record struct ReadWithdrawal(WithdrawalRequest? Request, string? RawEventId, List<FieldError>? Errors);

/// <summary>
/// Reads the body of <c>POST /api/v1/me/activities/withdrawals</c> item by item, so one malformed item is one rejected
/// item: a JSON array of objects (or one object) with <c>eventId</c>, <c>activityEventId</c> and optional <c>replacedBy</c>.
/// </summary>
internal static class WithdrawalReader
{
    private static readonly string[] Known = ["eventId", "activityEventId", "replacedBy"];

    /// <summary>The items of a parsed body; throws <see cref="FormatException"/> when the body as a whole is unusable.</summary>
    public static List<ReadWithdrawal> Read(JsonElement root, int maxItems)
    {
        var elements = root.ValueKind switch
        {
            JsonValueKind.Array => root.GetArrayLength() <= maxItems
                ? root.EnumerateArray().ToList()
                : throw new FormatException($"At most {maxItems} withdrawal items per request; got {root.GetArrayLength()}."),
            JsonValueKind.Object => [root],
            _ => throw new FormatException($"The body must be a JSON array of withdrawal items (or one item object); got {root.ValueKind}."),
        };
        if (elements.Count == 0)
        {
            throw new FormatException("The body holds no withdrawal items.");
        }
        return elements.Select(ReadOne).ToList();
    }

    private static ReadWithdrawal ReadOne(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return new ReadWithdrawal(null, null, [new FieldError("", $"Each item must be a JSON object; got {e.ValueKind}.")]);
        }
        List<FieldError>? errors = null;
        foreach (var p in e.EnumerateObject())
        {
            if (!Known.Contains(p.Name, StringComparer.Ordinal))
            {
                var why = p.Name is "nip" or "occurredAt"
                    ? $"{p.Name} is not accepted here: the employee is the signed-in one and the time is the server's."
                    : $"Unknown field '{p.Name}'; an item has eventId, activityEventId and replacedBy.";
                Add(ref errors, p.Name, why);
            }
        }
        var rawEventId = e.TryGetProperty("eventId", out var ev) && ev.ValueKind == JsonValueKind.String ? Text(ev) : null;
        var eventId = Uuid(e, "eventId", " (a UUID the client makes once per withdrawal, so a retry is answered duplicate)", ref errors);
        var activityEventId = Uuid(e, "activityEventId", " (the eventId of the activity to withdraw)", ref errors);
        Guid? replacedBy = null;
        if (e.TryGetProperty("replacedBy", out var r) && r.ValueKind != JsonValueKind.Null)
        {
            replacedBy = Uuid(e, "replacedBy", " (the eventId of the new activity), or null", ref errors);
            if (replacedBy == activityEventId && replacedBy != Guid.Empty)
            {
                Add(ref errors, "replacedBy", "replacedBy must name the new activity, not the withdrawn one (activityEventId).");
            }
        }
        return errors is null
            ? new ReadWithdrawal(new WithdrawalRequest(eventId, activityEventId, replacedBy), rawEventId, null)
            : new ReadWithdrawal(null, rawEventId, errors);
    }

    private static Guid Uuid(JsonElement e, string field, string hint, ref List<FieldError>? errors)
    {
        if (!e.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            Add(ref errors, field, $"{field} is required{hint}.");
            return Guid.Empty;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            Add(ref errors, field, $"{field} must be a UUID string{hint}; got {v.ValueKind}.");
            return Guid.Empty;
        }
        var text = Text(v);
        if (!Guid.TryParse(text, out var id))
        {
            Add(ref errors, field, $"{field} must be a UUID{hint}; got '{Shorten(text)}'.");
            return Guid.Empty;
        }
        if (id == Guid.Empty)
        {
            Add(ref errors, field, $"{field} must not be the empty UUID{hint}.");
        }
        return id;
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";

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

    private static void Add(ref List<FieldError>? errors, string field, string message)
    {
        if (!(errors?.Any(x => x.Field == field) ?? false))
        {
            (errors ??= []).Add(new FieldError(field, message));
        }
    }
}
