using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace Kinerja.Rules.Safety;

/// <summary>
/// Applied to every rule expression after the sandbox accepted it: puts an <see cref="EvaluationBudget.Tick"/>
/// at the start of every lambda body (each call of a lambda passed to an <c>Enumerable</c> method is a loop
/// iteration) and routes the string operations that can allocate without bound through <see cref="StringGuard"/>,
/// which refuses an oversized result before allocating it. Everything else is left as it is, so the hot path
/// pays one decrement of the thread's budget state per iteration (one thread-local read in a lambda body, none at a rule
/// entry: the workflow delegate hands the state to <see cref="EvaluationBudget.EnterRule"/>, see <see cref="GuardRule"/>).
/// </summary>
internal sealed class BudgetRewriter : ExpressionVisitor
{
    private static readonly MethodInfo TickMethod = typeof(EvaluationBudget).GetMethod(nameof(EvaluationBudget.Tick))!;
    private static readonly MethodInfo EnterRuleMethod = typeof(EvaluationBudget).GetMethod(nameof(EvaluationBudget.EnterRule))!;
    private static readonly MethodInfo CountMethod = Guard(nameof(StringGuard.Count));
    private static readonly MethodInfo Concat2Method = Guard(nameof(StringGuard.Concat2));
    private static readonly MethodInfo ConcatMethod = Guard(nameof(StringGuard.Concat));
    private static readonly MethodInfo ConcatManyMethod = Guard(nameof(StringGuard.ConcatMany));
    private static readonly MethodInfo JoinMethod = Guard(nameof(StringGuard.Join));
    private static readonly MethodInfo InsertMethod = Guard(nameof(StringGuard.Insert));
    private static readonly MethodInfo FormatMethod = Guard(nameof(StringGuard.Format));
    private static readonly MethodInfo Replace3 = typeof(StringGuard).GetMethod(nameof(StringGuard.Replace), [typeof(string), typeof(string), typeof(string)])!;
    private static readonly MethodInfo Replace4 = typeof(StringGuard).GetMethod(nameof(StringGuard.Replace),
        [typeof(string), typeof(string), typeof(string), typeof(StringComparison)])!;

    private static MethodInfo Guard(string name) => typeof(StringGuard).GetMethod(name)!;

    /// <summary>The guarded form of a sandboxed rule expression.</summary>
    public static Expression Rewrite(Expression expression) => new BudgetRewriter().Visit(expression)!;

    /// <summary>A variable for the thread's budget state, read once per workflow evaluation (<see cref="ReadState"/>).</summary>
    public static ParameterExpression StateVariable() => Expression.Variable(typeof(EvaluationBudget.State), "budget");

    /// <summary><c>state = scratch.Budget</c>: the workflow delegate's first step, before its GlobalParams.</summary>
    public static Expression ReadState(ParameterExpression state, Expression scratch) =>
        Expression.Assign(state, Expression.Field(scratch, nameof(Compilation.RuleScratch.Budget)));

    /// <summary><c>if (EnterRule(state, gate, index)) body</c>: the rule is skipped once its gate disabled it.</summary>
    public static Expression GuardRule(Expression body, ParameterExpression state, RuleGate gate, int index) =>
        Expression.IfThen(Expression.Call(EnterRuleMethod, state, Expression.Constant(gate), Expression.Constant(index)), body);

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        var body = Visit(node.Body)!;
        return node.Update(Expression.Block(body.Type, Expression.Call(TickMethod), body), node.Parameters);
    }

    protected override Expression VisitNew(NewExpression node)
    {
        var args = Visit(node.Arguments);
        if (node.Type == typeof(string) && node.Constructor is { } ctor)
        {
            var ps = ctor.GetParameters();
            if (ps.Length == 2 && ps[0].ParameterType == typeof(char) && ps[1].ParameterType == typeof(int))
            {
                return Expression.New(ctor, args[0], Expression.Call(CountMethod, args[1]));
            }
        }
        return node.Update(args);
    }

    protected override Expression VisitNewArray(NewArrayExpression node)
    {
        var args = Visit(node.Expressions);
        if (node.NodeType == ExpressionType.NewArrayBounds)
        {
            return Expression.NewArrayBounds(node.Type.GetElementType()!,
                args.Select(a => a.Type == typeof(int) ? Expression.Call(CountMethod, a) : a));
        }
        return node.Update(args);
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node.NodeType == ExpressionType.Add && node.Method?.DeclaringType == typeof(string))
        {
            var left = Visit(node.Left)!;
            var right = Visit(node.Right)!;
            return left.Type == typeof(string) && right.Type == typeof(string)
                ? Expression.Call(Concat2Method, left, right)
                : Expression.Call(ConcatMethod, Boxed([left, right]));
        }
        return base.VisitBinary(node);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var target = Visit(node.Object);
        var args = Visit(node.Arguments);
        var m = node.Method;
        var ps = m.GetParameters();
        if (m.DeclaringType == typeof(string))
        {
            switch (m.Name)
            {
                case nameof(string.Replace) when ps.Length == 2 && ps[0].ParameterType == typeof(string):
                    return Expression.Call(Replace3, target!, args[0], args[1]);
                case nameof(string.Replace) when ps.Length == 3 && ps[2].ParameterType == typeof(StringComparison):
                    return Expression.Call(Replace4, target!, args[0], args[1], args[2]);
                case nameof(string.Insert) when ps.Length == 2:
                    return Expression.Call(InsertMethod, target!, args[0], args[1]);
                case nameof(string.Concat) when m.IsStatic:
                    return Concat(ps, args);
                case nameof(string.Join) when m.IsStatic && ps.Length == 2:
                    return Expression.Call(JoinMethod, Separator(args[0]), Sequence(ps[1], args[1]));
                case nameof(string.Format) when m.IsStatic && ps.Length > 0 && ps[0].ParameterType == typeof(string):
                    return node.Update(null, args.Select((a, i) => i == 0 ? Expression.Call(FormatMethod, a) : a));
            }
        }
        if (m.Name == nameof(ToString) && ps.Length > 0 && ps[0].ParameterType == typeof(string))
        {
            // numbers and dates: ToString("D999999999") asks for that many digits
            return node.Update(target, args.Select((a, i) => i == 0 ? Expression.Call(FormatMethod, a) : a));
        }
        return node.Update(target, args);
    }

    private static Expression Concat(ParameterInfo[] ps, IReadOnlyList<Expression> args)
    {
        if (ps.Length == 1 && ps[0].ParameterType != typeof(object) && ps[0].ParameterType != typeof(string)
            && typeof(IEnumerable).IsAssignableFrom(ps[0].ParameterType))
        {
            return Expression.Call(ConcatManyMethod, Expression.Convert(args[0], typeof(IEnumerable)));
        }
        return args.Count == 2 && args.All(a => a.Type == typeof(string))
            ? Expression.Call(Concat2Method, args[0], args[1])
            : Expression.Call(ConcatMethod, Boxed(args));
    }

    private static Expression Separator(Expression sep) =>
        sep.Type == typeof(string) ? sep : Expression.Call(Expression.Convert(sep, typeof(object)), typeof(object).GetMethod(nameof(ToString))!);

    private static Expression Sequence(ParameterInfo p, Expression arg) =>
        p.ParameterType == typeof(object) || p.ParameterType == typeof(string)
            ? Expression.NewArrayInit(typeof(object), Expression.Convert(arg, typeof(object)))
            : Expression.Convert(arg, typeof(IEnumerable));

    private static NewArrayExpression Boxed(IEnumerable<Expression> args) =>
        Expression.NewArrayInit(typeof(object), args.Select(a => a.Type == typeof(object) ? a : Expression.Convert(a, typeof(object))));
}
