using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Access.Live;

/// <summary>
/// The hub connections open in this process and the groups each joined (in memory, per process; with several
/// instances each keeps its own), indexed by user so a change naming users re-checks only theirs. Kept by
/// <see cref="LiveConnectionFilter"/>; read by <see cref="LiveAccessRechecks"/>.
/// </summary>
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, LiveConnection> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<string, LiveConnection>> _byUser = new();
    private long _epoch;

    /// <summary>Open connections in this process.</summary>
    public int Count => _byId.Count;

    /// <summary>Grows each time access changed (before its re-check): a join that raced with one checks again.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    public void AccessChanged() => Interlocked.Increment(ref _epoch);

    public LiveConnection Connected(HubCallerContext context, IGroupManager groups, IClientProxy caller)
    {
        var connection = new LiveConnection(context, groups, caller);
        _byId[connection.Id] = connection;
        if (connection.UserId is { } user)
        {
            _byUser.GetOrAdd(user, _ => new(StringComparer.Ordinal))[connection.Id] = connection;
        }
        return connection;
    }

    public void Disconnected(string connectionId)
    {
        if (!_byId.TryRemove(connectionId, out var connection) || connection.UserId is not { } user
            || !_byUser.TryGetValue(user, out var mine))
        {
            return;
        }
        mine.TryRemove(connectionId, out _);
        if (mine.IsEmpty)
        {
            // Removes the user's entry only while it is still empty (a connect may have just added to it).
            _byUser.TryRemove(new KeyValuePair<long, ConcurrentDictionary<string, LiveConnection>>(user, mine));
            if (!mine.IsEmpty)
            {
                _byUser.AddOrUpdate(user, mine, (_, current) =>
                {
                    foreach (var (id, c) in mine)
                    {
                        current[id] = c;
                    }
                    return current;
                });
            }
        }
    }

    public LiveConnection? Find(string connectionId) => _byId.GetValueOrDefault(connectionId);

    /// <summary>Every open connection (a snapshot).</summary>
    public IReadOnlyList<LiveConnection> All() => _byId.Values.ToArray();

    /// <summary>The open connections of <paramref name="users"/> (a snapshot).</summary>
    public IReadOnlyList<LiveConnection> OfUsers(IEnumerable<long> users) =>
        users.Distinct().SelectMany(u => _byUser.TryGetValue(u, out var mine) ? mine.Values : []).ToArray();
}
