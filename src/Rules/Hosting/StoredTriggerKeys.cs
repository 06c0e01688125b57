using Kinerja.Rules.Engine;

namespace Kinerja.Rules.Hosting;

/// <summary>
/// The triggers one process knows are stored, by their once-key (subject, period, workflow, rule) — the
/// key of the unique indexes <c>trigger_employee_once_idx</c> / <c>trigger_unit_once_idx</c>. A trigger
/// whose key is known is not sent again: re-evaluating an employee whose rule still fires costs no
/// insert, no JSON conversion and no index probe. Only a cache: the unique indexes stay what makes a
/// trigger appear once (another process may store a key this one does not know). Not thread-safe; one
/// evaluator owns it.
/// </summary>
public sealed class StoredTriggerKeys
{
    /// <summary>Past this many keys the cache starts over (months of triggers of a very large population).</summary>
    public const int Capacity = 2_000_000;

    private readonly HashSet<(bool IsUnit, string Subject, string Period, string Workflow, string Rule)> _keys = [];

    /// <summary>Keys held.</summary>
    public int Count => _keys.Count;

    /// <summary>The triggers whose key is not known to be stored, each key once.</summary>
    public IReadOnlyList<Trigger> Unknown(IEnumerable<Trigger> triggers)
    {
        var seen = new HashSet<(bool, string, string, string, string)>();
        var result = new List<Trigger>();
        foreach (var t in triggers)
        {
            var key = Key(t);
            if (!_keys.Contains(key) && seen.Add(key))
            {
                result.Add(t);
            }
        }
        return result;
    }

    /// <summary>Marks triggers as stored (after the insert committed, whether it inserted them or found them).</summary>
    public void Stored(IEnumerable<Trigger> triggers)
    {
        if (_keys.Count > Capacity)
        {
            _keys.Clear();
        }
        foreach (var t in triggers)
        {
            _keys.Add(Key(t));
        }
    }

    /// <summary>Forgets every key.</summary>
    public void Clear() => _keys.Clear();

    private static (bool, string, string, string, string) Key(Trigger t) => (t.IsUnit, t.Subject, t.Period, t.Workflow, t.Rule);
}
