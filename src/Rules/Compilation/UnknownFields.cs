using System.Reflection;
using System.Text.RegularExpressions;

namespace Kinerja.Rules.Compilation;

/// <summary>
/// Names every unknown field an expression reads from its inputs (<c>snapshot.TksHari</c>), so a rule
/// that does not compile because of typos gets one reason listing all of them; the parser itself stops at
/// the first, and reports <c>snapshot.TksHari.Value</c> as "Type 'TksHari' not found".
/// </summary>
internal static partial class UnknownFields
{
    /// <summary>The unknown <c>input.Field</c> names of <paramref name="expression"/>, in order of appearance.</summary>
    public static IReadOnlyList<string> Find(string expression, IReadOnlyList<(string Name, Type Type)> inputs)
    {
        var found = new List<string>();
        var code = StringLiteral().Replace(expression, "\"\"");
        foreach (Match m in InputMember().Matches(code))
        {
            var owner = m.Groups["owner"].Value;
            var field = m.Groups["field"].Value;
            var input = inputs.FirstOrDefault(i => string.Equals(i.Name, owner, StringComparison.OrdinalIgnoreCase));
            var type = input.Type ?? (string.Equals(owner, "input1", StringComparison.OrdinalIgnoreCase) ? inputs[0].Type : null);
            if (type is null || Has(type, field) || found.Contains(field, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            found.Add(field);
        }
        return found;
    }

    /// <summary>The reason for an expression that reads unknown fields, or null when it reads none.</summary>
    public static string? Reason(string expression, IReadOnlyList<(string Name, Type Type)> inputs)
    {
        var unknown = Find(expression, inputs);
        if (unknown.Count == 0)
        {
            return null;
        }
        var type = inputs[0].Type;
        var names = string.Join(", ", unknown.Select(u => $"'{u}'"));
        return unknown.Count == 1
            ? $"expression `{expression}` reads unknown field {names} (fields of {type.Name}: see {Where(type)})"
            : $"expression `{expression}` reads unknown fields {names} (fields of {type.Name}: see {Where(type)})";
    }

    private static string Where(Type type) => type.Namespace == "Kinerja.Core.Indicators"
        ? $"src/Core/Indicators/{type.Name}.cs"
        : string.Join(", ", type.GetProperties().Select(p => p.Name));

    private static bool Has(Type type, string name) =>
        type.GetMember(name, MemberTypes.Property | MemberTypes.Field | MemberTypes.Method,
            BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase).Length > 0;

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![\w.])(?<owner>[A-Za-z_]\w*)\s*\.\s*(?<field>[A-Za-z_]\w*)")]
    private static partial Regex InputMember();
}
