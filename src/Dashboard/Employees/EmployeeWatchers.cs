using System.Collections.Concurrent;

namespace Kinerja.Dashboard.Employees;

/// <summary>
/// Which people's groups (<c>employee:{nip}</c>) have screens on this instance, kept by <see cref="EmployeeHub"/>
/// (subscribe, unsubscribe, disconnect), so the per-event pushes (<see cref="EmployeeFeedHandler"/>,
/// <see cref="EmployeeIndicatorsPush"/>) skip the people nobody is watching, and the superior lookup when nobody
/// watches anyone: a region ingesting a thousand events a second with no one on <c>/saya</c> or <c>/tim</c> pays
/// nothing for those screens. With several instances (<c>Kinerja:Redis</c>) a screen may be connected to another
/// instance, whose groups this one cannot see: there every group counts as watched, as if there were no registry.
/// </summary>
public sealed class EmployeeWatchers
{
    private readonly bool _everyGroup;
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);

    private EmployeeWatchers(bool everyGroup) => _everyGroup = everyGroup;

    /// <summary>One instance: only the screens connected here watch.</summary>
    public static EmployeeWatchers ThisInstance() => new(everyGroup: false);

    /// <summary>Several instances: every group may be watched elsewhere.</summary>
    public static EmployeeWatchers Cluster() => new(everyGroup: true);

    /// <summary>True when some person's group may have a screen.</summary>
    public bool Any => _everyGroup || !_counts.IsEmpty;

    /// <summary>True when <paramref name="nip"/>'s group may have a screen.</summary>
    public bool Watches(string nip) => _everyGroup || _counts.ContainsKey(nip);

    /// <summary>Connection <paramref name="connectionId"/> joined <paramref name="nip"/>'s group (again: no change).</summary>
    public void Joined(string connectionId, string nip)
    {
        lock (_lock)
        {
            if (!_byConnection.TryGetValue(connectionId, out var nips))
            {
                _byConnection[connectionId] = nips = new HashSet<string>(StringComparer.Ordinal);
            }
            if (nips.Add(nip))
            {
                _counts.AddOrUpdate(nip, 1, (_, n) => n + 1);
            }
        }
    }

    /// <summary>Connection <paramref name="connectionId"/> left <paramref name="nip"/>'s group.</summary>
    public void Left(string connectionId, string nip)
    {
        lock (_lock)
        {
            if (_byConnection.TryGetValue(connectionId, out var nips) && nips.Remove(nip))
            {
                Release(nip);
                if (nips.Count == 0)
                {
                    _byConnection.Remove(connectionId);
                }
            }
        }
    }

    /// <summary>Connection <paramref name="connectionId"/> closed: it watches nothing any more.</summary>
    public void Gone(string connectionId)
    {
        lock (_lock)
        {
            if (_byConnection.Remove(connectionId, out var nips))
            {
                foreach (var nip in nips)
                {
                    Release(nip);
                }
            }
        }
    }

    /// <summary>One screen fewer on <paramref name="nip"/>'s group (under the lock).</summary>
    private void Release(string nip)
    {
        if (_counts.TryGetValue(nip, out var n) && n > 1)
        {
            _counts[nip] = n - 1;
        }
        else
        {
            _counts.TryRemove(nip, out _);
        }
    }
}
