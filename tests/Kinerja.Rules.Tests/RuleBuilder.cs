using Kinerja.Rules.Compilation;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Model;

namespace Kinerja.Rules.Tests;

/// <summary>Builds small workflows from JSON text for tests.</summary>
internal static class RuleBuilder
{
    public static (CompiledRuleSet? Set, IReadOnlyList<RuleIssue> Issues) Compile(params (string File, string Json)[] files)
    {
        var sources = new List<WorkflowSource>();
        var issues = new List<RuleIssue>();
        foreach (var (file, json) in files)
        {
            var (w, i) = RuleFileLoader.Parse(file, json);
            sources.AddRange(w);
            issues.AddRange(i);
        }
        if (issues.Count > 0)
        {
            return (null, issues);
        }
        return RuleSetCompiler.Compile(sources);
    }

    /// <summary>One workflow with one rule using <paramref name="expression"/>.</summary>
    public static string OneRule(string workflow, string expression, string rule = "r1", string extra = "") =>
        "{ \"WorkflowName\": \"" + workflow + "\", \"Rules\": [ { \"RuleName\": \"" + rule + "\", \"SuccessEvent\": \"E1\", "
        + extra + " \"Expression\": " + System.Text.Json.JsonSerializer.Serialize(expression) + " } ] }";
}
