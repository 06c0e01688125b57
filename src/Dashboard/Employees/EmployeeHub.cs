using Kinerja.Core.Indicators;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Employees;

/// <summary>
/// <c>/hubs/employee</c>: per-person live groups <c>employee:{nip}</c>. Who may join is decided before the method runs
/// by the hub filter (<see cref="Access.BoardGroupHubFilter"/> with <see cref="Access.BoardGroupAccess"/>): that
/// employee and their superior chain only; everybody else gets the same refusal as any other forbidden group.
/// </summary>
public sealed class EmployeeHub(IIndicatorQueries queries, SnapshotPrivacy privacy, EmployeeWatchers watchers)
    : Hub<IEmployeeClient>
{
    public const string Path = "/hubs/employee";
    public const string GroupPrefix = "employee:";

    /// <summary>Joins <c>employee:{nip}</c> and sends the employee's current snapshot to the caller (ratings' privacy
    /// floor applied: <see cref="SnapshotPrivacy"/>).</summary>
    public async Task Subscribe(string group)
    {
        // The filter let through only groups this caller may join; board groups belong on /hubs/board.
        if (!group.StartsWith(GroupPrefix, StringComparison.Ordinal))
        {
            throw new HubException("Gunakan grup employee:{nip} di hub ini.");
        }
        var nip = group[GroupPrefix.Length..];
        // Counted before the join: a change meanwhile is sent to the group (or covered by the snapshot below).
        watchers.Joined(Context.ConnectionId, nip);
        await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        if (await queries.EmployeeAsync(nip, null, Context.ConnectionAborted) is { } snapshot)
        {
            await Clients.Caller.Snapshot(await privacy.ForPersonAsync(snapshot, Context.ConnectionAborted));
        }
    }

    /// <summary>Leaves a group joined with <see cref="Subscribe"/>.</summary>
    public async Task Unsubscribe(string group)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
        if (group.StartsWith(GroupPrefix, StringComparison.Ordinal))
        {
            watchers.Left(Context.ConnectionId, group[GroupPrefix.Length..]);
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watchers.Gone(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
