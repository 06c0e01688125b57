using System.Linq.Expressions;
using System.Text;
using Kinerja.Rules.Model;
using RulesEngine.Models;
using Rule = RulesEngine.Models.Rule;

namespace Kinerja.Rules.Compilation;

/// <summary>
/// Actions: the OnSuccess output of a top-level rule (<c>OutputExpression</c>, or the output of the rule an
/// <c>EvaluateRule</c> names, as RulesEngine returns it), and the checks of actions Kinerja does not run
/// (OnFailure, actions of nested rules), which must still compile inside the sandbox.
/// </summary>
internal sealed partial class WorkflowCompiler
{
    private const string Differences = "rules/README.md, \"Differences from RulesEngine\"";

    /// <summary>Past this many chained EvaluateRule actions a chain is rejected (RulesEngine would recurse without end on a loop).</summary>
    private const int MaxEvaluateRuleDepth = 8;

    private string _rule = "";

    private Expression? BuildOutput(Rule rule, List<ParameterExpression> scope, ReadCollector reads, StringBuilder text, List<string> chain)
    {
        Expression? output = null;
        if (rule.Actions?.OnSuccess is { } success)
        {
            output = ActionOutput(success, scope, reads, text, chain);
        }
        if (rule.Actions?.OnFailure is { } failure)
        {
            CheckAction(failure, scope, "Actions.OnFailure");
            Note($"Actions.OnFailure ({failure.Name}) is checked but not run: a rule that does not succeed yields nothing in Kinerja ({Differences})");
        }
        return output;
    }

    private Expression? ActionOutput(ActionInfo info, List<ParameterExpression> scope, ReadCollector reads, StringBuilder text, List<string> chain)
    {
        if (RuleConventions.IsAction(info.Name, RuleConventions.OutputExpressionAction))
        {
            var expr = ContextString(info.Context, "expression")
                ?? throw new RuleCompileException("OutputExpression action needs Context.Expression");
            var parsed = Parse(expr, scope, null);
            reads.Use(parsed);
            text.Append("output: ").AppendLine(expr);
            return parsed;
        }
        if (RuleConventions.IsAction(info.Name, RuleConventions.EvaluateRuleAction))
        {
            return EvaluateRuleOutput(info, reads, text, chain);
        }
        throw UnknownAction(info);
    }

    /// <summary>
    /// The output of the rule an EvaluateRule action names, evaluated on the same input with its own workflow's
    /// GlobalParams: its OnSuccess output when it succeeds, else null; an exception inside gives null (RulesEngine
    /// keeps it on the evaluated rule's result).
    /// </summary>
    private Expression EvaluateRuleOutput(ActionInfo info, ReadCollector reads, StringBuilder text, List<string> chain)
    {
        var target = Target(info);
        var key = RuleKey(target.Workflow.Name, target.Rule.RuleName);
        if (chain.Contains(key) || chain.Count >= MaxEvaluateRuleDepth)
        {
            throw new RuleCompileException($"EvaluateRule actions loop or chain deeper than {MaxEvaluateRuleDepth}: "
                + string.Join(" -> ", chain.Append(key).Select(k => k.Replace('\u0000', '/'))));
        }
        text.Append("output: EvaluateRule ").Append(target.Workflow.Name).Append('/').AppendLine(target.Rule.RuleName);
        var targetScope = new List<ParameterExpression>(_inputScope);
        var variables = new List<ParameterExpression>();
        var steps = new List<Expression>();
        if (ReferenceEquals(target.Workflow, _source))
        {
            targetScope.AddRange(_globals.Select(g => g.Var));
        }
        else
        {
            foreach (var gp in target.Workflow.Workflow.GlobalParams ?? [])
            {
                var value = Parse(gp.Expression, targetScope, null);
                var v = Expression.Variable(value.Type, gp.Name);
                variables.Add(v);
                targetScope.Add(v);
                steps.Add(Expression.Assign(v, value));
                reads.Define(v, value);
            }
        }
        var ignored = Expression.Variable(typeof(Exception), "targetChildError");
        variables.Add(ignored);
        var ruleText = new StringBuilder();
        steps.AddRange(BuildLocals(target.Rule, targetScope, variables, reads, ruleText, "  "));
        var condition = BuildCondition(target.Rule, targetScope, reads, ignored, ruleText, "  ");
        var output = target.Rule.Actions?.OnSuccess is { } success
            ? ActionOutput(success, targetScope, reads, ruleText, [.. chain, key])
            : null;
        var none = Expression.Constant(null, typeof(object));
        steps.Add(Expression.Condition(condition, output is null ? none : Expression.Convert(output, typeof(object)), none));
        var ex = Expression.Variable(typeof(Exception), "targetError");
        return Expression.TryCatch(Expression.Block(typeof(object), variables, steps), Expression.Catch(ex, none));
    }

    /// <summary>Checks an action Kinerja does not run: its expression compiles in the sandbox, its target exists.</summary>
    private void CheckAction(ActionInfo info, List<ParameterExpression> scope, string where)
    {
        try
        {
            if (RuleConventions.IsAction(info.Name, RuleConventions.OutputExpressionAction))
            {
                var expr = ContextString(info.Context, "expression")
                    ?? throw new RuleCompileException("OutputExpression action needs Context.Expression");
                Parse(expr, scope, null);
            }
            else if (RuleConventions.IsAction(info.Name, RuleConventions.EvaluateRuleAction))
            {
                Target(info);
            }
            else
            {
                throw UnknownAction(info);
            }
        }
        catch (RuleCompileException ex)
        {
            throw new RuleCompileException($"{where}: {ex.Message}", ex);
        }
    }

    private void CheckNestedActions(Rule child, List<ParameterExpression> scope)
    {
        foreach (var (info, where) in new[] { (child.Actions?.OnSuccess, "Actions.OnSuccess"), (child.Actions?.OnFailure, "Actions.OnFailure") })
        {
            if (info is null)
            {
                continue;
            }
            CheckAction(info, scope, where);
            Note($"{where} ({info.Name}) of nested rule '{child.RuleName}' is checked but not run: only top-level rules yield outputs in Kinerja ({Differences})");
        }
    }

    private RuleTarget Target(ActionInfo info)
    {
        var wf = ContextString(info.Context, "workflowName");
        var rn = ContextString(info.Context, "ruleName");
        foreach (var unsupported in new[] { "inputFilter", "additionalInputs" })
        {
            if (ContextString(info.Context, unsupported) is not null)
            {
                throw new RuleCompileException($"EvaluateRule Context.{unsupported} is not supported: the evaluated rule reads the same snapshot ({Differences})");
            }
        }
        if (wf is null || !workflows.TryGetValue(wf, out var target))
        {
            throw new RuleCompileException($"EvaluateRule names unknown workflow '{wf}'");
        }
        // RulesEngine finds the rule by exact name among the workflow's enabled rules (injected ones included)
        var rule = target.Rules.FirstOrDefault(r => r.Enabled && string.Equals(r.RuleName, rn, StringComparison.Ordinal))
            ?? throw new RuleCompileException($"EvaluateRule names unknown rule '{rn}' of workflow '{wf}'");
        return new RuleTarget(target.Source, rule);
    }

    private static RuleCompileException UnknownAction(ActionInfo info) => new(
        $"action '{info.Name}' is unknown (use {RuleConventions.OutputExpressionAction} or {RuleConventions.EvaluateRuleAction}; custom actions are not supported, {Differences})");

    private void Note(string reason)
    {
        var note = RuleIssue.Note(_source.File, _source.Name, _rule, reason);
        if (!Notes.Contains(note))
        {
            Notes.Add(note);
        }
    }
}
