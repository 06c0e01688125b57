using System.Linq.Expressions;

namespace Kinerja.Rules.Compilation;

/// <summary>
/// Finds which input properties an expression reads, directly or through global/local params,
/// so a trigger can record the values that made its rule fire.
/// </summary>
internal sealed class ReadCollector(ParameterExpression input, ParameterExpression alias)
{
    private readonly Dictionary<ParameterExpression, HashSet<string>> _vars = [];
    private readonly HashSet<string> _rule = new(StringComparer.Ordinal);

    public HashSet<string> AllReads { get; } = new(StringComparer.Ordinal);

    /// <summary>Records a param's value expression (what reading the param means).</summary>
    public void Define(ParameterExpression variable, Expression value)
    {
        var props = Scan(value);
        _vars[variable] = props;
        AllReads.UnionWith(props);
    }

    /// <summary>Adds what <paramref name="expression"/> reads to the current rule.</summary>
    public void Use(Expression expression)
    {
        var props = Scan(expression);
        _rule.UnionWith(props);
        AllReads.UnionWith(props);
    }

    public void CollectInto(HashSet<string> target) => target.UnionWith(_rule);

    public void ResetRule() => _rule.Clear();

    private HashSet<string> Scan(Expression expression)
    {
        var visitor = new Visitor(input, alias, _vars);
        visitor.Visit(expression);
        return visitor.Found;
    }

    private sealed class Visitor(ParameterExpression input, ParameterExpression alias, Dictionary<ParameterExpression, HashSet<string>> vars) : ExpressionVisitor
    {
        public HashSet<string> Found { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == input || node.Expression == alias)
            {
                Found.Add(node.Member.Name);
            }
            return base.VisitMember(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (vars.TryGetValue(node, out var props))
            {
                Found.UnionWith(props);
            }
            return node;
        }
    }
}
