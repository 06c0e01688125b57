using Kinerja.Core.Startup;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kinerja.Core.Database;

/// <summary>
/// The advisory lock under which one process migrates while others starting together wait. The wait is
/// bounded (<see cref="StartupOptions.MigrationLockTimeout"/>): a process stuck holding the lock ends the
/// start with one line naming it, instead of a start that hangs for ever.
/// </summary>
internal static class MigrationLock
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static async Task TakeAsync(NpgsqlConnection conn, long key, TimeSpan timeout, ILogger logger,
        CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var logged = false;
        while (true)
        {
            await using (var take = new NpgsqlCommand("select pg_try_advisory_lock($1)", conn))
            {
                take.Parameters.AddWithValue(key);
                if (await take.ExecuteScalarAsync(ct) is true)
                {
                    return;
                }
            }
            var holder = await HolderAsync(conn, key, ct);
            if (DateTimeOffset.UtcNow >= deadline)
            {
                var target = DatabaseTarget.Of(conn.ConnectionString);
                throw new StartupFailedException(
                    $"cannot migrate {target}: the migration lock is held by {holder.Text} for longer than " +
                    $"{StartupOptions.MigrationLockTimeoutKey} ({timeout.TotalSeconds:0.#} s); let it finish, or if it hangs stop it" +
                    (holder.Pid is { } pid ? $" (select pg_terminate_backend({pid}))" : ""));
            }
            if (!logged)
            {
                logger.LogWarning("Waiting up to {Seconds:0} s for the migration lock held by {Holder}",
                    timeout.TotalSeconds, holder.Text);
                logged = true;
            }
            await Task.Delay(Poll, ct);
        }
    }

    /// <summary>The session holding the lock, from pg_locks (a bigint key is classid = high, objid = low 32 bits).</summary>
    private static async Task<(int? Pid, string Text)> HolderAsync(NpgsqlConnection conn, long key, CancellationToken ct)
    {
        const string sql = """
            select a.pid, coalesce(nullif(a.application_name, ''), '?'), coalesce(host(a.client_addr), 'local'),
                   extract(epoch from now() - a.backend_start)::int
            from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and l.objsubid = 1
              and l.database = (select oid from pg_database where datname = current_database())
              and l.classid = $1::bigint::oid and l.objid = $2::bigint::oid
            limit 1
            """;
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue((key >> 32) & 0xFFFFFFFF);
        cmd.Parameters.AddWithValue(key & 0xFFFFFFFF);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return (null, "another process");
        }
        var pid = reader.GetInt32(0);
        return (pid, $"another process (pid {pid} on the server, application \"{reader.GetString(1)}\" from {reader.GetString(2)}, connected {reader.GetInt32(3)} s ago)");
    }
}
