using Kinerja.Dashboard.Access.Live;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// A board connection removed from a group by an access re-check no longer watches it (as after <c>Unsubscribe</c>),
/// so <see cref="BoardSubscriptions"/> stops counting it.
/// </summary>
public sealed class BoardGroupRevocation(BoardSubscriptions subs) : ILiveGroupRevoked
{
    public void Revoked(string connectionId, string group)
    {
        if (BoardGroup.TryParse(group, out var parsed))
        {
            subs.Remove(connectionId, parsed);
        }
    }
}
