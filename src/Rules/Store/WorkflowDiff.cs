using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinerja.Rules.Store;

/// <summary>Rule-level difference between two versions of a workflow (by rule name).</summary>
public sealed record WorkflowDiff(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed, bool GlobalParamsChanged)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0 && !GlobalParamsChanged;

    public static WorkflowDiff Compute(string? previousJson, string json)
    {
        var before = Rules(previousJson);
        var after = Rules(json);
        return new WorkflowDiff(
            after.Keys.Where(k => !before.ContainsKey(k)).ToArray(),
            before.Keys.Where(k => !after.ContainsKey(k)).ToArray(),
            after.Keys.Where(k => before.TryGetValue(k, out var b) && !JsonNode.DeepEquals(b, after[k])).ToArray(),
            !JsonNode.DeepEquals(Get(previousJson, "GlobalParams"), Get(json, "GlobalParams")));
    }

    /// <summary>True when two workflow JSON texts mean the same (key order and whitespace ignored).</summary>
    public static bool SameJson(string? a, string? b) =>
        a is not null && b is not null && JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));

    private static Dictionary<string, JsonNode?> Rules(string? json)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (Get(json, "Rules") is JsonArray rules)
        {
            foreach (var r in rules)
            {
                if (r is JsonObject o && Prop(o, "RuleName") is { } n && n.GetValueKind() == JsonValueKind.String)
                {
                    result[n.GetValue<string>()] = r;
                }
            }
        }
        return result;
    }

    private static JsonNode? Get(string? json, string key) =>
        json is null ? null : JsonNode.Parse(json) is JsonObject o ? Prop(o, key) : null;

    private static JsonNode? Prop(JsonObject o, string key) =>
        o.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
}
