using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams;

namespace Kinerja.Ingest.Http.Documentation;

/// <summary>
/// Example request bodies shown in the OpenAPI document, one batch per stream (written in each stream's folder, from
/// the people and unit named here). They form one story: employee
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

    /// <summary>The activity the reviews example reviews.</summary>
    internal const string ActivityEventId = "0b7e6d2a-5f7c-4c55-9a43-0d7e2b1f6a10";

    /// <summary>The items of a stream's example batch (each stream's definition holds its own).</summary>
    public static JsonArray Items(IngestStream stream) => IngestStreams.Of(stream).Examples();

    /// <summary>The example batch as a JSON array (<c>application/json</c>).</summary>
    public static JsonArray JsonArray(IngestStream stream) => Items(stream);

    /// <summary>The example batch as NDJSON (<c>application/x-ndjson</c>): one compact JSON object per line.</summary>
    public static JsonValue Ndjson(IngestStream stream) =>
        JsonValue.Create(string.Concat(Items(stream).Select(i => i!.ToJsonString(Compact) + "\n")));

    // Keeps '+' of offsets readable in the document (the default encoder writes \u002B).
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
