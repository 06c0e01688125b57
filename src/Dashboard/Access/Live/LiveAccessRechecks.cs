using System.Threading.Channels;
using Kinerja.Core.Changes;

namespace Kinerja.Dashboard.Access.Live;

/// <summary>
/// Applies access changes to the hub connections already open in this process. On every <c>kinerja_access</c>
/// notification (registered after <see cref="AccessCache"/>, which clears first) and after the change feed reconnects,
/// it queues a re-check of the connections of the users the change names, or of all when it names none;
/// <see cref="LiveAccessRecheckService"/> runs the queue (and a re-check of all on a timer). A re-check reads the user
/// and session again (<see cref="RegionAccess.CurrentUserAsync"/>): a disabled user or ended session has its
/// connection closed; otherwise every group the connection joined is checked with the rule <c>Subscribe</c> uses
/// (<see cref="BoardGroupAccess.CanJoinAsync"/>) and left when it no longer holds (the screen is told:
/// <see cref="LiveConnection.RevokedMessage"/>).
/// </summary>
public sealed class LiveAccessRechecks(LiveConnections connections, RegionAccess access, BoardGroupAccess groups,
    IEnumerable<ILiveGroupRevoked> revoked, ILogger<LiveAccessRechecks> logger) : IChangeHandler<AccessChanged>
{
    /// <summary>Connections checked at once: the checks mostly wait on the database after a cache clear.</summary>
    public const int Parallelism = 4;

    private readonly ILiveGroupRevoked[] _revoked = revoked.ToArray();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private readonly Lock _gate = new();
    private readonly HashSet<long> _users = [];
    private bool _all;

    public Task HandleAsync(AccessChanged message, CancellationToken ct)
    {
        Request(message.Users);
        return Task.CompletedTask;
    }

    public Task ResyncAsync(CancellationToken ct)
    {
        Request(null);
        return Task.CompletedTask;
    }

    /// <summary>Queues a re-check of the connections of <paramref name="users"/>, or of every connection when null.</summary>
    public void Request(IReadOnlyCollection<long>? users)
    {
        connections.AccessChanged();
        lock (_gate)
        {
            if (users is null)
            {
                _all = true;
                _users.Clear();
            }
            else if (!_all)
            {
                _users.UnionWith(users);
            }
        }
        _signal.Writer.TryWrite(true);
    }

    /// <summary>Waits until a re-check was requested; false when <paramref name="ct"/> ended the wait first.</summary>
    public async Task<bool> WaitAsync(CancellationToken ct)
    {
        try
        {
            await _signal.Reader.ReadAsync(ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Re-checks what was requested since the last call (nothing when nothing was).</summary>
    public Task<LiveRecheckResult> RunRequestedAsync(CancellationToken ct)
    {
        IReadOnlyList<LiveConnection> targets;
        lock (_gate)
        {
            targets = _all ? connections.All() : connections.OfUsers(_users);
            _all = false;
            _users.Clear();
        }
        return RecheckAsync(targets, ct);
    }

    /// <summary>Re-checks every open connection.</summary>
    public Task<LiveRecheckResult> RunAllAsync(CancellationToken ct) => RecheckAsync(connections.All(), ct);

    private async Task<LiveRecheckResult> RecheckAsync(IReadOnlyList<LiveConnection> targets, CancellationToken ct)
    {
        var closed = 0;
        var left = 0;
        var failed = 0;
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (connection, token) =>
            {
                try
                {
                    var outcome = await RecheckAsync(connection, token);
                    if (outcome < 0)
                    {
                        Interlocked.Increment(ref closed);
                    }
                    else
                    {
                        Interlocked.Add(ref left, outcome);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // Kept as it is: the next notification, the timer or the feed's resync checks it again.
                    Interlocked.Increment(ref failed);
                    logger.LogWarning(ex, "Re-checking the access of hub connection {Connection} failed", connection.Id);
                }
            });
        var result = new LiveRecheckResult(targets.Count, closed, left, failed);
        if (closed + left + failed > 0)
        {
            logger.LogInformation(
                "Re-checked the access of {Connections} hub connections: {Closed} closed, {Left} group memberships removed, {Failed} failed",
                result.Connections, result.Closed, result.GroupsLeft, result.Failed);
        }
        return result;
    }

    /// <summary>
    /// Re-checks one connection: -1 when it was closed (user disabled, session ended), else the number of groups it was
    /// removed from.
    /// </summary>
    public async Task<int> RecheckAsync(LiveConnection connection, CancellationToken ct)
    {
        var user = connection.User;
        if (connection.UserId is not null && await access.CurrentUserAsync(user, ct) is null)
        {
            logger.LogInformation("Closing hub connection {Connection} of {User}: the account is disabled or the session ended",
                connection.Id, UserPrincipal.Actor(user));
            connection.Abort();
            return -1;
        }
        var removed = 0;
        foreach (var group in connection.JoinedGroups())
        {
            if (await groups.CanJoinAsync(user, group, ct))
            {
                continue;
            }
            await connection.Groups.RemoveFromGroupAsync(connection.Id, group, ct);
            if (connection.Left(group))
            {
                removed++;
                await connection.RevokedAsync(group, ct);
                foreach (var listener in _revoked)
                {
                    listener.Revoked(connection.Id, group);
                }
            }
            logger.LogInformation("Removed hub connection {Connection} of {User} from {Group}: access to it was withdrawn",
                connection.Id, UserPrincipal.Actor(user), group);
        }
        return removed;
    }
}

/// <summary>What one re-check pass did: connections looked at, closed, group memberships removed, checks that failed.</summary>
public sealed record LiveRecheckResult(int Connections, int Closed, int GroupsLeft, int Failed);
