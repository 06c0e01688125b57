using System.Linq.Expressions;
using System.Reflection;
using Kinerja.Core.Indicators;

namespace Kinerja.Rules.Compilation;

/// <summary>
/// The allow-list every parsed rule expression must satisfy, checked on the expression tree after
/// Dynamic LINQ parsed it (so it holds whatever the parser lets through): every node's static type,
/// every member and every method must belong to the input types or a short list of safe types
/// (numbers, string, Math, Convert, dates and times, Guid, the comparison/rounding/split option enums,
/// Enumerable over values, and a read-only view of <see cref="List{T}"/> for <c>ToList()</c>). Reflection
/// (<c>GetType()</c>, <c>typeof</c>, <c>Type</c>), files, processes, environment, network, Activator,
/// AppDomain, Assembly and anything else are rejected because their types are not on the list.
/// </summary>
internal static class ExpressionSandbox
{
    private static readonly HashSet<Type> ValueTypes =
    [
        typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(char), typeof(string),
        typeof(DateTime), typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan), typeof(DateTimeOffset), typeof(DayOfWeek),
        typeof(Guid), typeof(StringComparison), typeof(MidpointRounding), typeof(StringSplitOptions),
    ];

    /// <summary>The production inputs: their properties may be read, their methods not called.</summary>
    private static readonly HashSet<Type> SnapshotTypes = [typeof(IndicatorSnapshot), typeof(UnitSnapshot)];

    /// <summary>Static helper types whose static methods may be called.</summary>
    private static readonly HashSet<Type> HelperTypes =
    [
        typeof(Math), typeof(MathF), typeof(Convert), typeof(Enumerable),
        typeof(RulesEngine.HelperFunctions.ExpressionUtils),
    ];

    /// <summary>Methods that could allocate without bound or are not about values.</summary>
    private static readonly HashSet<string> DeniedMethods = new(StringComparer.Ordinal)
    {
        "GetType", "Range", "Repeat", "ChangeType", "GetTypeCode", "MemberwiseClone", "<Clone>$",
        "Intern", "IsInterned", "Create", "PadLeft", "PadRight",
    };

    /// <summary>
    /// What a <c>List&lt;T&gt;</c> (from <c>ToList()</c>) may do: read only. Adding, inserting, copying out and
    /// converting stay closed, so a list cannot be grown or turned into another allocation.
    /// </summary>
    private static readonly HashSet<string> ListMethods = new(StringComparer.Ordinal) { "Contains", "IndexOf", "LastIndexOf", "get_Item" };

    private static readonly HashSet<string> ListMembers = new(StringComparer.Ordinal) { "Count", "Item" };

    /// <summary>Static members of <see cref="DateTime"/>/<see cref="DateTimeOffset"/> that read the machine's clock.</summary>
    private static readonly HashSet<string> ClockMembers = new(StringComparer.Ordinal) { "Now", "UtcNow", "Today" };

    /// <summary>Returns the first violation as a readable reason, or null when the tree is allowed.</summary>
    /// <param name="inputTypes">
    /// Input types other than the snapshots, allowed like them (properties only). Only a compile for tests passes
    /// any (<see cref="RuleInputs"/>); production rules see the snapshot types alone.
    /// </param>
    public static string? Check(Expression expression, IReadOnlySet<Type>? inputTypes = null)
    {
        var visitor = new Visitor(inputTypes);
        visitor.Visit(expression);
        return visitor.Violation;
    }

    private static bool IsList(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>);

    private static string Name(Type type) => type.FullName ?? type.Name;

    private sealed class Visitor(IReadOnlySet<Type>? inputTypes) : ExpressionVisitor
    {
        public string? Violation { get; private set; }

        private bool IsInput(Type t) => SnapshotTypes.Contains(t) || inputTypes?.Contains(t) == true;

        private bool IsAllowedType(Type type)
        {
            if (ValueTypes.Contains(type) || IsInput(type) || type == typeof(object) || type == typeof(void))
            {
                return true;
            }
            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                return IsAllowedType(underlying);
            }
            if (type.IsArray)
            {
                return type.GetArrayRank() == 1 && IsAllowedType(type.GetElementType()!);
            }
            if (type.IsGenericType)
            {
                var def = type.GetGenericTypeDefinition();
                if (def == typeof(IEnumerable<>) || def == typeof(IOrderedEnumerable<>) || def == typeof(Func<>)
                    || def == typeof(Func<,>) || def == typeof(Func<,,>) || def == typeof(Func<,,,>)
                    || def == typeof(Expression<>) || def == typeof(List<>))
                {
                    return type.GetGenericArguments().All(IsAllowedType);
                }
            }
            return false;
        }

        public override Expression? Visit(Expression? node)
        {
            if (node is null || Violation is not null)
            {
                return node;
            }
            if (!IsAllowedType(node.Type))
            {
                Violation = $"type {Name(node.Type)} is not allowed in rule expressions";
                return node;
            }
            return base.Visit(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var method = node.Method;
            var declaring = method.DeclaringType!;
            if (DeniedMethods.Contains(method.Name))
            {
                Violation = $"method {Name(declaring)}.{method.Name} is not allowed in rule expressions";
                return node;
            }
            var ok = method.IsStatic
                ? HelperTypes.Contains(declaring) || ValueTypes.Contains(declaring)
                : declaring == typeof(object)
                    ? method.Name is nameof(ToString) or nameof(Equals)
                    : IsList(declaring)
                        ? ListMethods.Contains(method.Name) && IsAllowedType(declaring)
                        : !IsInput(declaring) && IsAllowedType(declaring);
            if (!ok)
            {
                Violation = $"method {Name(declaring)}.{method.Name} is not allowed in rule expressions";
                return node;
            }
            foreach (var p in method.GetParameters())
            {
                if (!IsAllowedType(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType))
                {
                    Violation = $"method {Name(declaring)}.{method.Name} takes a {Name(p.ParameterType)}, which is not allowed";
                    return node;
                }
            }
            return base.VisitMethodCall(node);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            var member = node.Member;
            var declaring = member.DeclaringType!;
            if (node.Expression is null && ClockMembers.Contains(member.Name)
                && (declaring == typeof(DateTime) || declaring == typeof(DateTimeOffset)))
            {
                // A rule that read the machine's clock would judge live, backtest and fixture runs differently.
                Violation = $"{declaring.Name}.{member.Name} reads the machine's clock; a rule reads time from the snapshot "
                    + "(snapshot.Period, WorkingDaysElapsed, ...) so live evaluation, backtests and tests agree";
                return node;
            }
            var ok = member is PropertyInfo or FieldInfo && (
                declaring == typeof(Array) ? member.Name is nameof(Array.Length) or nameof(Array.LongLength)
                : IsList(declaring) ? ListMembers.Contains(member.Name) && IsAllowedType(declaring)
                : IsAllowedType(declaring) || HelperTypes.Contains(declaring));
            if (!ok)
            {
                Violation = $"member {Name(declaring)}.{member.Name} is not allowed in rule expressions";
                return node;
            }
            return base.VisitMember(node);
        }

        protected override Expression VisitNew(NewExpression node)
        {
            if (IsInput(node.Type) || !ValueTypes.Contains(node.Type) && Nullable.GetUnderlyingType(node.Type) is null)
            {
                Violation = $"creating {Name(node.Type)} is not allowed in rule expressions";
                return node;
            }
            return base.VisitNew(node);
        }

        protected override Expression VisitInvocation(InvocationExpression node)
        {
            Violation = "invoking delegates is not allowed in rule expressions";
            return node;
        }

        protected override Expression VisitUnary(UnaryExpression node)
        {
            if (node.Method is { } m && !(m.DeclaringType is { } d && (ValueTypes.Contains(d) || Nullable.GetUnderlyingType(d) is not null)))
            {
                Violation = $"operator {m.DeclaringType?.Name}.{m.Name} is not allowed in rule expressions";
                return node;
            }
            return base.VisitUnary(node);
        }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.Method is { } m && !(m.DeclaringType is { } d && (ValueTypes.Contains(d) || HelperTypes.Contains(d))))
            {
                Violation = $"operator {m.DeclaringType?.Name}.{m.Name} is not allowed in rule expressions";
                return node;
            }
            return base.VisitBinary(node);
        }

        protected override Expression VisitConstant(ConstantExpression node)
        {
            if (node.Value is not null && !IsAllowedType(node.Value.GetType()))
            {
                Violation = $"a constant of type {Name(node.Value.GetType())} is not allowed in rule expressions";
            }
            return node;
        }
    }
}
