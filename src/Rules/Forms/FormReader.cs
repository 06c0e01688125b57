using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kinerja.Rules.Forms;

/// <summary>Reads a workflow (standard RulesEngine JSON) into its HR form: labelled parameters and table rows.</summary>
public static partial class FormReader
{
    /// <summary>Reads one workflow object; throws <see cref="JsonException"/> when the text is not a workflow object.</summary>
    public static WorkflowForm Read(string workflowJson)
    {
        using var doc = JsonDocument.Parse(workflowJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a workflow form is read from one workflow object");
        }
        var name = Get(root, "WorkflowName") is { ValueKind: JsonValueKind.String } n ? n.GetString()! : "";
        var parameters = new List<FormParameter>();
        if (Get(root, "GlobalParams") is { ValueKind: JsonValueKind.Array } gp)
        {
            foreach (var p in gp.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object))
            {
                var pName = Get(p, "Name")?.GetString() ?? "";
                var expression = Get(p, "Expression")?.GetString() ?? "";
                var (kind, value) = Constant(expression);
                var (label, unit, help) = ParamLabels.For(root, pName);
                parameters.Add(new FormParameter(pName, kind, value, expression, label, unit, help));
            }
        }
        var rows = new List<FormRow>();
        if (Get(root, "Rules") is { ValueKind: JsonValueKind.Array } rules)
        {
            rows.AddRange(rules.EnumerateArray().Select(ReadRow));
        }
        return new WorkflowForm(name, parameters, rows, root.Clone());
    }

    /// <summary>The kind and display value of a parameter expression: a constant, or <c>expression</c>.</summary>
    public static (string Kind, string? Value) Constant(string expression)
    {
        var e = expression.Trim();
        if (NumberLiteral().IsMatch(e))
        {
            return ("number", e);
        }
        if (e is "true" or "false")
        {
            return ("bool", e);
        }
        if (e.Length >= 2 && e[0] == '"' && e[^1] == '"' && StringLiteral().IsMatch(e))
        {
            return ("text", e[1..^1].Replace("\\\"", "\"").Replace("\\\\", "\\"));
        }
        return ("expression", null);
    }

    private static FormRow ReadRow(JsonElement rule)
    {
        var name = Get(rule, "RuleName") is { ValueKind: JsonValueKind.String } n ? n.GetString()! : "";
        var enabled = Get(rule, "Enabled") is not { ValueKind: JsonValueKind.False };
        var irregular = new FormRow { Rule = name, Source = name, Enabled = enabled, RuleJson = rule.Clone() };
        if (rule.ValueKind != JsonValueKind.Object || !OnlyKeys(rule, "RuleName", "SuccessEvent", "Properties", "Expression", "Operator", "Rules",
                "Actions", "Enabled", "RuleExpressionType", "ErrorMessage"))
        {
            return irregular;
        }
        if (Get(rule, "RuleExpressionType") is { } ret && ret.ToString() is not ("LambdaExpression" or "0"))
        {
            return irregular;
        }
        Dictionary<string, string>? properties = null;
        if (Get(rule, "Properties") is { ValueKind: JsonValueKind.Object } props)
        {
            if (props.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
            {
                return irregular;
            }
            properties = props.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        }
        string? output = null;
        if (Get(rule, "Actions") is { ValueKind: not JsonValueKind.Null } actions)
        {
            output = OutputOf(actions);
            if (output is null)
            {
                return irregular;
            }
        }
        var successEvent = Get(rule, "SuccessEvent") is { ValueKind: JsonValueKind.String } se ? se.GetString() : null;
        var row = irregular with { Regular = true, SuccessEvent = successEvent, Properties = properties, Output = output };
        var expression = Get(rule, "Expression") is { ValueKind: JsonValueKind.String } ex ? ex.GetString() : null;
        var children = Get(rule, "Rules") is { ValueKind: JsonValueKind.Array } c && c.GetArrayLength() > 0 ? c : (JsonElement?)null;
        if (expression is not null && children is null && ConditionParser.Parse(expression) is { } parsed)
        {
            return row with { Join = parsed.Join, Conditions = parsed.Conditions };
        }
        if (expression is null && children is { } kids && Get(rule, "Operator") is { ValueKind: JsonValueKind.String } op
            && op.GetString() is "And" or "AndAlso" or "Or" or "OrElse")
        {
            var branches = new List<FormBranch>();
            foreach (var kid in kids.EnumerateArray())
            {
                if (kid.ValueKind != JsonValueKind.Object || !OnlyKeys(kid, "RuleName", "Expression")
                    || Get(kid, "Expression")?.GetString() is not { } kidExpression || ConditionParser.Parse(kidExpression) is not { } kp)
                {
                    return irregular;
                }
                branches.Add(new FormBranch { Rule = Get(kid, "RuleName")?.GetString() ?? "", Join = kp.Join, Conditions = kp.Conditions });
            }
            return row with { Operator = op.GetString(), Branches = branches };
        }
        return irregular;
    }

    /// <summary>The OnSuccess <c>OutputExpression</c>, when that is all the actions hold.</summary>
    private static string? OutputOf(JsonElement actions)
    {
        if (actions.ValueKind != JsonValueKind.Object || !OnlyKeys(actions, "OnSuccess")
            || Get(actions, "OnSuccess") is not { ValueKind: JsonValueKind.Object } onSuccess
            || !string.Equals(Get(onSuccess, "Name")?.ToString(), "OutputExpression", StringComparison.OrdinalIgnoreCase)
            || Get(onSuccess, "Context") is not { ValueKind: JsonValueKind.Object } context || !OnlyKeys(context, "Expression")
            || Get(context, "Expression") is not { ValueKind: JsonValueKind.String } e)
        {
            return null;
        }
        return e.GetString();
    }

    private static bool OnlyKeys(JsonElement o, params string[] keys) =>
        o.EnumerateObject().All(p => p.Name.StartsWith('$') || keys.Contains(p.Name, StringComparer.OrdinalIgnoreCase));

    internal static JsonElement? Get(JsonElement o, string key)
    {
        if (o.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var p in o.EnumerateObject())
        {
            if (string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }
        return null;
    }

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    internal static partial Regex NumberLiteral();

    [GeneratedRegex(@"^""([^""\\]|\\.)*""$")]
    private static partial Regex StringLiteral();
}
