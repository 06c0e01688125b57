using System.Text.Json;

namespace Kinerja.Core.Skp;

/// <summary>Field reading shared by <see cref="SkpDraftReader"/> and <see cref="SkpIndicatorReader"/>.</summary>
internal static class SkpDraftFields
{
    /// <summary>A required string property, trimmed, 1..max characters; null (with an error) otherwise.</summary>
    public static string? Text(JsonElement item, string name, string path, int max, List<SkpFieldError> errors)
    {
        if (!item.TryGetProperty(name, out var p) || p.ValueKind != JsonValueKind.String || p.GetString()!.Trim().Length == 0)
        {
            errors.Add(new($"{path}.{name}", $"{name} is required (a text)."));
            return null;
        }
        var s = p.GetString()!.Trim();
        if (s.Length > max)
        {
            errors.Add(new($"{path}.{name}", $"{name} is at most {max} characters; got {s.Length}."));
            return null;
        }
        return s;
    }
}
