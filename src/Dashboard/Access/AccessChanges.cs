using Kinerja.Core.Changes;
using Npgsql;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// The <c>kinerja_access</c> NOTIFY channel: sent when users, grants or source keys change so every process drops
/// its cached copies at once (a CLI revoke takes effect on running servers immediately).
/// </summary>
public static class AccessChanges
{
    public const string Channel = ChangeChannels.Access;

    /// <summary>Queues the notification on this connection (delivered at commit when inside a transaction).</summary>
    public static Task NotifyAsync(NpgsqlConnection conn, string what, CancellationToken ct, NpgsqlTransaction? tx = null) =>
        ChangeFeed.SendAsync(conn, tx, ChangeNotice.Access(what), ct);

    /// <summary>
    /// As <see cref="NotifyAsync"/>, naming the users changed, so live connections of only those users are re-checked
    /// (<see cref="LiveAccessRechecks"/>); caches are cleared in every process all the same.
    /// </summary>
    public static Task NotifyUsersAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string what, IReadOnlyList<long> users,
        CancellationToken ct) =>
        ChangeFeed.SendAsync(conn, tx, ChangeNotice.Access(what, users), ct);
}
