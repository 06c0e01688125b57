using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Kinerja.Dashboard.Board.Screens;

/// <summary>
/// The board hub's groups on a single instance (no <c>Kinerja:Redis</c>): SignalR's own in-memory groups, except that a
/// group's <c>Indicators</c> and <c>Chart</c> messages are serialized once and handed to each screen's
/// <see cref="ScreenOutbox"/>, so a screen whose connection is backed up gets the latest figures (before any held chart)
/// and the latest version of each chart when it drains, rather than every intermediate message in order; and the
/// region's flush never waits for its slowest screen. Every other message (<c>Trigger</c>, <c>Panels</c>, the
/// subscribe-time state sent to one connection) goes through SignalR unchanged. Group membership is SignalR's (joins,
/// <c>Unsubscribe</c>, the access re-checks' removals all pass here): a screen removed from a group loses what was held
/// for it. With the Redis backplane the backplane's lifetime manager is used instead (messages cross instances there).
/// </summary>
public sealed class BoardHubLifetimeManager(ILogger<DefaultHubLifetimeManager<BoardHub>> logger, BoardTimings timings)
    : DefaultHubLifetimeManager<BoardHub>(logger)
{
    private readonly ConcurrentDictionary<string, ScreenOutbox> _outboxes = new(StringComparer.Ordinal);

    /// <summary>
    /// Group name → the outboxes of its screens by connection id. Group entries stay when empty (the names are the
    /// regions' and units' groups, a bounded set): removing one could race with a screen joining it.
    /// </summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ScreenOutbox>> _groups =
        new(StringComparer.Ordinal);

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _outboxes[connection.ConnectionId] = new ScreenOutbox(connection, timings.Screens);
        return base.OnConnectedAsync(connection);
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        foreach (var members in _groups.Values)
        {
            members.TryRemove(connection.ConnectionId, out _);
        }
        if (_outboxes.TryRemove(connection.ConnectionId, out var outbox))
        {
            outbox.Close();
        }
        await base.OnDisconnectedAsync(connection);
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await base.AddToGroupAsync(connectionId, groupName, cancellationToken);
        if (_outboxes.TryGetValue(connectionId, out var outbox))
        {
            _groups.GetOrAdd(groupName, _ => new ConcurrentDictionary<string, ScreenOutbox>(StringComparer.Ordinal))
                .TryAdd(connectionId, outbox);
        }
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName,
        CancellationToken cancellationToken = default)
    {
        // Held messages go first: nothing of the group reaches the screen after it left.
        if (_groups.TryGetValue(groupName, out var members) && members.TryRemove(connectionId, out var outbox))
        {
            outbox.Leave(groupName);
        }
        await base.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
    }

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        string key;
        bool chart;
        if (methodName == nameof(IBoardClient.Indicators))
        {
            (key, chart) = (ScreenOutbox.IndicatorsKey(groupName), false);
        }
        else if (methodName == nameof(IBoardClient.Chart) && args is [ChartPayload payload])
        {
            (key, chart) = (ScreenOutbox.ChartKey(groupName, payload.ChartId), true);
        }
        else
        {
            return base.SendGroupAsync(groupName, methodName, args, cancellationToken);
        }
        if (_groups.TryGetValue(groupName, out var members) && !members.IsEmpty)
        {
            // Serialized once per protocol for the whole group (as SignalR's own group send does).
            var message = new SerializedHubMessage(new InvocationMessage(methodName, args));
            foreach (var outbox in members.Values)
            {
                outbox.Post(key, message, chart);
            }
        }
        return Task.CompletedTask;
    }
}
