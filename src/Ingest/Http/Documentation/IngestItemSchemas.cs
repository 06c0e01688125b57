using System.Text.Json.Nodes;
using Kinerja.Core.Domain;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Validation;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kinerja.Ingest.Http.Documentation;

/// <summary>
/// Gives the item schemas of the OpenAPI document the constraints the parsers and validators enforce (required
/// fields, NIP pattern, UUIDs, times with offset, bounds, codes), taken from the same constants. Checks that need
/// reference data (NIP registered, source scope, the region's daily maximum, supervisor) are described in words.
/// </summary>
internal static class IngestItemSchemas
{
    /// <summary>No region's daily maximum can exceed a day (the reference import refuses more).</summary>
    private const int MinutesInADay = 24 * 60;

    /// <summary>RFC 3339 date-time always has an offset; the pattern says so for validators that skip formats.</summary>
    private const string InstantPattern = "(Z|z|[+-][0-9]{2}:[0-9]{2})$";

    public static void Apply(OpenApiSchema schema, Type type)
    {
        if (type == typeof(ActivityItem))
        {
            Activity(schema);
        }
        else if (type == typeof(AttendanceItem))
        {
            Attendance(schema);
        }
        else if (type == typeof(RatingItem))
        {
            Rating(schema);
        }
        else if (type == typeof(ReviewItem))
        {
            Review(schema);
        }
    }

    private static void Activity(OpenApiSchema s)
    {
        s.Description = "One daily activity claim. Stored pending until the employee's superior reviews it.";
        Require(s, "eventId", "nip", "occurredAt", "minutes", "description");
        EventId(P(s, "eventId"), "Client-made idempotency key; a retry with the same id is answered `duplicate`.");
        EmployeeNip(P(s, "nip"), "The employee who did the work.");
        Instant(P(s, "occurredAt"), "When the work was done. Its local day in the employee's region is the activity's day.");
        var minutes = Whole(P(s, "minutes"));
        minutes.Minimum = "1";
        minutes.Maximum = MinutesInADay.ToString(System.Globalization.CultureInfo.InvariantCulture);
        minutes.Description = "Claimed minutes: 1 up to the daily maximum of the employee's region (`dailyMaxMinutes` " +
                              "of the region's reference data, 660 unless configured, never more than 1440). The day's " +
                              "total (stored plus this batch, first come first served) may not exceed it either.";
        var volume = P(s, "volume");
        volume.Type = JsonSchemaType.Number | JsonSchemaType.Null;
        volume.Pattern = null;
        volume.Minimum = "0";
        volume.Description = "Optional output volume, not negative.";
        Text(P(s, "output"), ActivityValidator.MaxText, "Optional output unit or artefact.");
        var description = P(s, "description");
        Text(description, ActivityValidator.MaxText, "What was done (required, not blank).");
        description.MinLength = 1;
        description.Pattern = "\\S";
        Text(P(s, "skpIndicator"), ActivityValidator.MaxSkpIndicator, "Optional SKP indicator the work contributes to.");
    }

    private static void Attendance(OpenApiSchema s)
    {
        s.Description = "Attendance of an employee for a local day; the latest record of a (nip, day) by arrival is the day's status.";
        Require(s, "eventId", "nip", "day", "status");
        EventId(P(s, "eventId"), "Client-made idempotency key.");
        EmployeeNip(P(s, "nip"), "The employee.");
        var day = P(s, "day");
        day.Format = "date";
        day.Description = "The local date (YYYY-MM-DD) in the employee's region; not after that region's today.";
        Codes(P(s, "status"), AttendanceStatus.All, "Attendance status (`tanpa_keterangan` is absence without leave, TKS).");
        var late = Whole(P(s, "lateMinutes"), nullable: true);
        late.Minimum = "0";
        late.Maximum = AttendanceValidator.MaxLateMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        late.Description = "Minutes late (optional, default 0).";
    }

    private static void Rating(OpenApiSchema s)
    {
        s.Description = "One score given by a rater: about an employee (`nip`) or, for citizen satisfaction, about a unit " +
                        "(`unitId`) — exactly one of the two.";
        Require(s, "eventId", "raterRole", "aspect", "score", "period", "occurredAt");
        EventId(P(s, "eventId"), "Client-made idempotency key.");
        EmployeeNip(P(s, "nip"), "The rated employee; omit (or null) for a unit rating.");
        P(s, "unitId").Description = "The rated unit (registered unit id, inside the source's scope); omit (or null) for an employee rating.";
        Codes(P(s, "raterRole"), RaterRole.All, "Who gave the rating.");
        P(s, "raterRef").MaxLength = RatingValidator.MaxRaterRef;
        P(s, "raterRef").Description = "Optional opaque reference of the rater.";
        Codes(P(s, "aspect"), Aspect.All, "The rated aspect: results, one of the seven BerAKHLAK values, or citizen satisfaction.");
        var score = Whole(P(s, "score"));
        score.Minimum = "1";
        score.Maximum = "5";
        score.Description = "Score, a whole number from 1 to 5.";
        var period = P(s, "period");
        period.Pattern = RatingValidator.MonthPattern;
        period.Description = "The rated month, YYYY-MM (1900-01 to 2199-12).";
        Instant(P(s, "occurredAt"), "When the rating was given.");
        s.OneOf =
        [
            Subject("nip", "unitId", "An employee rating: `nip` given, `unitId` absent or null."),
            Subject("unitId", "nip", "A unit rating: `unitId` given, `nip` absent or null."),
        ];
    }

    private static void Review(OpenApiSchema s)
    {
        s.Description = "A superior's verdict on an activity; the activity's status is the verdict of its latest review by `at`.";
        Require(s, "eventId", "activityEventId", "approved", "reviewerNip", "at");
        EventId(P(s, "eventId"), "Client-made idempotency key.");
        EventId(P(s, "activityEventId"), "The `eventId` of the reviewed activity: stored, or earlier in the same batch.");
        P(s, "approved").Description = "Approved (true) or rejected (false).";
        EmployeeNip(P(s, "reviewerNip"), "The reviewer: must be the activity owner's supervisor (`supervisor_nip`).");
        Instant(P(s, "at"), "When the review was made.");
    }

    private static OpenApiSchema Subject(string given, string absent, string description) => new()
    {
        Description = description,
        Required = new HashSet<string> { given },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            [given] = new OpenApiSchema { Type = JsonSchemaType.String },
            [absent] = new OpenApiSchema { Type = JsonSchemaType.Null },
        },
    };

    /// <summary>
    /// A JSON number without fraction. The generator also allows numeric strings (the web JSON defaults read them);
    /// the ingest parsers do not, so the schema must not either.
    /// </summary>
    internal static OpenApiSchema Whole(OpenApiSchema p, bool nullable = false)
    {
        p.Type = nullable ? JsonSchemaType.Integer | JsonSchemaType.Null : JsonSchemaType.Integer;
        p.Pattern = null;
        return p;
    }

    private static OpenApiSchema P(OpenApiSchema s, string name) =>
        s.Properties is not null && s.Properties.TryGetValue(name, out var p) && p is OpenApiSchema schema
            ? schema
            : throw new InvalidOperationException($"The generated schema has no inline property '{name}'; update {nameof(IngestItemSchemas)}.");

    private static void Require(OpenApiSchema s, params string[] names)
    {
        s.Required ??= new HashSet<string>();
        foreach (var n in names)
        {
            s.Required.Add(n);
        }
    }

    private static void EventId(OpenApiSchema p, string description)
    {
        p.Format = "uuid";
        p.Description = description + " A UUID, not the empty one.";
    }

    private static void EmployeeNip(OpenApiSchema p, string description)
    {
        p.Pattern = Nip.Pattern;
        p.Description = description + " The 18-digit NIP (birth date YYYYMMDD, service start YYYYMM, gender digit 1 or 2, " +
                        "sequence); it must be registered and inside the source's scope.";
    }

    private static void Instant(OpenApiSchema p, string description)
    {
        p.Format = "date-time";
        p.Pattern = InstantPattern;
        p.Description = description + " ISO-8601 / RFC 3339 date and time with a UTC offset (e.g. 2026-03-02T08:30:00+07:00 " +
                        "or 2026-03-02T01:30:00Z); at most `Kinerja:Ingest:ClockSkew` (5 minutes) in the future.";
    }

    private static void Text(OpenApiSchema p, int max, string description)
    {
        p.MaxLength = max;
        p.Description = description;
    }

    private static void Codes(OpenApiSchema p, IReadOnlyList<string> codes, string description)
    {
        p.Enum = codes.Select(c => (JsonNode)JsonValue.Create(c)).ToList();
        p.Description = description;
    }
}
