using System.Text.Json;

namespace Kinerja.Rules.Compilation;

/// <summary>Reading RulesEngine's loosely typed <c>Properties</c> and action <c>Context</c> values.</summary>
internal sealed partial class WorkflowCompiler
{
    internal static string? ContextString(Dictionary<string, object>? context, string key)
    {
        if (context is null)
        {
            return null;
        }
        foreach (var kv in context)
        {
            if (string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return kv.Value switch
                {
                    string s => s,
                    JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
                    JsonElement e => e.GetRawText(),
                    null => null,
                    var o => o.ToString(),
                };
            }
        }
        return null;
    }

    internal static string? Prop(Dictionary<string, object> props, string key) => ContextString(props, key);

    internal static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
