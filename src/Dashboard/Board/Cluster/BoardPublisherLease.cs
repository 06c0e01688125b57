using Npgsql;

namespace Kinerja.Dashboard.Board.Cluster;

/// <summary>
/// The "board publisher" lease among dashboard instances: a session-level PostgreSQL advisory lock.
/// It lives as long as its connection, so a dead instance releases it at once and another takes over
/// at its next attempt.
/// </summary>
public sealed class BoardPublisherLease(NpgsqlDataSource db) : IAsyncDisposable
{
    // Distinct from the rules lease ("KRLEAS") and the publish lock ("KRULES").
    private const long LockKey = 0x4b42505542; // "KBPUB"
    private NpgsqlConnection? _conn;

    /// <summary>Tries to take (or confirms) the lease; false while another instance holds it.</summary>
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
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
            {
                await ReleaseAsync();
            }
        }
        var conn = await db.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand($"select pg_try_advisory_lock({LockKey})", conn);
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
            await using var unlock = new NpgsqlCommand($"select pg_advisory_unlock({LockKey})", _conn);
            await unlock.ExecuteScalarAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
        {
        }
        await _conn.DisposeAsync();
        _conn = null;
    }

    public ValueTask DisposeAsync() => ReleaseAsync();
}
