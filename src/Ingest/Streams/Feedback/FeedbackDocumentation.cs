using System.Text.Json.Nodes;
using Kinerja.Ingest.Http.Documentation;
using Microsoft.OpenApi;
using static Kinerja.Ingest.Http.Documentation.IngestItemSchemas;

namespace Kinerja.Ingest.Streams.Feedback;

/// <summary>The feedback note item in the OpenAPI document: schema constraints and the example batch.</summary>
internal static class FeedbackDocumentation
{
    public static void Describe(OpenApiSchema s)
    {
        s.Description = "A continuous-feedback note a superior writes about a direct report, not tied to an activity.";
        EventId(P(s, "eventId"), "Client-made idempotency key.");
        EmployeeNip(P(s, "nip"), "The employee the note is about.");
        EmployeeNip(P(s, "authorNip"), "The author: must be the employee's supervisor (`supervisor_nip`).");
        var note = P(s, "note");
        note.MinLength = 1;
        note.MaxLength = FeedbackValidator.MaxNote;
        note.Description = "The note, stored verbatim (not only white space).";
        Instant(P(s, "occurredAt"), "When the note was written.");
    }

    public static JsonArray Examples() =>
    [
        new JsonObject
        {
            ["eventId"] = "5e6f7a8b-9c0d-4e1f-8a3b-4c5d6e7f8a9b", ["nip"] = IngestExamples.EmployeeNip,
            ["authorNip"] = IngestExamples.SupervisorNip, ["note"] = "Laporan bulan ini rapi; mohon lampirkan bukti dukung.",
            ["occurredAt"] = "2026-03-03T10:00:00+07:00",
        },
    ];
}
