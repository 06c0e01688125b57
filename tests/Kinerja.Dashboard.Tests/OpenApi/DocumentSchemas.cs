using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Kinerja.Dashboard.Tests.OpenApi;

/// <summary>
/// Validates JSON against the schemas of a served OpenAPI document with JsonSchema.Net (an implementation independent
/// of the document's generator), with format validation on. The components become the <c>$defs</c> of one JSON Schema
/// 2020-12 document (OpenAPI 3.1 schemas are JSON Schema 2020-12), so <c>$ref</c>s resolve as in the document.
/// </summary>
public sealed class DocumentSchemas(JsonNode document)
{
    /// <summary>OpenAPI's numeric formats annotate; JSON Schema validators do not know them (type and bounds carry the rule).</summary>
    private static readonly string[] OpenApiOnlyFormats = ["int32", "int64", "float", "double"];

    private static readonly EvaluationOptions Evaluation = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    public JsonObject Components => document["components"]!["schemas"]!.AsObject();

    /// <summary>The problems of <paramref name="instance"/> against component <paramref name="name"/>; empty when it conforms.</summary>
    public IReadOnlyList<string> Problems(string name, JsonNode? instance)
    {
        Assert.True(Components.ContainsKey(name), $"The document has no component schema '{name}'.");
        var defs = JsonNode.Parse(Components.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!;
        foreach (var node in Descendants(defs).OfType<JsonObject>())
        {
            if (node["format"] is JsonValue f && f.TryGetValue<string>(out var format) && OpenApiOnlyFormats.Contains(format))
            {
                node.Remove("format");
            }
        }
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = defs,
            ["$ref"] = $"#/$defs/{name}",
        };
        var schema = JsonSchema.FromText(root.ToJsonString(), baseUri: new Uri($"https://kinerja.test/{name}/{Guid.NewGuid():N}"));
        var results = schema.Evaluate(JsonSerializer.SerializeToElement(instance), Evaluation);
        if (results.IsValid)
        {
            return [];
        }
        return (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid (no details)")
            .ToList();
    }

    public static IEnumerable<JsonNode> Descendants(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var child in o.Select(p => p.Value).SelectMany(Descendants))
                {
                    yield return child;
                }
                break;
            case JsonArray a:
                yield return a;
                foreach (var child in a.SelectMany(Descendants))
                {
                    yield return child;
                }
                break;
        }
    }
}
