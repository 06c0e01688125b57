using System.Text.Json.Nodes;
using Kinerja.Ingest.Http.Documentation;
using Microsoft.OpenApi;
using static Kinerja.Ingest.Http.Documentation.IngestItemSchemas;

namespace Kinerja.Ingest.Streams.Review;

/// <summary>The review item in the OpenAPI document: schema constraints and the example batch.</summary>
internal static class ReviewDocumentation
{
    public static void Describe(OpenApiSchema s)
    {
        s.Description = "A superior's verdict on an activity; the activity's status is the verdict of its latest review by `at`.";
        EventId(P(s, "eventId"), "Client-made idempotency key.");
        EventId(P(s, "activityEventId"), "The `eventId` of the reviewed activity: stored, or earlier in the same batch.");
        P(s, "approved").Description = "Approved (true) or rejected (false).";
        EmployeeNip(P(s, "reviewerNip"), "The reviewer: must be the activity owner's supervisor (`supervisor_nip`).");
        Instant(P(s, "at"), "When the review was made.");
        Text(P(s, "note"), ReviewValidator.MaxNote, "Optional note to the employee (umpan balik), stored verbatim.");
    }

    // It reviews the first activity of the activities example, so the document tests post the streams in order.
    public static JsonArray Examples() =>
    [
        new JsonObject
        {
            ["eventId"] = "4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f8a", ["activityEventId"] = IngestExamples.ActivityEventId,
            ["approved"] = true, ["reviewerNip"] = IngestExamples.SupervisorNip, ["at"] = "2026-03-03T09:00:00+07:00",
            ["note"] = "Laporan sudah lengkap, terima kasih.",
        },
    ];
}
