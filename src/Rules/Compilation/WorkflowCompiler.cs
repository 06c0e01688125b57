using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using Kinerja.Rules.Model;
using RulesEngine.Models;
using Rule = RulesEngine.Models.Rule;

namespace Kinerja.Rules.Compilation;

/// <summary>
/// Compiles one workflow into one delegate with RulesEngine's semantics: disabled rules skipped;
/// GlobalParams evaluated once (a failure marks every rule as errored); LocalParams in order, each seeing
/// the previous; <c>Operator</c> And/AndAlso/Or/OrElse over enabled child rules (children see the parent's
/// local params); the OnSuccess <c>OutputExpression</c> evaluated when the rule succeeds. Each top-level
/// rule runs inside its own try/catch, so a rule that throws is recorded and the others still run.
/// </summary>
internal sealed partial class WorkflowCompiler(ParserHost parser, IReadOnlyDictionary<string, int> slots)
{
    private static readonly string[] NestedOperators = ["And", "AndAlso", "Or", "OrElse"];

    public CompiledWorkflow? Compile(WorkflowSource source, IReadOnlyList<Rule> rules, Type inputType, string inputName,
        int version, List<RuleIssue> issues)
    {
        var wf = source.Workflow;
        var before = issues.Count;
        var input = Expression.Parameter(inputType, inputName);
        // RulesEngine names an unnamed input "input1": files written that way load unchanged
        var alias = Expression.Variable(inputType, "input1");
        var scope = new List<ParameterExpression> { input, alias };
        var reads = new ReadCollector(input, alias);

        // global params: evaluated once per snapshot
        var globals = new List<(ParameterExpression Var, Expression Value)>();
        foreach (var gp in wf.GlobalParams ?? [])
        {
            try
            {
                var value = parser.Parse(gp.Expression, scope, null);
                var v = Expression.Variable(value.Type, gp.Name);
                globals.Add((v, value));
                scope.Add(v);
                reads.Define(v, value);
            }
            catch (RuleCompileException ex)
            {
                issues.Add(new RuleIssue(source.File, wf.WorkflowName, null, $"GlobalParams '{gp.Name}': {ex.Message}"));
            }
        }

        var objParam = Expression.Parameter(typeof(object), "boxed");
        var scratch = Expression.Parameter(typeof(RuleScratch), "scratch");
        var fired = Expression.Variable(typeof(bool[]), "fired");
        var outputs = Expression.Variable(typeof(object?[]), "outputs");
        var errors = Expression.Variable(typeof(Exception?[]), "errors");

        var compiledRules = new List<CompiledRule>();
        var ruleBlocks = new List<Expression>();
        var enabled = rules.Where(r => r.Enabled).ToArray();
        var gate = new Safety.RuleGate(enabled.Length);
        for (var i = 0; i < enabled.Length; i++)
        {
            var rule = enabled[i];
            var ruleIssuesBefore = issues.Count;
            var text = new StringBuilder();
            var ruleReads = new HashSet<string>(StringComparer.Ordinal);
            Expression? body = null;
            Expression? output = null;
            var index = Expression.Constant(i);
            var errorSlot = Expression.ArrayAccess(errors, index);
            try
            {
                var locals = new List<ParameterExpression>();
                var ruleScope = new List<ParameterExpression>(scope);
                var assigns = BuildLocals(rule, ruleScope, locals, reads, text, "");
                var condition = BuildCondition(rule, ruleScope, reads, errorSlot, text, "");
                output = BuildOutput(rule, ruleScope, reads, text);
                reads.CollectInto(ruleReads);
                var fire = Expression.Assign(Expression.ArrayAccess(fired, index), condition);
                var steps = new List<Expression>(assigns) { fire };
                if (output is not null)
                {
                    steps.Add(Expression.IfThen(Expression.ArrayAccess(fired, index),
                        Expression.Assign(Expression.ArrayAccess(outputs, index), Expression.Convert(output, typeof(object)))));
                }
                steps.Add(Expression.Empty());
                var ex = Expression.Variable(typeof(Exception), "ex");
                body = Expression.TryCatch(
                    Expression.Block(typeof(void), locals, steps),
                    Expression.Catch(ex, Expression.Block(typeof(void),
                        Expression.Assign(errorSlot, ex),
                        Expression.Assign(Expression.ArrayAccess(fired, index), Expression.Constant(false)))));
                body = Safety.BudgetRewriter.GuardRule(body, gate, i);
            }
            catch (RuleCompileException ex)
            {
                issues.Add(new RuleIssue(source.File, wf.WorkflowName, rule.RuleName, ex.Message));
            }
            reads.ResetRule();
            if (issues.Count > ruleIssuesBefore || body is null)
            {
                continue;
            }
            ruleBlocks.Add(body);
            var props = rule.Properties ?? [];
            var sets = Prop(props, RuleConventions.Sets);
            var readNames = ruleReads.Order(StringComparer.Ordinal).ToArray();
            compiledRules.Add(new CompiledRule
            {
                Name = rule.RuleName,
                Index = i,
                Event = string.IsNullOrWhiteSpace(rule.SuccessEvent) ? rule.RuleName : rule.SuccessEvent,
                Kind = Prop(props, RuleConventions.Kind),
                Sets = sets,
                SetsSlot = sets is not null && slots.TryGetValue(sets, out var slot) ? slot : -1,
                HasOutput = output is not null,
                ActionText = Prop(props, RuleConventions.Action),
                Actor = Prop(props, RuleConventions.Actor),
                Description = Prop(props, RuleConventions.Description),
                Text = text.ToString().TrimEnd(),
                Reads = readNames.Select(Camel).ToArray(),
                ReadGetters = readNames.Select(n => Getter(inputType, n)).ToArray(),
            });
        }
        if (issues.Count > before)
        {
            return null;
        }

        var all = new List<Expression>
        {
            Expression.Assign(fired, Expression.Field(scratch, nameof(RuleScratch.Fired))),
            Expression.Assign(outputs, Expression.Field(scratch, nameof(RuleScratch.Outputs))),
            Expression.Assign(errors, Expression.Field(scratch, nameof(RuleScratch.Errors))),
            Expression.Assign(input, Expression.Convert(objParam, inputType)),
            Expression.Assign(alias, input),
        };
        Expression rulesBlock = ruleBlocks.Count == 0 ? Expression.Empty() : Expression.Block(typeof(void), ruleBlocks);
        if (globals.Count > 0)
        {
            var gex = Expression.Variable(typeof(Exception), "gex");
            var markAll = compiledRules.Select(r => (Expression)Expression.Assign(
                Expression.ArrayAccess(errors, Expression.Constant(r.Index)), gex)).ToList();
            // rules only run when the globals evaluated: a flag keeps the tree simple
            var ok = Expression.Variable(typeof(bool), "globalsOk");
            all.Add(Expression.Assign(ok, Expression.Constant(true)));
            all.Add(Expression.TryCatch(
                Expression.Block(typeof(void), globals.Select(g => (Expression)Expression.Assign(g.Var, g.Value)).Append(Expression.Empty())),
                Expression.Catch(gex, Expression.Block(typeof(void), markAll.Prepend(Expression.Assign(ok, Expression.Constant(false)))))));
            all.Add(Expression.IfThen(ok, rulesBlock));
            var lambda = Expression.Lambda<Action<object, RuleScratch>>(
                Expression.Block(typeof(void), globals.Select(g => g.Var).Append(input).Append(alias).Append(fired).Append(outputs).Append(errors).Append(ok), all),
                objParam, scratch);
            return Build(source, wf, inputType, version, compiledRules, reads, lambda.Compile()).WithGate(gate);
        }
        all.Add(rulesBlock);
        var plain = Expression.Lambda<Action<object, RuleScratch>>(
            Expression.Block(typeof(void), [input, alias, fired, outputs, errors], all), objParam, scratch);
        return Build(source, wf, inputType, version, compiledRules, reads, plain.Compile()).WithGate(gate);
    }

    private static CompiledWorkflow Build(WorkflowSource source, Workflow wf, Type inputType, int version,
        List<CompiledRule> rules, ReadCollector reads, Action<object, RuleScratch> evaluate) => new()
    {
        Name = wf.WorkflowName,
        Version = version,
        File = source.File,
        Json = source.Json,
        InputType = inputType,
        Rules = rules.ToArray(),
        Reads = new HashSet<string>(reads.AllReads, StringComparer.OrdinalIgnoreCase),
        Sets = rules.Where(r => r.Sets is not null).Select(r => r.Sets!).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        Evaluate = evaluate,
    };

    private List<Expression> BuildLocals(Rule rule, List<ParameterExpression> scope, List<ParameterExpression> locals,
        ReadCollector reads, StringBuilder text, string indent)
    {
        var assigns = new List<Expression>();
        foreach (var lp in rule.LocalParams ?? [])
        {
            Expression value;
            try
            {
                value = parser.Parse(lp.Expression, scope, null);
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
            return parts.Aggregate((a, b) => isAnd ? Expression.AndAlso(a, b) : Expression.OrElse(a, b));
        }
        if (string.IsNullOrWhiteSpace(rule.Expression))
        {
            throw new RuleCompileException("the rule has no Expression (and no Operator with nested Rules)");
        }
        text.Append(indent).AppendLine(rule.Expression);
        var parsed = parser.Parse(rule.Expression, scope, typeof(bool));
        reads.Use(parsed);
        return parsed;
    }

    private Expression? BuildOutput(Rule rule, List<ParameterExpression> scope, ReadCollector reads, StringBuilder text)
    {
        foreach (var (info, onSuccess) in new[] { (rule.Actions?.OnSuccess, true), (rule.Actions?.OnFailure, false) })
        {
            if (info is null)
            {
                continue;
            }
            if (string.Equals(info.Name, RuleConventions.OutputExpressionAction, StringComparison.Ordinal))
            {
                var expr = ContextString(info.Context, "expression")
                    ?? throw new RuleCompileException("OutputExpression action needs Context.Expression");
                var parsed = parser.Parse(expr, scope, null);
                if (onSuccess)
                {
                    reads.Use(parsed);
                    text.Append("output: ").AppendLine(expr);
                    return parsed;
                }
            }
            else if (!string.Equals(info.Name, RuleConventions.EvaluateRuleAction, StringComparison.Ordinal))
            {
                throw new RuleCompileException(
                    $"action '{info.Name}' is unknown (use {RuleConventions.OutputExpressionAction} or {RuleConventions.EvaluateRuleAction})");
            }
        }
        return null;
    }

    private static Func<object, object?> Getter(Type inputType, string property)
    {
        var o = Expression.Parameter(typeof(object), "o");
        return Expression.Lambda<Func<object, object?>>(
            Expression.Convert(Expression.Property(Expression.Convert(o, inputType), property), typeof(object)), o).Compile();
    }
}
