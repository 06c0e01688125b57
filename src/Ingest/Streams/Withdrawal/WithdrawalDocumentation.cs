using System.Text.Json.Nodes;
using Kinerja.Ingest.Http.Documentation;
using Microsoft.OpenApi;
using static Kinerja.Ingest.Http.Documentation.IngestItemSchemas;

namespace Kinerja.Ingest.Streams.Withdrawal;

/// <summary>The withdrawal item in the OpenAPI document: schema constraints and the example batch.</summary>
internal static class WithdrawalDocumentation
{
    public static void Describe(OpenApiSchema s)
    {
        s.Description = "An employee withdraws a pending or returned activity of their own; a withdrawn activity counts nowhere.";
        EventId(P(s, "eventId"), "Client-made idempotency key.");
        EventId(P(s, "activityEventId"), "The `eventId` of the withdrawn activity: the employee's own, pending or returned, not withdrawn " +
                                         "before. An unknown activity and someone else's get the same answer.");
        EmployeeNip(P(s, "nip"), "The employee withdrawing: the activity's owner.");
        var replacedBy = P(s, "replacedBy");
        EventId(replacedBy, "Optional: the activity replacing the withdrawn one (an edit), of the same employee, stored earlier or " +
                            "accepted in the same batch.");
        replacedBy.Type = JsonSchemaType.String | JsonSchemaType.Null;
        Instant(P(s, "occurredAt"), "When the employee withdrew the activity.");
    }

    // It withdraws the second activity of the activities example (still pending; the reviews example approves the first)
    // and names the first as its replacement, so the document tests may post the streams in order.
    public static JsonArray Examples() =>
    [
        new JsonObject
        {
            ["eventId"] = "6f7a8b9c-0d1e-4f2a-9b3c-5d6e7f8a9b0c", ["activityEventId"] = "5c1d9e0f-2a3b-4c5d-8e6f-7a8b9c0d1e2f",
            ["nip"] = IngestExamples.EmployeeNip, ["replacedBy"] = IngestExamples.ActivityEventId,
            ["occurredAt"] = "2026-03-02T10:00:00+07:00",
        },
    ];
}
