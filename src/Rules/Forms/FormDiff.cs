using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kinerja.Rules.Forms;

/// <summary>
/// The change between two versions of a workflow as HR reads it: which parameter went from what to what, and which
/// row was added, removed, changed, switched on or off, or moved (<c>GET /api/v1/rules/{workflow}/versions/{n}</c>).
/// </summary>
public sealed record FormDiff(IReadOnlyList<ParameterChange> Parameters, IReadOnlyList<RowChange> Rows)
{
    public bool IsEmpty => Parameters.Count == 0 && Rows.Count == 0;

    /// <summary>The diff from <paramref name="previousJson"/> (null: everything is new) to <paramref name="json"/>.</summary>
    public static FormDiff Compute(string? previousJson, string json)
    {
        var after = FormReader.Read(json);
        var before = previousJson is null ? null : FormReader.Read(previousJson);
        var parameters = new List<ParameterChange>();
        var oldParams = before?.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal) ?? [];
        foreach (var p in after.Parameters)
        {
            oldParams.TryGetValue(p.Name, out var old);
            if (old?.Expression != p.Expression)
            {
                parameters.Add(new ParameterChange(p.Name, p.Label ?? p.Name, p.Unit, old is null ? null : Show(old), Show(p)));
            }
        }
        parameters.AddRange(oldParams.Values.Where(o => after.Parameters.All(p => p.Name != o.Name))
            .Select(o => new ParameterChange(o.Name, o.Label ?? o.Name, o.Unit, Show(o), null)));

        var rows = new List<RowChange>();
        var oldRows = before?.Rows.Select((r, i) => (r, i)).GroupBy(x => x.r.Rule).ToDictionary(g => g.Key, g => g.First()) ?? [];
        var oldOrder = before?.Rows.Select(r => r.Rule).Where(n => after.Rows.Any(a => a.Rule == n)).ToList() ?? [];
        var newOrder = after.Rows.Select(r => r.Rule).Where(oldRows.ContainsKey).ToList();
        for (var i = 0; i < after.Rows.Count; i++)
        {
            var row = after.Rows[i];
            if (!oldRows.TryGetValue(row.Rule, out var old))
            {
                rows.Add(new RowChange(row.Rule, "added", null, Describe(row)));
                continue;
            }
            var (was, now) = (Describe(old.r), Describe(row));
            if (old.r.Enabled != row.Enabled)
            {
                rows.Add(new RowChange(row.Rule, row.Enabled ? "enabled" : "disabled", was, now));
            }
            else if (was != now)
            {
                rows.Add(new RowChange(row.Rule, "changed", was, now));
            }
            else if (oldOrder.IndexOf(row.Rule) != newOrder.IndexOf(row.Rule))
            {
                rows.Add(new RowChange(row.Rule, "moved", $"#{old.i + 1}", $"#{i + 1}"));
            }
        }
        rows.AddRange(oldRows.Values.Where(o => after.Rows.All(r => r.Rule != o.r.Rule)).Select(o => new RowChange(o.r.Rule, "removed", Describe(o.r), null)));
        return new FormDiff(parameters, rows);
    }

    private static string Show(FormParameter p) => p.Value ?? p.Expression;

    // Readable in the history view: "&&" and Indonesian text unescaped (the page shows it as text, never as HTML).
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One line per row: "EVENT ⇐ conditions → output [properties]", or the rule's JSON when irregular.</summary>
    public static string Describe(FormRow row)
    {
        if (!row.Regular)
        {
            // Compact, so a stored file's layout and the writer's indentation of the same rule compare equal.
            return row.RuleJson is { } json ? JsonSerializer.Serialize(json, Compact) : "";
        }
        var when = row.Branches is { Count: > 0 } branches
            ? string.Join(row.Operator is "Or" or "OrElse" ? " ATAU " : " DAN ", branches.Select(b => $"({ConditionParser.Render(b.Join, b.Conditions)})"))
            : ConditionParser.Render(row.Join, row.Conditions ?? []);
        var props = row.Properties is { Count: > 0 } p ? " [" + string.Join("; ", p.Select(kv => $"{kv.Key}: {kv.Value}")) + "]" : "";
        var output = row.Output is null ? "" : $" → {row.Output}";
        return $"{row.SuccessEvent ?? "(tanpa event)"} ⇐ {when}{output}{props}";
    }
}

/// <summary>A parameter whose expression changed; <see cref="Before"/> is null for a new one, <see cref="After"/> for a removed one.</summary>
public sealed record ParameterChange(string Name, string Label, string? Unit, string? Before, string? After);

/// <summary>A row change: <c>added</c>, <c>removed</c>, <c>changed</c>, <c>enabled</c>, <c>disabled</c> or <c>moved</c>.</summary>
public sealed record RowChange(string Rule, string Change, string? Before, string? After);
