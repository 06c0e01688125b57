using System.Text.RegularExpressions;

namespace Kinerja.Dashboard.Access;

/// <summary>One entry of a source's scope: <c>region:{id}</c> or <c>unit:{id}</c>.</summary>
public sealed partial record SourceScopeEntry(string Kind, string Id)
{
    public const string Region = "region";
    public const string Unit = "unit";

    public override string ToString() => $"{Kind}:{Id}";

    public static bool TryParse(string? text, out SourceScopeEntry entry)
    {
        entry = null!;
        var m = text is null ? Match.Empty : Shape().Match(text);
        if (!m.Success)
        {
            return false;
        }
        entry = new SourceScopeEntry(m.Groups[1].Value, m.Groups[2].Value);
        return true;
    }

    public static SourceScopeEntry Parse(string text) => TryParse(text, out var e)
        ? e
        : throw new AccessException($"Invalid scope '{text}': use region:{{id}} or unit:{{id}} (lower-case id).");

    [GeneratedRegex("^(region|unit):([a-z0-9][a-z0-9-]{0,62})$")]
    private static partial Regex Shape();
}
