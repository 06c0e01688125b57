using System.Text.Json;

namespace Kinerja.Rules.Forms;

/// <summary>
/// The labels convention: a workflow object may carry <c>"$params"</c>, an object mapping a <c>GlobalParams</c> name to
/// <c>{ "label", "unit", "help" }</c>. RulesEngine's deserialiser ignores unknown keys and Kinerja's loader ignores keys
/// starting with <c>$</c>, so the file stays a standard workflow; the text (and so the stored version) keeps it.
/// </summary>
public static class ParamLabels
{
    /// <summary>The metadata key on the workflow object.</summary>
    public const string Key = "$params";

    /// <summary>Label, unit and help of <paramref name="name"/>, each null when the file does not give it.</summary>
    public static (string? Label, string? Unit, string? Help) For(JsonElement workflow, string name)
    {
        if (workflow.ValueKind != JsonValueKind.Object || !workflow.TryGetProperty(Key, out var all) || all.ValueKind != JsonValueKind.Object)
        {
            return (null, null, null);
        }
        foreach (var p in all.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Object)
            {
                return (Text(p.Value, "label"), Text(p.Value, "unit"), Text(p.Value, "help"));
            }
        }
        return (null, null, null);
    }

    private static string? Text(JsonElement o, string key) =>
        o.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase)).Value is
            { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
}
