using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Access.Live;

/// <summary>
/// Remembers, per open connection of every hub, the groups it joined (<see cref="LiveConnections"/>), so access changes
/// can be applied to connections already open (<see cref="LiveAccessRechecks"/>). A group counts as joined once a
/// method taking <c>group</c>/<c>groups</c> returned without error; <c>Unsubscribe…</c> methods leave them. Registered
/// before <see cref="BoardGroupHubFilter"/> (so it wraps the access check): a join whose check raced with an access
/// change is checked once more after it.
/// </summary>
public sealed class LiveConnectionFilter(LiveConnections connections, LiveAccessRechecks rechecks,
    ILogger<LiveConnectionFilter> logger) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        // The untyped proxy of the caller (typed hubs hide it behind their client interface).
        connections.Connected(context.Context, context.Hub.Groups, context.Hub.Clients.Caller);
        try
        {
            await next(context);
        }
        catch
        {
            connections.Disconnected(context.Context.ConnectionId);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception,
        Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.Disconnected(context.Context.ConnectionId);
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var groups = HubGroupArguments.Of(context);
        var epoch = connections.Epoch;
        var result = await next(context);
        if (groups is null || connections.Find(context.Context.ConnectionId) is not { } connection)
        {
            return result;
        }
        if (HubGroupArguments.Leaves(context))
        {
            Array.ForEach(groups, g => connection.Left(g));
            return result;
        }
        Array.ForEach(groups, connection.Joined);
        if (connections.Epoch != epoch)
        {
            // Access changed while this join was being checked: the re-check may have run before the group was recorded.
            try
            {
                await rechecks.RecheckAsync(connection, context.Context.ConnectionAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The join stands as the filter allowed it; the next notification or tick checks it again.
                logger.LogWarning(ex, "Re-checking hub connection {Connection} after a join that raced with an access change failed",
                    connection.Id);
            }
        }
        return result;
    }
}
