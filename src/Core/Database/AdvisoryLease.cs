using Npgsql;

namespace Kinerja.Core.Database;

/// <summary>
/// A lease among processes: a session-level PostgreSQL advisory lock on <paramref name="lockKey"/>, held on a
/// connection of its own. It lives as long as that connection, so a dead process releases it at once and another
/// takes over at its next <see cref="TryAcquireAsync"/>. Each leadership role derives a class with its own key
/// (the rules evaluator, the board publisher); keys must differ from each other and from transaction-level locks
/// (the rules publish lock, partition DDL, migrations), so holding a lease never blocks those.
/// </summary>
public abstract class AdvisoryLease(NpgsqlDataSource db, long lockKey) : IAsyncDisposable
{
    private NpgsqlConnection? _conn;

    /// <summary>The advisory lock key of this lease.</summary>
    public long LockKey { get; } = lockKey;

    /// <summary>True while the lease's connection is open (confirmed by the last <see cref="TryAcquireAsync"/>).</summary>
    public bool Held => _conn is { State: System.Data.ConnectionState.Open };

    /// <summary>Tries to take (or confirms) the lease; false while another process holds it.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken ct)
    {
        if (_conn is not null)
        {
            try
            {
                await using var ping = new NpgsqlCommand("select 1", _conn);
                await ping.ExecuteScalarAsync(ct);
                return true;
            }
            catch (Exception ex) when (IsConnectionLoss(ex))
            {
                await ReleaseAsync();
            }
        }
        var conn = await db.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand("select pg_try_advisory_lock($1)", conn);
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey });
            if (await cmd.ExecuteScalarAsync(ct) is true)
            {
                _conn = conn;
                return true;
            }
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
        await conn.DisposeAsync();
        return false;
    }

    public async ValueTask ReleaseAsync()
    {
        if (_conn is null)
        {
            return;
        }
        try
        {
            // Pooled connections outlive Dispose, so unlock explicitly; a dead session has released it already.
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock($1)", _conn);
            unlock.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey });
            await unlock.ExecuteScalarAsync();
        }
        catch (Exception ex) when (IsConnectionLoss(ex))
        {
        }
        await _conn.DisposeAsync();
        _conn = null;
    }

    public ValueTask DisposeAsync() => ReleaseAsync();

    private static bool IsConnectionLoss(Exception ex) =>
        ex is NpgsqlException or IOException or InvalidOperationException or TimeoutException;
}
