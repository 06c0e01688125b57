namespace Kinerja.Dashboard.Skp.Import;

/// <summary>
/// The order in which the plans of one import are written, so that the order inside the file does not matter: a plan
/// whose RHK name a superior's RHK by code comes after every plan of the same import for its direct superior (the
/// cascade superior of the reference data) and year; otherwise file order is kept. Plans whose cascade runs in a circle
/// inside the import (A's plan links to B's, B's to A's, through the reference data's superiors) are not ordered: they
/// are returned as cycles, each with the chain as text, and written by nobody.
/// </summary>
internal static class SkpImportCascadeOrder
{
    /// <summary>One plan to order: its position in the import, whose and which year, and whose plan its codes name (null: none).</summary>
    public sealed record Node(int Index, string Nip, int Year, string? CascadeNip);

    /// <summary>The indexes in writing order, and for each plan in a cycle the chain (<c>A → B → A</c>).</summary>
    public static (List<int> Order, Dictionary<int, IReadOnlyList<string>> Cycles) Order(IReadOnlyList<Node> nodes)
    {
        var byOwner = nodes.ToLookup(n => (n.Nip, n.Year));
        var state = new Dictionary<int, byte>(); // 1 on the path being walked, 2 done
        var order = new List<int>(nodes.Count);
        var cycles = new Dictionary<int, IReadOnlyList<string>>();
        var path = new List<Node>();
        // an explicit stack, so a hostile chain of thousands of plans cannot overflow the thread's stack
        var stack = new Stack<(Node Node, IEnumerator<Node> Next)>();
        foreach (var start in nodes)
        {
            if (state.ContainsKey(start.Index))
            {
                continue;
            }
            Enter(start);
            while (stack.Count > 0)
            {
                var (node, next) = stack.Peek();
                if (next.MoveNext())
                {
                    var dep = next.Current;
                    if (!state.TryGetValue(dep.Index, out var s))
                    {
                        Enter(dep);
                    }
                    else if (s == 1)
                    {
                        var from = path.FindIndex(p => p.Index == dep.Index);
                        var chain = path.Skip(from).Select(p => p.Nip).Append(dep.Nip).ToList();
                        foreach (var member in path.Skip(from))
                        {
                            cycles.TryAdd(member.Index, chain);
                        }
                    }
                    continue;
                }
                stack.Pop();
                path.RemoveAt(path.Count - 1);
                state[node.Index] = 2;
                if (!cycles.ContainsKey(node.Index))
                {
                    order.Add(node.Index);
                }
            }
        }
        return (order, cycles);

        void Enter(Node node)
        {
            state[node.Index] = 1;
            path.Add(node);
            var deps = node.CascadeNip is { } superior ? byOwner[(superior, node.Year)] : [];
            stack.Push((node, deps.GetEnumerator()));
        }
    }
}
