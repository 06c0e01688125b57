using System.Globalization;
using System.Text.Json.Nodes;
using Kinerja.Ingest.Http.Documentation;
using Microsoft.OpenApi;
using static Kinerja.Ingest.Http.Documentation.IngestItemSchemas;

namespace Kinerja.Ingest.Streams.Activity;

/// <summary>The activity item in the OpenAPI document: schema constraints and the example batch.</summary>
internal static class ActivityDocumentation
{
    public static void Describe(OpenApiSchema s)
    {
        s.Description = "One daily activity claim. Stored pending until the employee's superior reviews it.";
        EventId(P(s, "eventId"), "Client-made idempotency key; a retry with the same id is answered `duplicate`.");
        EmployeeNip(P(s, "nip"), "The employee who did the work.");
        Instant(P(s, "occurredAt"), "When the work was done. Its local day in the employee's region is the activity's day.");
        var minutes = Whole(P(s, "minutes"));
        minutes.Minimum = "1";
        minutes.Maximum = MinutesInADay.ToString(CultureInfo.InvariantCulture);
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

    public static JsonArray Examples() =>
    [
        new JsonObject
        {
            ["eventId"] = IngestExamples.ActivityEventId, ["nip"] = IngestExamples.EmployeeNip,
            ["occurredAt"] = "2026-03-02T08:30:00+07:00", ["minutes"] = 90, ["volume"] = 1, ["output"] = "laporan",
            ["description"] = "Menyusun laporan bulanan Februari", ["skpIndicator"] = "SKP-1",
        },
        new JsonObject
        {
            ["eventId"] = "5c1d9e0f-2a3b-4c5d-8e6f-7a8b9c0d1e2f", ["nip"] = IngestExamples.EmployeeNip,
            ["occurredAt"] = "2026-03-02T03:00:00Z", ["minutes"] = 120, ["description"] = "Rapat koordinasi pelayanan",
        },
    ];
}
