using Npgsql;

namespace Kinerja.Rules.Live;

/// <summary>
/// Leadership among rules processes: the holder of a session-level PostgreSQL advisory lock is the one
/// process that evaluates changes, so two rules processes never both act on the same change. The lock
/// lives as long as its connection; losing the connection loses the lease and another process takes over.
/// </summary>
public sealed class EvaluatorLease(NpgsqlDataSource db) : IAsyncDisposable
{
    // Not the publish lock's key ("KRULES", WorkflowStore): holding this lease must never block a publish.
    private const long LockKey = 0x4b524c454153; // "KRLEAS"
    private NpgsqlConnection? _conn;

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
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException)
            {
                await ReleaseAsync();
            }
        }
        var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"select pg_try_advisory_lock({LockKey})", conn);
        if (await cmd.ExecuteScalarAsync(ct) is true)
        {
            _conn = conn;
            return true;
        }
        await conn.DisposeAsync();
        return false;
    }

    public async ValueTask ReleaseAsync()
    {
        if (_conn is not null)
        {
            try
            {
                // Pooled connections outlive Dispose, so unlock explicitly; a dead session has released it already.
                await using var unlock = new NpgsqlCommand($"select pg_advisory_unlock({LockKey})", _conn);
                await unlock.ExecuteScalarAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException)
            {
            }
            await _conn.DisposeAsync();
            _conn = null;
        }
    }

    public ValueTask DisposeAsync() => ReleaseAsync();
}
