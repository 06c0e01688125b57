using System.Collections.Concurrent;
using Kinerja.Core.Indicators;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// Which groups have screens, so the push service computes and renders only what someone watches.
/// Kept by the hub (subscribe, unsubscribe, disconnect). With several instances the groups watched on
/// the others (<see cref="SetRemote"/>, kept by <c>BoardWatchSync</c>) count as watched too, so the
/// publishing instance serves them; <see cref="Count"/> stays this instance's own screens.
/// </summary>
public sealed class BoardSubscriptions
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);

    /// <summary>Regions with at least one subscribed group, and their subscribed unit groups.</summary>
    private readonly ConcurrentDictionary<string, string> _unitRegion = new(StringComparer.Ordinal);

    /// <summary>Groups watched on other instances: group name → region id.</summary>
    private volatile IReadOnlyDictionary<string, string> _remote = new Dictionary<string, string>(StringComparer.Ordinal);

    private long _connections;

    public BoardSubscriptions() => BoardMetrics.Track(this);

    /// <summary>Raised when a group gains its first or loses its last screen on this instance.</summary>
    public event Action? LocalChanged;

    /// <summary>Hub connections open on this instance (kept by the hub; read by <see cref="BoardMetrics"/>).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    public void Connected() => Interlocked.Increment(ref _connections);

    public void Disconnected() => Interlocked.Decrement(ref _connections);

    /// <summary>Subscriptions of this instance's connections per kind of group.</summary>
    public IEnumerable<(BoardGroupKind Kind, long Count)> CountByKind()
    {
        foreach (var (name, count) in _counts)
        {
            if (count > 0 && BoardGroup.TryParse(name, out var group))
            {
                yield return (group.Kind, count);
            }
        }
    }

    public bool Add(string connectionId, BoardGroup group, string regionId)
    {
        var set = _byConnection.GetOrAdd(connectionId, _ => []);
        lock (set)
        {
            if (!set.Add(group.Name))
            {
                return false;
            }
        }
        if (group.Kind == BoardGroupKind.Unit)
        {
            _unitRegion[group.Id] = regionId;
        }
        if (_counts.AddOrUpdate(group.Name, 1, (_, c) => c + 1) == 1)
        {
            LocalChanged?.Invoke();
        }
        return true;
    }

    public bool Remove(string connectionId, BoardGroup group)
    {
        if (!_byConnection.TryGetValue(connectionId, out var set))
        {
            return false;
        }
        lock (set)
        {
            if (!set.Remove(group.Name))
            {
                return false;
            }
        }
        Decrement(group.Name);
        return true;
    }

    public void RemoveConnection(string connectionId)
    {
        if (!_byConnection.TryRemove(connectionId, out var set))
        {
            return;
        }
        string[] names;
        lock (set)
        {
            names = set.ToArray();
        }
        foreach (var name in names)
        {
            Decrement(name);
        }
    }

    public bool IsWatched(BoardGroup group) =>
        (_counts.TryGetValue(group.Name, out var c) && c > 0) || _remote.ContainsKey(group.Name);

    /// <summary>Replaces the groups watched on other instances (group name → region id).</summary>
    public void SetRemote(IReadOnlyDictionary<string, string> groups) => _remote = groups;

    /// <summary>The groups with screens on this instance, with their region ids (for the other instances).</summary>
    public IReadOnlyDictionary<string, string> LocalGroups()
    {
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, count) in _counts)
        {
            if (count <= 0 || !BoardGroup.TryParse(name, out var g))
            {
                continue;
            }
            if (g.Kind != BoardGroupKind.Unit)
            {
                groups[name] = g.Id;
            }
            else if (_unitRegion.TryGetValue(g.Id, out var region))
            {
                groups[name] = region;
            }
        }
        return groups;
    }

    public int Count(BoardGroup group) => _counts.GetValueOrDefault(group.Name);

    /// <summary>Subscribed unit ids of a region.</summary>
    public IReadOnlyList<string> WatchedUnits(string regionId)
    {
        var units = _unitRegion.Where(p => p.Value == regionId && IsWatched(BoardGroup.Unit(p.Key))).Select(p => p.Key)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (name, region) in _remote)
        {
            if (region == regionId && BoardGroup.TryParse(name, out var g) && g.Kind == BoardGroupKind.Unit)
            {
                units.Add(g.Id);
            }
        }
        return units.ToArray();
    }

    /// <summary>The region's groups with screens: its region and public groups, then its watched units.</summary>
    public List<BoardGroup> WatchedGroups(RegionIndicators region)
    {
        var groups = new List<BoardGroup>();
        foreach (var g in new[] { BoardGroup.Region(region.RegionId), BoardGroup.Public(region.RegionId) })
        {
            if (IsWatched(g))
            {
                groups.Add(g);
            }
        }
        var units = WatchedUnits(region.RegionId);
        groups.AddRange(region.Units.Where(u => units.Contains(u.UnitId)).Select(u => BoardGroup.Unit(u.UnitId)));
        return groups;
    }

    /// <summary>Regions where any group (region, public or one of its units) is watched.</summary>
    public IReadOnlyCollection<string> WatchedRegions()
    {
        var regions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, count) in _counts)
        {
            if (count <= 0 || !BoardGroup.TryParse(name, out var g))
            {
                continue;
            }
            if (g.Kind == BoardGroupKind.Unit)
            {
                if (_unitRegion.TryGetValue(g.Id, out var r))
                {
                    regions.Add(r);
                }
            }
            else
            {
                regions.Add(g.Id);
            }
        }
        regions.UnionWith(_remote.Values);
        return regions;
    }

    private void Decrement(string name)
    {
        if (_counts.AddOrUpdate(name, 0, (_, c) => Math.Max(0, c - 1)) == 0)
        {
            LocalChanged?.Invoke();
        }
    }
}
