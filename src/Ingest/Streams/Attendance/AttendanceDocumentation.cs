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
        late.Description = "Minutes late (optional, default 0). Snapshot lateness bands count days by these minutes: " +
                           "1-30, 31-60, 61-90, over 90.";
        var early = Whole(P(s, "earlyLeaveMinutes"), nullable: true);
        early.Minimum = "0";
        early.Maximum = AttendanceValidator.MaxEarlyLeaveMinutes.ToString(CultureInfo.InvariantCulture);
        early.Description = "Minutes the employee left before the end of the working day (optional, default 0).";
        P(s, "apel").Description = "Attended the morning assembly (apel): true or false; omitted or null when not recorded.";
        Codes(P(s, "leaveType"), LeaveType.All,
            "The kind of leave (optional): with status `cuti` one of the PP 11/2017 cuti kinds (`tahunan`, `besar`, `sakit`, " +
            "`melahirkan`, `alasan_penting`, `bersama`, `luar_tanggungan`), with `sakit` only `sakit`, with `izin` only " +
            "`izin`; any other status takes none.");
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
            ["status"] = "terlambat", ["lateMinutes"] = 15, ["apel"] = false,
        },
        new JsonObject
        {
            ["eventId"] = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9", ["nip"] = IngestExamples.EmployeeNip, ["day"] = "2026-03-03",
            ["status"] = "cuti", ["leaveType"] = "tahunan",
        },
        new JsonObject
        {
            ["eventId"] = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", ["nip"] = IngestExamples.SupervisorNip, ["day"] = "2026-03-03",
            ["status"] = "hadir", ["earlyLeaveMinutes"] = 30, ["apel"] = true,
        },
    ];
}
