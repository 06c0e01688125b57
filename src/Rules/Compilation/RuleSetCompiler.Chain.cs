using System.Linq.Expressions;
using System.Reflection;
using Kinerja.Rules.Model;

namespace Kinerja.Rules.Compilation;

/// <summary>Chain order and the setters that write leveled values into the snapshot.</summary>
public static partial class RuleSetCompiler
{
    /// <summary>Orders workflows so that one setting a value runs before those reading it (ties: value producers first, then by name).</summary>
    private static List<CompiledWorkflow> Order(List<CompiledWorkflow> workflows, List<RuleIssue> issues)
    {
        var deps = workflows.ToDictionary(w => w, w => workflows
            .Where(o => o != w && o.Sets.Any(v => w.Reads.Contains(v)))
            .ToHashSet());
        var ordered = new List<CompiledWorkflow>();
        var remaining = workflows.OrderBy(w => w.Name, StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            // among the ready ones, producers of values first (rating, predikat, ...), then by name
            var next = remaining.Where(w => deps[w].All(ordered.Contains))
                .OrderBy(w => w.Sets.Count > 0 ? 0 : 1).ThenBy(w => w.Name, StringComparer.Ordinal).FirstOrDefault();
            if (next is null)
            {
                foreach (var w in remaining)
                {
                    issues.Add(new RuleIssue(w.File, w.Name, null,
                        $"workflows read each other's values in a cycle: {string.Join(", ", remaining.Select(r => r.Name))}"));
                }
                break;
            }
            ordered.Add(next);
            remaining.Remove(next);
        }
        return ordered;
    }

    private static Action<object, object?>?[] Setters(Type type, Dictionary<string, int> slots)
    {
        var setters = new Action<object, object?>?[slots.Count];
        foreach (var (name, slot) in slots)
        {
            var prop = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (prop?.SetMethod is null)
            {
                continue;
            }
            var o = Expression.Parameter(typeof(object), "o");
            var v = Expression.Parameter(typeof(object), "v");
            var coerced = Expression.Call(typeof(ValueCoercion).GetMethod(nameof(ValueCoercion.To))!, v, Expression.Constant(prop.PropertyType));
            var body = Expression.Call(Expression.Convert(o, type), prop.SetMethod, Expression.Convert(coerced, prop.PropertyType));
            setters[slot] = Expression.Lambda<Action<object, object?>>(body, o, v).Compile();
        }
        return setters;
    }

    /// <summary>
    /// <c>(from, to) =&gt; to.P = from.P</c> for every public property with a setter: the chain's snapshot copy, refilled
    /// per snapshot instead of allocated (the snapshot types are records of auto-properties; a test checks the copy is
    /// equal to its source).
    /// </summary>
    internal static Action<object, object> Copier(Type type)
    {
        var from = Expression.Parameter(typeof(object), "from");
        var to = Expression.Parameter(typeof(object), "to");
        var f = Expression.Variable(type, "f");
        var t = Expression.Variable(type, "t");
        var body = new List<Expression> { Expression.Assign(f, Expression.Convert(from, type)), Expression.Assign(t, Expression.Convert(to, type)) };
        foreach (var prop in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (prop.GetMethod is not null && prop.SetMethod is { IsPublic: true } && prop.GetIndexParameters().Length == 0)
            {
                body.Add(Expression.Call(t, prop.SetMethod, Expression.Property(f, prop)));
            }
        }
        return Expression.Lambda<Action<object, object>>(Expression.Block(typeof(void), [f, t], body), from, to).Compile();
    }
}
