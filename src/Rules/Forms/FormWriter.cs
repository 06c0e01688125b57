using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinerja.Rules.Forms;

/// <summary>
/// Turns an edited <see cref="WorkflowForm"/> back into the one stored form, standard RulesEngine JSON. It starts from
/// the form's <see cref="WorkflowForm.Json"/>, sets each parameter's expression, and rebuilds <c>Rules</c> in row order
/// (each regular row from the rule it came from, so keys the table does not show are kept). Problems come back in
/// Indonesian with the path of the field or row; the JSON is null when there is any.
/// </summary>
public static class FormWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static (string? Json, IReadOnlyList<FormIssue> Issues) Write(WorkflowForm form)
    {
        var issues = new List<FormIssue>();
        if (JsonNode.Parse(form.Json.GetRawText()) is not JsonObject root)
        {
            return (null, [new FormIssue("json", "Formulir tidak membawa objek workflow (\"json\").")]);
        }
        WriteParameters(form, root, issues);
        WriteRows(form, root, issues);
        return issues.Count > 0 ? (null, issues) : (root.ToJsonString(Indented), issues);
    }

    private static void WriteParameters(WorkflowForm form, JsonObject root, List<FormIssue> issues)
    {
        var stored = Prop(root, "GlobalParams") as JsonArray;
        foreach (var p in form.Parameters)
        {
            var path = $"parameters.{p.Name}";
            var label = p.Label ?? p.Name;
            var target = stored?.OfType<JsonObject>().FirstOrDefault(o => Prop(o, "Name")?.GetValue<string>() == p.Name);
            if (target is null)
            {
                issues.Add(new FormIssue(path, $"Parameter \"{label}\" tidak ada di workflow ini."));
                continue;
            }
            var original = Prop(target, "Expression")?.GetValue<string>() ?? "";
            if (Render(p, original, out var message) is { } expression)
            {
                SetProp(target, "Expression", expression);
            }
            else
            {
                issues.Add(new FormIssue(path, $"Parameter \"{label}\": {message}"));
            }
        }
    }

    /// <summary>The expression for a parameter's edited value; a number keeps the decimal point the stored one had.</summary>
    private static string? Render(FormParameter p, string original, out string message)
    {
        message = "";
        var value = p.Value?.Trim() ?? "";
        switch (p.Kind)
        {
            case "number":
                var normalised = value.Replace(',', '.');
                if (!FormReader.NumberLiteral().IsMatch(normalised) || !decimal.TryParse(normalised, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                {
                    message = $"nilai \"{value}\" bukan angka (contoh: 4,2 atau 75).";
                    return null;
                }
                // 4 and 4.0 are different types in an expression (int vs double): keep the stored one's
                return original.Contains('.') && !normalised.Contains('.') ? normalised + ".0" : normalised;
            case "bool":
                if (value is not ("true" or "false"))
                {
                    message = $"nilai \"{value}\" harus true atau false.";
                    return null;
                }
                return value;
            case "text":
                return "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
            default:
                if (string.IsNullOrWhiteSpace(p.Expression))
                {
                    message = "rumus tidak boleh kosong.";
                    return null;
                }
                return p.Expression;
        }
    }

    private static void WriteRows(WorkflowForm form, JsonObject root, List<FormIssue> issues)
    {
        var stored = (Prop(root, "Rules") as JsonArray ?? []).OfType<JsonObject>()
            .Where(o => Prop(o, "RuleName") is JsonValue)
            .GroupBy(o => Prop(o, "RuleName")!.ToString()).ToDictionary(g => g.Key, g => g.First());
        var rules = new JsonArray();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < form.Rows.Count; i++)
        {
            var row = form.Rows[i];
            var path = $"rows[{i}]";
            var where = $"Baris {i + 1}";
            var rule = row.Regular ? RegularRule(row, stored, path, where, issues) : IrregularRule(row, path, where, issues);
            if (rule is null)
            {
                continue;
            }
            var name = Prop(rule, "RuleName")?.ToString() ?? "";
            if (string.IsNullOrWhiteSpace(name))
            {
                issues.Add(new FormIssue($"{path}.rule", $"{where}: nama aturan wajib diisi."));
            }
            else if (seen.TryGetValue(name, out var first))
            {
                issues.Add(new FormIssue($"{path}.rule", $"{where}: nama aturan \"{name}\" sudah dipakai di baris {first + 1}."));
            }
            else
            {
                seen[name] = i;
            }
            rules.Add(rule);
        }
        if (form.Rows.Count == 0)
        {
            issues.Add(new FormIssue("rows", "Workflow harus punya minimal satu baris aturan."));
        }
        SetProp(root, "Rules", rules);
    }

    private static JsonObject? IrregularRule(FormRow row, string path, string where, List<FormIssue> issues)
    {
        if (row.RuleJson is not { ValueKind: JsonValueKind.Object } json || JsonNode.Parse(json.GetRawText()) is not JsonObject rule)
        {
            issues.Add(new FormIssue($"{path}.ruleJson", $"{where}: aturan dalam JSON harus berupa objek {{ \"RuleName\": ..., \"Expression\": ... }}."));
            return null;
        }
        SetEnabled(rule, row.Enabled);
        return rule;
    }

    private static JsonObject? RegularRule(FormRow row, Dictionary<string, JsonObject> stored, string path, string where, List<FormIssue> issues)
    {
        var rule = row.Source is { } source && stored.TryGetValue(source, out var original)
            ? (JsonObject)original.DeepClone()
            : new JsonObject();
        SetProp(rule, "RuleName", row.Rule.Trim());
        SetOrRemove(rule, "SuccessEvent", string.IsNullOrWhiteSpace(row.SuccessEvent) ? null : row.SuccessEvent.Trim());
        if (row.Properties is { } props)
        {
            var o = new JsonObject();
            foreach (var (k, v) in props.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)))
            {
                o[k] = v;
            }
            SetOrRemove(rule, "Properties", o.Count > 0 ? o : null);
        }
        if (row.Output is { } output && !string.IsNullOrWhiteSpace(output))
        {
            SetProp(rule, "Actions", new JsonObject
            {
                ["OnSuccess"] = new JsonObject { ["Name"] = "OutputExpression", ["Context"] = new JsonObject { ["Expression"] = output.Trim() } },
            });
        }
        else
        {
            SetOrRemove(rule, "Actions", null);
        }
        SetEnabled(rule, row.Enabled);
        if (row.Branches is { Count: > 0 } branches)
        {
            if (row.Operator is not ("And" or "AndAlso" or "Or" or "OrElse"))
            {
                issues.Add(new FormIssue($"{path}.operator", $"{where}: penghubung cabang \"{row.Operator}\" tidak dikenal (pakai AndAlso atau OrElse)."));
                return null;
            }
            var storedKids = (Prop(rule, "Rules") as JsonArray ?? []).OfType<JsonObject>()
                .Where(o => Prop(o, "RuleName") is JsonValue).GroupBy(o => Prop(o, "RuleName")!.ToString()).ToDictionary(g => g.Key, g => g.First());
            var kids = new JsonArray();
            for (var b = 0; b < branches.Count; b++)
            {
                var branch = branches[b];
                var expression = Conditions(branch.Join, branch.Conditions, $"{path}.branches[{b}]", $"{where}, cabang {b + 1}", issues);
                var kid = storedKids.TryGetValue(branch.Rule, out var k) ? (JsonObject)k.DeepClone() : new JsonObject { ["RuleName"] = branch.Rule };
                if (string.IsNullOrWhiteSpace(branch.Rule))
                {
                    issues.Add(new FormIssue($"{path}.branches[{b}].rule", $"{where}, cabang {b + 1}: nama cabang wajib diisi."));
                }
                SetProp(kid, "Expression", expression ?? "");
                kids.Add(kid);
            }
            SetOrRemove(rule, "Expression", null);
            SetProp(rule, "Operator", row.Operator);
            SetProp(rule, "Rules", kids);
        }
        else
        {
            var expression = Conditions(row.Join, row.Conditions ?? [], path, where, issues);
            SetOrRemove(rule, "Operator", null);
            SetOrRemove(rule, "Rules", null);
            SetProp(rule, "Expression", expression ?? "");
        }
        return rule;
    }

    private static string? Conditions(string join, IReadOnlyList<FormCondition> conditions, string path, string where, List<FormIssue> issues)
    {
        var before = issues.Count;
        if (join is not ("&&" or "||"))
        {
            issues.Add(new FormIssue($"{path}.join", $"{where}: penghubung syarat \"{join}\" tidak dikenal (pakai && untuk \"dan\" atau || untuk \"atau\")."));
        }
        if (conditions.Count == 0)
        {
            issues.Add(new FormIssue($"{path}.conditions", $"{where}: minimal satu syarat (atau \"true\" untuk selalu berlaku)."));
        }
        for (var c = 0; c < conditions.Count; c++)
        {
            var cond = conditions[c];
            var at = $"{path}.conditions[{c}]";
            var label = $"{where}, syarat {c + 1}";
            if (string.IsNullOrEmpty(cond.Op))
            {
                if (!ConditionParser.IsBareTerm(cond.Left))
                {
                    issues.Add(new FormIssue(at, $"{label}: \"{cond.Left}\" bukan syarat yang dikenal (isi kolom, operator dan nilai)."));
                }
                continue;
            }
            if (!ConditionParser.Operators.Contains(cond.Op))
            {
                issues.Add(new FormIssue($"{at}.op", $"{label}: operator \"{cond.Op}\" tidak dikenal (pakai ==, !=, >, >=, <, <=)."));
            }
            if (!ConditionParser.IsOperand(cond.Left))
            {
                issues.Add(new FormIssue($"{at}.left", $"{label}: kolom \"{cond.Left}\" harus berupa data (mis. snapshot.TksDaysYtd) atau nama parameter."));
            }
            var right = Normalise(cond.Right);
            if (!ConditionParser.IsOperand(right))
            {
                issues.Add(new FormIssue($"{at}.right", $"{label}: nilai \"{cond.Right}\" harus berupa angka, teks dalam tanda kutip, null, true/false, atau nama parameter."));
            }
        }
        return issues.Count > before ? null
            : ConditionParser.Render(join, conditions.Select(c => string.IsNullOrEmpty(c.Op) ? c : c with { Right = Normalise(c.Right) }));
    }

    /// <summary>A cell value as typed: trimmed, and a decimal comma (4,2) read as a point.</summary>
    private static string? Normalise(string? value)
    {
        var trimmed = value?.Trim();
        return trimmed is not null && FormReader.NumberLiteral().IsMatch(trimmed.Replace(',', '.')) ? trimmed.Replace(',', '.') : trimmed;
    }

    private static void SetEnabled(JsonObject rule, bool enabled)
    {
        if (!enabled)
        {
            SetProp(rule, "Enabled", false);
        }
        else if (Key(rule, "Enabled") is not null)
        {
            SetProp(rule, "Enabled", true);
        }
    }

    private static JsonNode? Prop(JsonObject o, string key) => Key(o, key) is { } k ? o[k] : null;

    private static string? Key(JsonObject o, string key) =>
        o.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));

    private static void SetProp(JsonObject o, string key, JsonNode? value) => o[Key(o, key) ?? key] = value;

    private static void SetOrRemove(JsonObject o, string key, JsonNode? value)
    {
        if (value is null)
        {
            if (Key(o, key) is { } k)
            {
                o.Remove(k);
            }
        }
        else
        {
            SetProp(o, key, value);
        }
    }
}
