using System.Text.Json;
using Kinerja.Rules.Model;

namespace Kinerja.Rules.Loading;

/// <summary>
/// Checks the JSON shape of a workflow before deserialising: known property names (case-insensitive;
/// keys starting with <c>$</c> such as <c>$schema</c> are ignored), the JSON kind of each value, and the
/// required names. Catches HR typos (<c>"Expresion"</c>) that RulesEngine would silently ignore.
/// </summary>
internal static class ShapeChecker
{
    private static readonly Dictionary<string, JsonValueKind[]> WorkflowKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WorkflowName"] = [JsonValueKind.String],
        ["WorkflowsToInject"] = [JsonValueKind.Array, JsonValueKind.Null],
        ["WorkflowRulesToInject"] = [JsonValueKind.Array, JsonValueKind.Null],
        ["RuleExpressionType"] = [JsonValueKind.Number, JsonValueKind.String],
        ["GlobalParams"] = [JsonValueKind.Array, JsonValueKind.Null],
        ["Rules"] = [JsonValueKind.Array, JsonValueKind.Null],
    };

    private static readonly Dictionary<string, JsonValueKind[]> RuleKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RuleName"] = [JsonValueKind.String],
        ["Properties"] = [JsonValueKind.Object, JsonValueKind.Null],
        ["Operator"] = [JsonValueKind.String, JsonValueKind.Null],
        ["ErrorMessage"] = [JsonValueKind.String, JsonValueKind.Null],
        ["Enabled"] = [JsonValueKind.True, JsonValueKind.False],
        ["RuleExpressionType"] = [JsonValueKind.String, JsonValueKind.Number],
        ["WorkflowsToInject"] = [JsonValueKind.Array, JsonValueKind.Null],
        ["Rules"] = [JsonValueKind.Array, JsonValueKind.Null],
        ["LocalParams"] = [JsonValueKind.Array, JsonValueKind.Null],
        ["Expression"] = [JsonValueKind.String, JsonValueKind.Null],
        ["Actions"] = [JsonValueKind.Object, JsonValueKind.Null],
        ["SuccessEvent"] = [JsonValueKind.String, JsonValueKind.Null],
        // RulesEngine 4+ dropped ErrorType; its deserialiser ignores it and its own demo and test data still carry it
        ["ErrorType"] = [JsonValueKind.String, JsonValueKind.Number, JsonValueKind.Null],
    };

    private static readonly Dictionary<string, JsonValueKind[]> ParamKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Name"] = [JsonValueKind.String],
        ["Expression"] = [JsonValueKind.String],
    };

    private static readonly Dictionary<string, JsonValueKind[]> ActionsKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["OnSuccess"] = [JsonValueKind.Object, JsonValueKind.Null],
        ["OnFailure"] = [JsonValueKind.Object, JsonValueKind.Null],
    };

    private static readonly Dictionary<string, JsonValueKind[]> ActionInfoKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Name"] = [JsonValueKind.String],
        ["Context"] = [JsonValueKind.Object, JsonValueKind.Null],
    };

    public static void CheckWorkflow(string file, string? workflow, JsonElement element, List<RuleIssue> issues)
    {
        CheckObject(file, workflow, null, element, WorkflowKeys, "workflow", issues);
        if (string.IsNullOrWhiteSpace(workflow))
        {
            issues.Add(new RuleIssue(file, null, null, "a workflow needs a non-empty \"WorkflowName\""));
        }
        var hasRules = LoaderGet(element, "Rules", out var rules) && rules.ValueKind == JsonValueKind.Array && rules.GetArrayLength() > 0;
        var injects = new[] { "WorkflowsToInject", "WorkflowRulesToInject" }.Any(key =>
            LoaderGet(element, key, out var inject) && inject.ValueKind == JsonValueKind.Array && inject.GetArrayLength() > 0);
        if (hasRules)
        {
            CheckRules(file, workflow, rules, issues);
        }
        else if (!injects)
        {
            // as RulesEngine's validator: rules of its own, or rules injected from other workflows
            issues.Add(new RuleIssue(file, workflow, null, "a workflow needs a non-empty \"Rules\" array or \"WorkflowsToInject\" naming the workflows whose rules it runs"));
        }
        if (LoaderGet(element, "GlobalParams", out var gp) && gp.ValueKind == JsonValueKind.Array)
        {
            CheckParams(file, workflow, null, gp, "GlobalParams", issues);
        }
    }

    private static void CheckRules(string file, string? workflow, JsonElement rules, List<RuleIssue> issues)
    {
        var i = 0;
        foreach (var rule in rules.EnumerateArray())
        {
            i++;
            if (rule.ValueKind != JsonValueKind.Object)
            {
                issues.Add(new RuleIssue(file, workflow, $"#{i}", $"a rule must be an object, found {rule.ValueKind}"));
                continue;
            }
            var name = LoaderGet(rule, "RuleName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var label = string.IsNullOrWhiteSpace(name) ? $"#{i}" : name;
            if (string.IsNullOrWhiteSpace(name))
            {
                issues.Add(new RuleIssue(file, workflow, label, "a rule needs a non-empty \"RuleName\""));
            }
            CheckObject(file, workflow, label, rule, RuleKeys, "rule", issues);
            if (LoaderGet(rule, "Rules", out var children) && children.ValueKind == JsonValueKind.Array)
            {
                CheckRules(file, workflow, children, issues);
            }
            if (LoaderGet(rule, "LocalParams", out var lp) && lp.ValueKind == JsonValueKind.Array)
            {
                CheckParams(file, workflow, label, lp, "LocalParams", issues);
            }
            if (LoaderGet(rule, "Actions", out var actions) && actions.ValueKind == JsonValueKind.Object)
            {
                CheckObject(file, workflow, label, actions, ActionsKeys, "Actions", issues);
                foreach (var key in new[] { "OnSuccess", "OnFailure" })
                {
                    if (LoaderGet(actions, key, out var info) && info.ValueKind == JsonValueKind.Object)
                    {
                        CheckObject(file, workflow, label, info, ActionInfoKeys, $"Actions.{key}", issues);
                    }
                }
            }
        }
    }

    private static void CheckParams(string file, string? workflow, string? rule, JsonElement list, string what, List<RuleIssue> issues)
    {
        foreach (var p in list.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.Object)
            {
                issues.Add(new RuleIssue(file, workflow, rule, $"{what} entries must be objects with Name and Expression"));
                continue;
            }
            CheckObject(file, workflow, rule, p, ParamKeys, what, issues);
            foreach (var key in new[] { "Name", "Expression" })
            {
                if (!LoaderGet(p, key, out var v) || v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
                {
                    issues.Add(new RuleIssue(file, workflow, rule, $"{what} entry needs a non-empty \"{key}\""));
                }
            }
        }
    }

    private static void CheckObject(string file, string? workflow, string? rule, JsonElement obj,
        Dictionary<string, JsonValueKind[]> known, string what, List<RuleIssue> issues)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Name.StartsWith('$'))
            {
                continue;
            }
            if (!known.TryGetValue(p.Name, out var kinds))
            {
                issues.Add(new RuleIssue(file, workflow, rule,
                    $"unknown {what} property \"{p.Name}\" (known: {string.Join(", ", known.Keys)})"));
            }
            else if (!kinds.Contains(p.Value.ValueKind))
            {
                issues.Add(new RuleIssue(file, workflow, rule,
                    $"{what} property \"{p.Name}\" must be {string.Join(" or ", kinds.Select(k => k.ToString().ToLowerInvariant()))}, found {p.Value.ValueKind.ToString().ToLowerInvariant()}"));
            }
        }
    }

    private static bool LoaderGet(JsonElement obj, string name, out JsonElement value) =>
        RuleFileLoader.TryGetInsensitive(obj, name, out value);
}
