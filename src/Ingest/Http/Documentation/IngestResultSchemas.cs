using System.Text.Json.Nodes;
using Kinerja.Ingest.Contracts;
using Microsoft.OpenApi;

namespace Kinerja.Ingest.Http.Documentation;

/// <summary>
/// The answer schemas as <see cref="IngestResponseWriter"/> writes them (it writes by hand, so the generated
/// schemas are corrected here: statuses are lower-case strings, every property is always present).
/// </summary>
internal static class IngestResultSchemas
{
    public static void Apply(OpenApiSchema schema, Type type)
    {
        if (type == typeof(IngestResult))
        {
            schema.Description = "Result of a batch after commit: every `accepted` item is durably stored.";
            Require(schema, "accepted", "duplicates", "rejected", "items");
            Count(schema, "accepted", "Items stored by this request.");
            Count(schema, "duplicates", "Items whose eventId was already stored (not stored again).");
            Count(schema, "rejected", "Items refused; see their errors.");
            P(schema, "items").Description = "One result per submitted item, in submission order.";
        }
        else if (type == typeof(ItemResult))
        {
            schema.Description = "The outcome of one item.";
            Require(schema, "index", "eventId", "status", "errors");
            Count(schema, "index", "Zero-based position of the item in the batch.");
            P(schema, "eventId").Description = "The item's eventId as sent; null when it was missing or not a string.";
            P(schema, "errors").Description = "Why the item was rejected, one entry per field; empty unless `rejected`.";
        }
        else if (type == typeof(FieldError))
        {
            schema.Description = "One reason for a rejection.";
            Require(schema, "field", "message");
            P(schema, "field").Description = "The contract field (e.g. `nip`, `occurredAt`); empty when the whole item is wrong " +
                                              "(not a JSON object, a malformed NDJSON line).";
            P(schema, "message").Description = "A specific English message, e.g. `nip: NIP must be exactly 18 digits; got 5.`";
        }
        else if (type == typeof(ItemStatus))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = null;
            schema.Description = "`accepted`: stored now; `duplicate`: its eventId was stored before; `rejected`: refused, see errors.";
            schema.Enum = [JsonValue.Create("accepted"), JsonValue.Create("duplicate"), JsonValue.Create("rejected")];
        }
    }

    private static void Count(OpenApiSchema s, string name, string description)
    {
        var p = IngestItemSchemas.Whole(P(s, name));
        p.Minimum = "0";
        p.Description = description;
    }

    private static OpenApiSchema P(OpenApiSchema s, string name) =>
        s.Properties is not null && s.Properties.TryGetValue(name, out var p) && p is OpenApiSchema schema
            ? schema
            : throw new InvalidOperationException($"The generated schema has no inline property '{name}'; update {nameof(IngestResultSchemas)}.");

    private static void Require(OpenApiSchema s, params string[] names)
    {
        s.Required ??= new HashSet<string>();
        foreach (var n in names)
        {
            s.Required.Add(n);
        }
    }
}
