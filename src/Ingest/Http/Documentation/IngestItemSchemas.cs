using System.Text.Json.Nodes;
using Kinerja.Core.Domain;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kinerja.Ingest.Http.Documentation;

/// <summary>
/// Gives the item schemas of the OpenAPI document the constraints the readers and validators enforce (required
/// fields, NIP pattern, UUIDs, times with offset, bounds, codes): the required fields come from each stream's field
/// list, the rest from its <see cref="IngestStreamDefinition.DescribeSchema"/>, which uses its validator's constants and
/// the helpers below. Checks that need reference data (NIP registered, source scope, the region's daily maximum,
/// supervisor) are described in words.
/// </summary>
internal static class IngestItemSchemas
{
    /// <summary>No region's daily maximum can exceed a day (the reference import refuses more).</summary>
    public const int MinutesInADay = 24 * 60;

    /// <summary>RFC 3339 date-time always has an offset; the pattern says so for validators that skip formats.</summary>
    private const string InstantPattern = "(Z|z|[+-][0-9]{2}:[0-9]{2})$";

    public static void Apply(OpenApiSchema schema, Type type, IEnumerable<IngestStreamDefinition> streams)
    {
        foreach (var stream in streams)
        {
            if (stream.ItemType == type)
            {
                Require(schema, stream.RequiredFields);
                stream.DescribeSchema(schema);
                return;
            }
        }
    }

    public static OpenApiSchema Subject(string given, string absent, string description) => new()
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

    public static OpenApiSchema P(OpenApiSchema s, string name) =>
        s.Properties is not null && s.Properties.TryGetValue(name, out var p) && p is OpenApiSchema schema
            ? schema
            : throw new InvalidOperationException($"The generated schema has no inline property '{name}'; update {nameof(IngestItemSchemas)}.");

    private static void Require(OpenApiSchema s, IEnumerable<string> names)
    {
        s.Required ??= new HashSet<string>();
        foreach (var n in names)
        {
            s.Required.Add(n);
        }
    }

    public static void EventId(OpenApiSchema p, string description)
    {
        p.Format = "uuid";
        p.Description = description + " A UUID, not the empty one.";
    }

    public static void EmployeeNip(OpenApiSchema p, string description)
    {
        p.Pattern = Nip.Pattern;
        p.Description = description + " The 18-digit NIP (birth date YYYYMMDD, service start YYYYMM, gender digit 1 or 2, " +
                        "sequence); it must be registered and inside the source's scope.";
    }

    public static void Instant(OpenApiSchema p, string description)
    {
        p.Format = "date-time";
        p.Pattern = InstantPattern;
        p.Description = description + " ISO-8601 / RFC 3339 date and time with a UTC offset (e.g. 2026-03-02T08:30:00+07:00 " +
                        "or 2026-03-02T01:30:00Z); at most `Kinerja:Ingest:ClockSkew` (5 minutes) in the future.";
    }

    public static void Text(OpenApiSchema p, int max, string description)
    {
        p.MaxLength = max;
        p.Description = description;
    }

    public static void Codes(OpenApiSchema p, IReadOnlyList<string> codes, string description)
    {
        p.Enum = codes.Select(c => (JsonNode)JsonValue.Create(c)).ToList();
        p.Description = description;
    }
}
