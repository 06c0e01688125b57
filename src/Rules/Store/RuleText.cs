using System.Text.Json;
using Kinerja.Rules.Compilation;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Model;
using RulesEngine.Models;

namespace Kinerja.Rules.Store;

/// <summary>Pulls a rule's text and HR properties out of a stored workflow JSON.</summary>
internal static class RuleText
{
    public static RuleExplanation? Explain(string workflowJson, string ruleName)
    {
        var wf = JsonSerializer.Deserialize<Workflow>(workflowJson, RuleFileLoader.Json);
        var rule = wf?.Rules?.FirstOrDefault(r => r.RuleName == ruleName);
        if (rule is null)
        {
            return null;
        }
        var props = rule.Properties ?? [];
        return new RuleExplanation(Describe(rule),
            WorkflowCompiler.Prop(props, RuleConventions.Description),
            WorkflowCompiler.Prop(props, RuleConventions.Action),
            WorkflowCompiler.Prop(props, RuleConventions.Actor));
    }

    private static string? Describe(Rule rule) =>
        rule.Rules?.Any() == true && !string.IsNullOrEmpty(rule.Operator)
            ? string.Join($" {rule.Operator} ", rule.Rules.Where(r => r.Enabled).Select(r => $"({Describe(r)})"))
            : rule.Expression;
}
