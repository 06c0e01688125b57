using System.Text.Json.Nodes;
using Kinerja.Core.Domain;
using Kinerja.Ingest.Http.Documentation;
using Microsoft.OpenApi;
using static Kinerja.Ingest.Http.Documentation.IngestItemSchemas;

namespace Kinerja.Ingest.Streams.Rating;

/// <summary>The rating item in the OpenAPI document: schema constraints and the example batch.</summary>
internal static class RatingDocumentation
{
    public static void Describe(OpenApiSchema s)
    {
        s.Description = "One score given by a rater: about an employee (`nip`) or, for citizen satisfaction, about a unit " +
                        "(`unitId`) — exactly one of the two.";
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

    public static JsonArray Examples() =>
    [
        new JsonObject
        {
            ["eventId"] = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", ["nip"] = IngestExamples.EmployeeNip, ["raterRole"] = "atasan",
            ["raterRef"] = IngestExamples.SupervisorNip, ["aspect"] = "hasil_kerja", ["score"] = 4, ["period"] = "2026-03",
            ["occurredAt"] = "2026-03-31T15:00:00+07:00",
        },
        new JsonObject
        {
            ["eventId"] = "3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f", ["unitId"] = IngestExamples.UnitId, ["raterRole"] = "masyarakat",
            ["raterRef"] = "kiosk-1", ["aspect"] = "kepuasan_layanan", ["score"] = 5, ["period"] = "2026-03",
            ["occurredAt"] = "2026-03-05T10:12:00+07:00",
        },
    ];
}
