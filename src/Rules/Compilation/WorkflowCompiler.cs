using System.Linq.Expressions;
using System.Text;
using Kinerja.Rules.Model;
using RulesEngine.Models;
using Rule = RulesEngine.Models.Rule;

namespace Kinerja.Rules.Compilation;

/// <summary>A rule an <c>EvaluateRule</c> action names, with the workflow it belongs to.</summary>
internal sealed record RuleTarget(WorkflowSource Workflow, Rule Rule);

/// <summary>
/// Compiles one workflow into one delegate with RulesEngine's semantics: disabled rules skipped;
/// GlobalParams evaluated once (a failure marks every rule as errored); LocalParams in order, each seeing
/// the previous; <c>Operator</c> And/AndAlso/Or/OrElse over every enabled child rule (all children are
/// evaluated, as RulesEngine's default <c>NestedRuleExecutionMode.All</c> does; children see the parent's
/// local params); the OnSuccess action's output (<c>OutputExpression</c>, or the output of the rule an
/// <c>EvaluateRule</c> names) evaluated when the rule succeeds. Each top-level rule runs inside its own
/// try/catch, so a rule that throws is recorded and the others still run; a child's exception is reported
/// only when its rule does not succeed (RulesEngine keeps it on the child's result).
/// </summary>
internal sealed partial class WorkflowCompiler(ParserHost parser, IReadOnlyDictionary<string, int> slots,
    IReadOnlyDictionary<string, (WorkflowSource Source, IReadOnlyList<Rule> Rules)> workflows)
{
    private static readonly string[] NestedOperators = ["And", "AndAlso", "Or", "OrElse"];

    private RuleInputs _inputs = RuleInputs.Employee;
    private WorkflowSource _source = null!;
    private List<(ParameterExpression Var, Expression Value)> _globals = [];
    private List<ParameterExpression> _inputScope = [];

    /// <summary>Notes (differences from RulesEngine) found while compiling, reported with the issues.</summary>
    public List<RuleIssue> Notes { get; } = [];

    public CompiledWorkflow? Compile(WorkflowSource source, IReadOnlyList<Rule> rules, RuleInputs inputs,
        int version, List<RuleIssue> issues)
    {
        _inputs = inputs;
        _source = source;
        var wf = source.Workflow;
        var before = issues.Count;
        var parameters = inputs.Parameters.Select(p => Expression.Parameter(p.Type, p.Name)).ToList();
        var input = parameters[0];
        var scope = new List<ParameterExpression>(parameters);
        // RulesEngine names an unnamed input "input1": files written that way load unchanged
        var alias = parameters.Any(p => p.Name == "input1") ? null : Expression.Variable(input.Type, "input1");
        if (alias is not null)
        {
            scope.Add(alias);
        }
        _inputScope = [.. scope];
        var reads = new ReadCollector(input, alias ?? input);

        // global params: evaluated once per snapshot
        _globals = [];
        foreach (var gp in wf.GlobalParams ?? [])
        {
            try
            {
                var value = Parse(gp.Expression, scope, null);
                var v = Expression.Variable(value.Type, gp.Name);
                _globals.Add((v, value));
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
        var budget = Safety.BudgetRewriter.StateVariable();

        var compiledRules = new List<CompiledRule>();
        var ruleBlocks = new List<Expression>();
        var enabled = rules.Where(r => r.Enabled).ToArray();
        var gate = new Safety.RuleGate(enabled.Length);
        for (var i = 0; i < enabled.Length; i++)
        {
            var rule = enabled[i];
            _rule = rule.RuleName;
            var ruleIssuesBefore = issues.Count;
            var text = new StringBuilder();
            var ruleReads = new HashSet<string>(StringComparer.Ordinal);
            Expression? body = null;
            Expression? output = null;
            var index = Expression.Constant(i);
            var errorSlot = Expression.ArrayAccess(errors, index);
            var firedSlot = Expression.ArrayAccess(fired, index);
            try
            {
                _ = DueDays(Prop(rule.Properties ?? [], RuleConventions.DueDays)); // a bad value is this rule's issue
                var locals = new List<ParameterExpression>();
                var ruleScope = new List<ParameterExpression>(scope);
                var assigns = BuildLocals(rule, ruleScope, locals, reads, text, "");
                var condition = BuildCondition(rule, ruleScope, reads, errorSlot, text, "");
                output = BuildOutput(rule, ruleScope, reads, text, [RuleKey(source.Name, rule.RuleName)]);
                reads.CollectInto(ruleReads);
                var steps = new List<Expression>(assigns)
                {
                    Expression.Assign(firedSlot, condition),
                    // a child's exception is quiet when its rule succeeds anyway (RulesEngine: Or with another true child)
                    Expression.IfThen(firedSlot, Expression.Assign(errorSlot, Expression.Constant(null, typeof(Exception)))),
                };
                if (output is not null)
                {
                    // a double or decimal output goes unboxed into its typed slot (issue 22); any other is boxed
                    var slot = Engine.OutputNumbers.Of(output.Type) switch
                    {
                        Engine.OutputNumber.Double => Expression.ArrayAccess(Expression.Field(scratch, nameof(RuleScratch.Doubles)), index),
                        Engine.OutputNumber.Decimal => Expression.ArrayAccess(Expression.Field(scratch, nameof(RuleScratch.Decimals)), index),
                        _ => null,
                    };
                    steps.Add(Expression.IfThen(firedSlot, slot is not null
                        ? Expression.Assign(slot, output)
                        : Expression.Assign(Expression.ArrayAccess(outputs, index), Expression.Convert(output, typeof(object)))));
                }
                steps.Add(Expression.Empty());
                var ex = Expression.Variable(typeof(Exception), "ex");
                body = Expression.TryCatch(
                    Expression.Block(typeof(void), locals, steps),
                    Expression.Catch(ex, Expression.Block(typeof(void),
                        Expression.Assign(errorSlot, ex),
                        Expression.Assign(firedSlot, Expression.Constant(false)))));
                body = Safety.BudgetRewriter.GuardRule(body, budget, gate, i);
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
            compiledRules.Add(Describe(rule, i, output?.Type, text, ruleReads, inputs.PrimaryType));
        }
        if (issues.Count > before)
        {
            return null;
        }
        var evaluate = Assemble(parameters, alias, objParam, scratch, fired, outputs, errors, budget, ruleBlocks, compiledRules);
        return new CompiledWorkflow
        {
            Name = wf.WorkflowName,
            Version = version,
            File = source.File,
            Json = source.Json,
            InputType = inputs.PrimaryType,
            Rules = compiledRules.ToArray(),
            Reads = new HashSet<string>(reads.AllReads, StringComparer.OrdinalIgnoreCase),
            Sets = compiledRules.Where(r => r.Sets is not null).Select(r => r.Sets!).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
            Evaluate = evaluate,
            Gate = gate,
        };
    }

    private Action<object, RuleScratch> Assemble(List<ParameterExpression> parameters, ParameterExpression? alias,
        ParameterExpression objParam, ParameterExpression scratch, ParameterExpression fired, ParameterExpression outputs,
        ParameterExpression errors, ParameterExpression budget, List<Expression> ruleBlocks, List<CompiledRule> compiledRules)
    {
        var all = new List<Expression>
        {
            Safety.BudgetRewriter.ReadState(budget, scratch),
            Expression.Assign(fired, Expression.Field(scratch, nameof(RuleScratch.Fired))),
            Expression.Assign(outputs, Expression.Field(scratch, nameof(RuleScratch.Outputs))),
            Expression.Assign(errors, Expression.Field(scratch, nameof(RuleScratch.Errors))),
        };
        if (parameters.Count == 1)
        {
            all.Add(Expression.Assign(parameters[0], Expression.Convert(objParam, parameters[0].Type)));
        }
        else
        {
            // several inputs (compiles for tests only) arrive as one object[]
            var array = Expression.Convert(objParam, typeof(object[]));
            all.AddRange(parameters.Select((p, k) => (Expression)Expression.Assign(p,
                Expression.Convert(Expression.ArrayIndex(array, Expression.Constant(k)), p.Type))));
        }
        if (alias is not null)
        {
            all.Add(Expression.Assign(alias, parameters[0]));
        }
        var variables = new List<ParameterExpression>(parameters) { fired, outputs, errors, budget };
        if (alias is not null)
        {
            variables.Add(alias);
        }
        Expression rulesBlock = ruleBlocks.Count == 0 ? Expression.Empty() : Expression.Block(typeof(void), ruleBlocks);
        if (_globals.Count > 0)
        {
            var gex = Expression.Variable(typeof(Exception), "gex");
            var markAll = compiledRules.Select(r => (Expression)Expression.Assign(
                Expression.ArrayAccess(errors, Expression.Constant(r.Index)), gex)).ToList();
            // rules only run when the globals evaluated: a flag keeps the tree simple
            var ok = Expression.Variable(typeof(bool), "globalsOk");
            all.Add(Expression.Assign(ok, Expression.Constant(true)));
            all.Add(Expression.TryCatch(
                Expression.Block(typeof(void), _globals.Select(g => (Expression)Expression.Assign(g.Var, g.Value)).Append(Expression.Empty())),
                Expression.Catch(gex, Expression.Block(typeof(void), markAll.Prepend(Expression.Assign(ok, Expression.Constant(false)))))));
            all.Add(Expression.IfThen(ok, rulesBlock));
            variables.AddRange(_globals.Select(g => g.Var));
            variables.Add(ok);
        }
        else
        {
            all.Add(rulesBlock);
        }
        return Expression.Lambda<Action<object, RuleScratch>>(Expression.Block(typeof(void), variables, all), objParam, scratch).Compile();
    }

    private CompiledRule Describe(Rule rule, int index, Type? outputType, StringBuilder text, HashSet<string> ruleReads, Type inputType)
    {
        var props = rule.Properties ?? [];
        var sets = Prop(props, RuleConventions.Sets);
        var readNames = ruleReads.Order(StringComparer.Ordinal).ToArray();
        return new CompiledRule
        {
            Name = rule.RuleName,
            Index = index,
            Event = string.IsNullOrWhiteSpace(rule.SuccessEvent) ? rule.RuleName : rule.SuccessEvent,
            Kind = Prop(props, RuleConventions.Kind),
            Sets = sets,
            SetsSlot = sets is not null && slots.TryGetValue(sets, out var slot) ? slot : -1,
            HasOutput = outputType is not null,
            OutputIsPlainValue = outputType is null || PlainValue.Is(outputType),
            Number = outputType is null ? Engine.OutputNumber.None : Engine.OutputNumbers.Of(outputType),
            ActionText = Prop(props, RuleConventions.Action),
            Actor = Prop(props, RuleConventions.Actor),
            Description = Prop(props, RuleConventions.Description),
            DueDays = DueDays(Prop(props, RuleConventions.DueDays)),
            Text = text.ToString().TrimEnd(),
            Reads = readNames.Select(Camel).ToArray(),
            ReadGetters = readNames.Select(n => Getter(inputType, n)).ToArray(),
        };
    }

    /// <summary><c>Properties.dueDays</c>: absent, or a whole number of days from 1 to <see cref="RuleConventions.MaxDueDays"/>.</summary>
    private static int? DueDays(string? value) =>
        value is null ? null
        : int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days)
          && days is > 0 and <= RuleConventions.MaxDueDays ? days
        : throw new RuleCompileException(
            $"Properties.{RuleConventions.DueDays} '{value}' is not a whole number of days from 1 to {RuleConventions.MaxDueDays}");

    /// <summary>Parses with the sandbox; a parse failure caused by unknown fields names all of them.</summary>
    private Expression Parse(string expression, IReadOnlyList<ParameterExpression> scope, Type? returnType)
    {
        try
        {
            return parser.Parse(expression, scope, returnType);
        }
        catch (RuleCompileException ex) when (ex.InnerException is not null
            && UnknownFields.Reason(expression, _inputs.Parameters) is { } reason)
        {
            throw new RuleCompileException(reason, ex);
        }
    }

    private static string RuleKey(string workflow, string rule) => workflow + "\u0000" + rule;

    /// <summary>A property's value as an object: ints and flags as the shared boxes of <see cref="Engine.BoxCache"/> (no box per read).</summary>
    private static Func<object, object?> Getter(Type inputType, string property)
    {
        var o = Expression.Parameter(typeof(object), "o");
        var value = Expression.Property(Expression.Convert(o, inputType), property);
        var shared = typeof(Engine.BoxCache).GetMethod(nameof(Engine.BoxCache.Box), [value.Type]);
        return Expression.Lambda<Func<object, object?>>(
            shared is not null ? Expression.Call(shared, value) : Expression.Convert(value, typeof(object)), o).Compile();
    }
}
