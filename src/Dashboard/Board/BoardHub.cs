using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// <c>/hubs/board</c>: screens join and leave groups here; everything else is pushed by
/// <see cref="BoardPushService"/>. On subscribe the caller receives the group's current state at
/// once (indicators, charts and, except on public groups, the recent triggers).
/// </summary>
public sealed class BoardHub(IBoardData data, BoardRegistry boards, BoardSubscriptions subs,
    IOptions<BoardOptions> options) : Hub<IBoardClient>
{
    /// <summary>Joins <c>region:{regionId}</c>, <c>unit:{unitId}</c> or <c>public:{regionId}</c>.</summary>
    public async Task Subscribe(string group)
    {
        var ct = Context.ConnectionAborted;
        if (!BoardGroup.TryParse(group, out var parsed))
        {
            throw new HubException(
                $"Grup '{Truncate(group)}' tidak dikenal. Gunakan region:{{id}}, unit:{{id}} atau public:{{id}}.");
        }
        var regionId = parsed.Kind == BoardGroupKind.Unit ? await data.RegionOfUnitAsync(parsed.Id, ct) : parsed.Id;
        var board = regionId is null ? null : boards.Get(regionId);
        var state = board is null ? null : await ProbeAsync(board, parsed, regionId!, ct);
        if (state is null)
        {
            throw new HubException(parsed.Kind == BoardGroupKind.Unit
                ? $"Unit '{parsed.Id}' tidak ditemukan."
                : $"Wilayah '{parsed.Id}' tidak ditemukan.");
        }
        if (state.Payload is { } payload)
        {
            await Clients.Caller.Indicators(payload);
        }
        foreach (var chart in state.Charts)
        {
            await Clients.Caller.Chart(RegionBoard.ToPayload(parsed, chart));
        }
        if (parsed.Kind != BoardGroupKind.Public)
        {
            var recent = await data.RecentTriggersAsync(regionId!, parsed.Kind == BoardGroupKind.Unit ? parsed.Id : null,
                options.Value.RecentTriggers, ct);
            await Clients.Caller.Trigger(new TriggerPayload(parsed.Name, true, recent));
        }
    }

    /// <summary>Leaves a group joined with <see cref="Subscribe"/>.</summary>
    public async Task Unsubscribe(string group)
    {
        if (!BoardGroup.TryParse(group, out var parsed))
        {
            throw new HubException($"Grup '{Truncate(group)}' tidak dikenal.");
        }
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, parsed.Name);
        subs.Remove(Context.ConnectionId, parsed);
    }

    public override Task OnConnectedAsync()
    {
        subs.Connected();
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subs.Disconnected();
        subs.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// Joins first (so no push is missed between reading the state and joining), then reads the state without what the
    /// group sends made after the join carry (so nothing arrives twice).
    /// </summary>
    private async Task<BoardScreenState?> ProbeAsync(RegionBoard board,
        BoardGroup group, string regionId, CancellationToken ct)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, group.Name, ct);
        var added = subs.Add(Context.ConnectionId, group, regionId);
        var state = await board.StateAsync(group, ct, joinedAt: board.JoinMark());
        if (state is null)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, group.Name, ct);
            if (added)
            {
                subs.Remove(Context.ConnectionId, group);
            }
        }
        return state;
    }

    private static string Truncate(string? s) => s is null ? "" : s.Length > 40 ? s[..40] + "…" : s;
}
