using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Ingest.Contracts;

namespace Kinerja.Ingest.Http.Documentation;

/// <summary>
/// Example request bodies shown in the OpenAPI document, one batch per stream. They form one story: employee
/// <see cref="EmployeeNip"/> reports an activity, their supervisor <see cref="SupervisorNip"/> approves it, and both
/// get attendance and ratings. The document tests send them to a real server, so they must stay valid.
/// </summary>
public static class IngestExamples
{
    // The example NIPs are well-formed but fictitious on purpose: born in 1900, nobody holding them is in service, so
    // the public document names no real person (the anonymous-output scan allows exactly these two).

    /// <summary>The employee of the examples (born 1900-01-01, in service since 1920-01, male, sequence 001).</summary>
    public const string EmployeeNip = "190001011920011001";

    /// <summary>The employee's supervisor (born 1900-03-15, in service since 1919-01, female, sequence 002).</summary>
    public const string SupervisorNip = "190003151919012002";

    /// <summary>Every NIP the examples use.</summary>
    public static IReadOnlyList<string> Nips { get; } = [EmployeeNip, SupervisorNip];

    /// <summary>The unit the employee works in, rated by citizens in the ratings example.</summary>
    public const string UnitId = "pauh-dinkes";

    private const string ActivityEventId = "0b7e6d2a-5f7c-4c55-9a43-0d7e2b1f6a10";

    /// <summary>The items of a stream's example batch.</summary>
    public static JsonArray Items(IngestStream stream) => stream switch
    {
        IngestStream.Activities =>
        [
            new JsonObject
            {
                ["eventId"] = ActivityEventId, ["nip"] = EmployeeNip, ["occurredAt"] = "2026-03-02T08:30:00+07:00",
                ["minutes"] = 90, ["volume"] = 1, ["output"] = "laporan",
                ["description"] = "Menyusun laporan bulanan Februari", ["skpIndicator"] = "SKP-1",
            },
            new JsonObject
            {
                ["eventId"] = "5c1d9e0f-2a3b-4c5d-8e6f-7a8b9c0d1e2f", ["nip"] = EmployeeNip,
                ["occurredAt"] = "2026-03-02T03:00:00Z", ["minutes"] = 120, ["description"] = "Rapat koordinasi pelayanan",
            },
        ],
        IngestStream.Attendance =>
        [
            new JsonObject { ["eventId"] = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", ["nip"] = EmployeeNip, ["day"] = "2026-03-02", ["status"] = "hadir" },
            new JsonObject
            {
                ["eventId"] = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", ["nip"] = SupervisorNip, ["day"] = "2026-03-02",
                ["status"] = "terlambat", ["lateMinutes"] = 15,
            },
        ],
        IngestStream.Ratings =>
        [
            new JsonObject
            {
                ["eventId"] = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", ["nip"] = EmployeeNip, ["raterRole"] = "atasan",
                ["raterRef"] = SupervisorNip, ["aspect"] = "hasil_kerja", ["score"] = 4, ["period"] = "2026-03",
                ["occurredAt"] = "2026-03-31T15:00:00+07:00",
            },
            new JsonObject
            {
                ["eventId"] = "3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f", ["unitId"] = UnitId, ["raterRole"] = "masyarakat",
                ["raterRef"] = "kiosk-1", ["aspect"] = "kepuasan_layanan", ["score"] = 5, ["period"] = "2026-03",
                ["occurredAt"] = "2026-03-05T10:12:00+07:00",
            },
        ],
        _ =>
        [
            new JsonObject
            {
                ["eventId"] = "4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f8a", ["activityEventId"] = ActivityEventId,
                ["approved"] = true, ["reviewerNip"] = SupervisorNip, ["at"] = "2026-03-03T09:00:00+07:00",
            },
        ],
    };

    /// <summary>The example batch as a JSON array (<c>application/json</c>).</summary>
    public static JsonArray JsonArray(IngestStream stream) => Items(stream);

    /// <summary>The example batch as NDJSON (<c>application/x-ndjson</c>): one compact JSON object per line.</summary>
    public static JsonValue Ndjson(IngestStream stream) =>
        JsonValue.Create(string.Concat(Items(stream).Select(i => i!.ToJsonString(Compact) + "\n")));

    // Keeps '+' of offsets readable in the document (the default encoder writes \u002B).
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
