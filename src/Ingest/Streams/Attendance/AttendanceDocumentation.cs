using System.Globalization;
using System.Text.Json.Nodes;
using Kinerja.Core.Domain;
using Kinerja.Ingest.Http.Documentation;
using Microsoft.OpenApi;
using static Kinerja.Ingest.Http.Documentation.IngestItemSchemas;

namespace Kinerja.Ingest.Streams.Attendance;

/// <summary>The attendance item in the OpenAPI document: schema constraints and the example batch.</summary>
internal static class AttendanceDocumentation
{
    public static void Describe(OpenApiSchema s)
    {
        s.Description = "Attendance of an employee for a local day; the latest record of a (nip, day) by arrival is the day's status.";
        EventId(P(s, "eventId"), "Client-made idempotency key.");
        EmployeeNip(P(s, "nip"), "The employee.");
        var day = P(s, "day");
        day.Format = "date";
        day.Description = "The local date (YYYY-MM-DD) in the employee's region; not after that region's today.";
        Codes(P(s, "status"), AttendanceStatus.All, "Attendance status (`tanpa_keterangan` is absence without leave, TKS).");
        var late = Whole(P(s, "lateMinutes"), nullable: true);
        late.Minimum = "0";
        late.Maximum = AttendanceValidator.MaxLateMinutes.ToString(CultureInfo.InvariantCulture);
        late.Description = "Minutes late (optional, default 0).";
    }

    public static JsonArray Examples() =>
    [
        new JsonObject
        {
            ["eventId"] = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", ["nip"] = IngestExamples.EmployeeNip, ["day"] = "2026-03-02",
            ["status"] = "hadir",
        },
        new JsonObject
        {
            ["eventId"] = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", ["nip"] = IngestExamples.SupervisorNip, ["day"] = "2026-03-02",
            ["status"] = "terlambat", ["lateMinutes"] = 15,
        },
    ];
}
