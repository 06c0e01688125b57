using System.Linq.Expressions;
using System.Text;
using Rule = RulesEngine.Models.Rule;

namespace Kinerja.Rules.Compilation;

/// <summary>Local params and conditions (expressions and nested operators).</summary>
internal sealed partial class WorkflowCompiler
{
    private List<Expression> BuildLocals(Rule rule, List<ParameterExpression> scope, List<ParameterExpression> locals,
        ReadCollector reads, StringBuilder text, string indent)
    {
        var assigns = new List<Expression>();
        foreach (var lp in rule.LocalParams ?? [])
        {
            Expression value;
            try
            {
                value = Parse(lp.Expression, scope, null);
            }
            catch (RuleCompileException ex)
            {
                throw new RuleCompileException($"LocalParams '{lp.Name}': {ex.Message}", ex);
            }
            var v = Expression.Variable(value.Type, lp.Name);
            locals.Add(v);
            scope.Add(v);
            assigns.Add(Expression.Assign(v, value));
            reads.Define(v, value);
            text.Append(indent).Append("let ").Append(lp.Name).Append(" = ").AppendLine(lp.Expression);
        }
        return assigns;
    }

    private Expression BuildCondition(Rule rule, List<ParameterExpression> scope, ReadCollector reads,
        Expression errorSlot, StringBuilder text, string indent)
    {
        var children = rule.Rules?.ToArray() ?? [];
        if (!string.IsNullOrEmpty(rule.Operator) && !NestedOperators.Contains(rule.Operator, StringComparer.Ordinal))
        {
            throw new RuleCompileException($"Operator '{rule.Operator}' is not one of {string.Join(", ", NestedOperators)}");
        }
        if (!string.IsNullOrEmpty(rule.Operator) && children.Length > 0)
        {
            var isAnd = rule.Operator.StartsWith("And", StringComparison.Ordinal);
            text.Append(indent).Append(rule.Operator).AppendLine(":");
            var parts = new List<Expression>();
            foreach (var child in children.Where(c => c.Enabled))
            {
                if (string.IsNullOrWhiteSpace(child.RuleName))
                {
                    throw new RuleCompileException("a nested rule needs a RuleName");
                }
                text.Append(indent).Append("  - ").Append(child.RuleName).AppendLine(":");
                var childScope = new List<ParameterExpression>(scope);
                var childLocals = new List<ParameterExpression>();
                Expression childCond;
                List<Expression> assigns;
                try
                {
                    assigns = BuildLocals(child, childScope, childLocals, reads, text, indent + "      ");
                    childCond = BuildCondition(child, childScope, reads, errorSlot, text, indent + "      ");
                    CheckNestedActions(child, childScope);
                }
                catch (RuleCompileException ex)
                {
                    throw new RuleCompileException($"nested rule '{child.RuleName}': {ex.Message}", ex);
                }
                // a child that throws counts as failed (as in RulesEngine) and is recorded on the top-level rule
                var ex2 = Expression.Variable(typeof(Exception), "cex");
                parts.Add(Expression.TryCatch(
                    Expression.Block(typeof(bool), childLocals, assigns.Append(childCond)),
                    Expression.Catch(ex2, Expression.Block(typeof(bool),
                        Expression.Assign(errorSlot, ex2), Expression.Constant(false)))));
            }
            if (parts.Count == 0)
            {
                return Expression.Constant(false);
            }
            // non-short-circuit And/Or: every child runs, as with RulesEngine's default NestedRuleExecutionMode.All,
            // so a child's exception is seen whatever the earlier children gave
            return parts.Aggregate((a, b) => isAnd ? Expression.And(a, b) : Expression.Or(a, b));
        }
        if (string.IsNullOrWhiteSpace(rule.Expression))
        {
            throw new RuleCompileException("the rule has no Expression (and no Operator with nested Rules)");
        }
        text.Append(indent).AppendLine(rule.Expression);
        var parsed = Parse(rule.Expression, scope, typeof(bool));
        reads.Use(parsed);
        return parsed;
    }
}
