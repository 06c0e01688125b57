using System.Text.Json;
using Kinerja.Core.Survey;
using Kinerja.Ingest.Contracts;

namespace Kinerja.Dashboard.Survey;

/// <summary>
/// Reads the citizen's JSON (<c>{ "responseId", "serviceId"?, "officerNip"?, "answers": { "u1".."u9" },
/// "profile"?: { "ageBand", "sex", "education", "occupation" }, "comment"? }</c>) into a <see cref="SurveyItem"/>.
/// The shape is checked here (types, unknown and missing members, each named by its path, e.g. <c>answers.u3</c>);
/// values are checked by the survey stream's validator. <see cref="Honeypot"/> is the field people do not see.
/// </summary>
public static class SurveyRequestReader
{
    /// <summary>The hidden form field only robots fill; a request with it non-empty is answered but not stored.</summary>
    public const string Honeypot = "website";

    private static readonly string[] TopLevel = ["responseId", "serviceId", "officerNip", "answers", "profile", "comment", Honeypot];

    private static readonly string[] ProfileFields = ["ageBand", "sex", "education", "occupation"];

    /// <summary>The outcome of reading: an item, or the errors by field path; <c>Trap</c> when the honeypot was filled.</summary>
    public sealed record Read(SurveyItem? Item, IReadOnlyDictionary<string, string[]> Errors, bool Trap);

    public static Read Parse(ReadOnlySpan<byte> body, string unitId, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            errors[""] = [$"The body is not valid JSON: {e.Message}"];
            return new Read(null, errors, false);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors[""] = [$"The body must be a JSON object; got {Kind(root)}."];
                return new Read(null, errors, false);
            }
            Unknown(root, TopLevel, "", errors);
            if (root.TryGetProperty(Honeypot, out var trap) && trap.ValueKind == JsonValueKind.String && trap.GetString()!.Length > 0)
            {
                return new Read(null, errors, true);
            }
            var responseId = Guid.Empty;
            if (!root.TryGetProperty("responseId", out var id) || id.ValueKind == JsonValueKind.Null)
            {
                errors["responseId"] = ["responseId is required (a UUID made by the client, the same on every retry)."];
            }
            else if (id.ValueKind != JsonValueKind.String || !Guid.TryParse(id.GetString(), out responseId) || responseId == Guid.Empty)
            {
                errors["responseId"] = [$"responseId must be a non-empty UUID string; got {Kind(id)}."];
            }
            var answers = Answers(root, errors);
            var profile = Profile(root, errors);
            var item = new SurveyItem
            {
                EventId = responseId,
                UnitId = unitId,
                ServiceId = Text(root, "serviceId", "", errors),
                OfficerNip = Text(root, "officerNip", "", errors),
                U1 = answers[0], U2 = answers[1], U3 = answers[2], U4 = answers[3], U5 = answers[4],
                U6 = answers[5], U7 = answers[6], U8 = answers[7], U9 = answers[8],
                AgeBand = profile[0],
                Sex = profile[1],
                Education = profile[2],
                Occupation = profile[3],
                Comment = Text(root, "comment", "", errors),
                SubmittedAt = now,
            };
            return new Read(errors.Count == 0 ? item : null, errors, false);
        }
    }

    /// <summary>The path of a stream field in the citizen's contract (<c>u3</c> → <c>answers.u3</c>).</summary>
    public static string PathOf(string streamField) => streamField switch
    {
        "eventId" => "responseId",
        "ageBand" or "sex" or "education" or "occupation" => "profile." + streamField,
        _ when SurveyElements.Codes.Contains(streamField) => "answers." + streamField,
        _ => streamField,
    };

    private static int[] Answers(JsonElement root, Dictionary<string, string[]> errors)
    {
        var values = new int[SurveyElements.Count];
        if (!root.TryGetProperty("answers", out var answers) || answers.ValueKind == JsonValueKind.Null)
        {
            errors["answers"] = ["answers is required: an object with u1..u9, each a whole number from 1 to 4."];
            return values;
        }
        if (answers.ValueKind != JsonValueKind.Object)
        {
            errors["answers"] = [$"answers must be an object with u1..u9; got {Kind(answers)}."];
            return values;
        }
        Unknown(answers, SurveyElements.Codes, "answers.", errors);
        for (var i = 0; i < values.Length; i++)
        {
            var path = "answers." + SurveyElements.Codes[i];
            if (!answers.TryGetProperty(SurveyElements.Codes[i], out var v) || v.ValueKind == JsonValueKind.Null)
            {
                errors[path] = [$"{path} is required (a whole number from 1 to 4)."];
            }
            else if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out values[i]))
            {
                errors[path] = [$"{path} must be a whole number from 1 to 4; got {Kind(v)}."];
            }
            else if (values[i] is < SurveyElements.MinAnswer or > SurveyElements.MaxAnswer)
            {
                errors[path] = [$"{path} must be a whole number from 1 to 4; got {values[i]}."];
            }
        }
        return values;
    }

    private static string?[] Profile(JsonElement root, Dictionary<string, string[]> errors)
    {
        var values = new string?[ProfileFields.Length];
        if (!root.TryGetProperty("profile", out var profile) || profile.ValueKind == JsonValueKind.Null)
        {
            return values;
        }
        if (profile.ValueKind != JsonValueKind.Object)
        {
            errors["profile"] = [$"profile must be an object with ageBand, sex, education, occupation; got {Kind(profile)}."];
            return values;
        }
        Unknown(profile, ProfileFields, "profile.", errors);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Text(profile, ProfileFields[i], "profile.", errors);
        }
        return values;
    }

    private static string? Text(JsonElement obj, string name, string prefix, Dictionary<string, string[]> errors)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            errors[prefix + name] = [$"{prefix}{name} must be a string; got {Kind(v)}."];
            return null;
        }
        try
        {
            return v.GetString();
        }
        catch (InvalidOperationException)
        {
            // an escaped lone surrogate (\ud800) is valid JSON but not text
            errors[prefix + name] = [$"{prefix}{name} is not valid Unicode text (an unpaired surrogate)."];
            return null;
        }
    }

    private static void Unknown(JsonElement obj, IReadOnlyList<string> allowed, string prefix, Dictionary<string, string[]> errors)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (!allowed.Contains(p.Name))
            {
                var name = p.Name.Length <= 40 ? p.Name : p.Name[..40] + "…";
                errors[prefix + name] = [$"{prefix}{name} is not a field of the survey; allowed: {string.Join(", ", allowed.Where(a => a != Honeypot))}."];
            }
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "the number " + e.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
