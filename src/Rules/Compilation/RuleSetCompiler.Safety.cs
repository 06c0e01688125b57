using Kinerja.Rules.Engine;
using Kinerja.Rules.Model;
using Kinerja.Rules.Safety;
using Rule = RulesEngine.Models.Rule;

namespace Kinerja.Rules.Compilation;

/// <summary>The entry point: compiling on the large-stack thread, and the workflow size limits.</summary>
public static partial class RuleSetCompiler
{
    /// <summary>
    /// Compiles <paramref name="sources"/>; the set is null when there is any error (notes alone keep it). Parsing and
    /// <c>Expression.Compile</c> run on a dedicated thread with <see cref="RuleLimits.CompilerStackBytes"/> of stack,
    /// after the text limits were checked, so no rule text can overflow the caller's stack.
    /// </summary>
    /// <param name="versions">Version per workflow name (default 0: not published).</param>
    /// <param name="limits">Limits to check and to evaluate under (default <see cref="RuleLimits.Default"/>).</param>
    public static (CompiledRuleSet? Set, IReadOnlyList<RuleIssue> Issues) Compile(
        IReadOnlyList<WorkflowSource> sources, IReadOnlyDictionary<string, int>? versions = null, RuleLimits? limits = null)
    {
        var l = limits ?? RuleLimits.Default;
        return BigStack.Run(() => CompileCore(sources, versions, l, null), l.CompilerStackBytes);
    }

    private static void CheckSize(WorkflowSource s, IReadOnlyList<Rule> rules, RuleLimits limits, List<RuleIssue> issues)
    {
        var count = 0;
        foreach (var rule in rules)
        {
            var depth = Measure(rule, 0, ref count);
            if (depth > limits.MaxNestedRuleDepth)
            {
                issues.Add(new RuleIssue(s.File, s.Name, rule.RuleName,
                    $"nested Rules go {depth} levels deep, more than the limit of {limits.MaxNestedRuleDepth} (Kinerja:Rules:Limits:MaxNestedRuleDepth)"));
            }
        }
        if (count > limits.MaxRulesPerWorkflow)
        {
            issues.Add(new RuleIssue(s.File, s.Name, null,
                $"the workflow has {count} rules (nested and injected ones included), more than the limit of {limits.MaxRulesPerWorkflow} "
                + "(Kinerja:Rules:Limits:MaxRulesPerWorkflow)"));
        }
    }

    /// <summary>Depth of nested rules under <paramref name="rule"/>; counts every rule. Iterative: the model may be deep.</summary>
    private static int Measure(Rule rule, int depth, ref int count)
    {
        var max = 0;
        var stack = new Stack<(Rule Rule, int Depth)>();
        stack.Push((rule, depth));
        while (stack.Count > 0)
        {
            var (r, d) = stack.Pop();
            count++;
            max = Math.Max(max, d);
            foreach (var child in r.Rules ?? [])
            {
                stack.Push((child, d + 1));
            }
        }
        return max;
    }
}
