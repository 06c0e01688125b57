using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Kinerja.Dashboard.Board.Screens;

/// <summary>
/// The board hub's groups on a single instance (no <c>Kinerja:Redis</c>): SignalR's own in-memory groups, except that a
/// group's <c>Indicators</c> message is serialized once and handed to each screen through its
/// <see cref="LatestOnlySlot"/>, so a screen whose connection is backed up gets the latest figures when it drains rather
/// than every intermediate message in order. Every other message (<c>Chart</c>, <c>Trigger</c>, <c>Panels</c>, sends to
/// one connection) goes through SignalR unchanged. Group membership is SignalR's (joins, <c>Unsubscribe</c>, the access
/// re-checks' removals all pass here): a screen removed from a group loses what was held for it.
/// With the Redis backplane the backplane's lifetime manager is used instead (messages cross instances there).
/// </summary>
public sealed class BoardHubLifetimeManager(ILogger<DefaultHubLifetimeManager<BoardHub>> logger, BoardTimings timings)
    : DefaultHubLifetimeManager<BoardHub>(logger)
{
    private static readonly string LatestOnlyMethod = nameof(IBoardClient.Indicators);

    private readonly ConcurrentDictionary<string, HubConnectionContext> _connections = new(StringComparer.Ordinal);

    /// <summary>
    /// Group name → connection id → that screen's slot for the group. Group entries stay when empty (the names are the
    /// regions' and units' groups, a bounded set): removing one could race with a screen joining it.
    /// </summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, LatestOnlySlot>> _groups =
        new(StringComparer.Ordinal);

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _connections[connection.ConnectionId] = connection;
        return base.OnConnectedAsync(connection);
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _connections.TryRemove(connection.ConnectionId, out _);
        foreach (var members in _groups.Values)
        {
            Leave(members, connection.ConnectionId);
        }
        await base.OnDisconnectedAsync(connection);
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await base.AddToGroupAsync(connectionId, groupName, cancellationToken);
        if (_connections.TryGetValue(connectionId, out var connection))
        {
            var members = _groups.GetOrAdd(groupName, _ => new ConcurrentDictionary<string, LatestOnlySlot>(StringComparer.Ordinal));
            members.TryAdd(connectionId, new LatestOnlySlot(connection, timings.Screens));
        }
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName,
        CancellationToken cancellationToken = default)
    {
        // Held messages go first: nothing of the group reaches the screen after it left.
        if (_groups.TryGetValue(groupName, out var members))
        {
            Leave(members, connectionId);
        }
        await base.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
    }

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        if (!string.Equals(methodName, LatestOnlyMethod, StringComparison.Ordinal))
        {
            return base.SendGroupAsync(groupName, methodName, args, cancellationToken);
        }
        if (_groups.TryGetValue(groupName, out var members) && !members.IsEmpty)
        {
            // Serialized once per protocol for the whole group (as SignalR's own group send does).
            var message = new SerializedHubMessage(new InvocationMessage(methodName, args));
            foreach (var slot in members.Values)
            {
                slot.Post(message);
            }
        }
        return Task.CompletedTask;
    }

    private static void Leave(ConcurrentDictionary<string, LatestOnlySlot> members, string connectionId)
    {
        if (members.TryRemove(connectionId, out var slot))
        {
            slot.Close();
        }
    }
}
