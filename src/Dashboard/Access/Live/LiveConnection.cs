using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Access.Live;

/// <summary>
/// One open hub connection of this process: who it signed in as (the principal of its connect, fixed for its life),
/// how to reach its hub's groups and the connection itself, and the groups it joined. Kept by <see cref="LiveConnections"/>.
/// </summary>
public sealed class LiveConnection(HubCallerContext context, IGroupManager groups, IClientProxy caller)
{
    /// <summary>
    /// The message a screen receives, on either hub, when it was removed from a group it may no longer join:
    /// <c>AccessRevoked({ group })</c>. Screens say so and stop waiting for that group's pushes.
    /// </summary>
    public const string RevokedMessage = "AccessRevoked";

    private readonly HashSet<string> _groups = new(StringComparer.Ordinal);

    public string Id => context.ConnectionId;

    public ClaimsPrincipal User => context.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    /// <summary>The signed-in user's id (<c>app_user.id</c>), or null for an anonymous screen or a machine.</summary>
    public long? UserId =>
        long.TryParse(context.User?.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture,
            out var id) && context.User?.FindFirstValue(AccessClaims.Stamp) is not null
            ? id
            : null;

    /// <summary>The group manager of the connection's hub (board or employee hub).</summary>
    public IGroupManager Groups => groups;

    public IReadOnlyList<string> JoinedGroups()
    {
        lock (_groups)
        {
            return _groups.ToArray();
        }
    }

    public void Joined(string group)
    {
        lock (_groups)
        {
            _groups.Add(group);
        }
    }

    public bool Left(string group)
    {
        lock (_groups)
        {
            return _groups.Remove(group);
        }
    }

    /// <summary>Tells the screen it left <paramref name="group"/> because its access ended.</summary>
    public Task RevokedAsync(string group, CancellationToken ct) => caller.SendAsync(RevokedMessage, new { group }, ct);

    /// <summary>Closes the connection (the client's reconnect then goes through sign-in again).</summary>
    public void Abort() => context.Abort();
}
