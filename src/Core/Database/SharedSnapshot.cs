using Dapper;
using Npgsql;

namespace Kinerja.Core.Database;

/// <summary>
/// A second connection whose repeatable-read transaction sees exactly the same data as a leader
/// transaction (<c>pg_export_snapshot()</c> → <c>SET TRANSACTION SNAPSHOT</c>), so independent reads of
/// one consistent state can run in parallel on two backends. The leader's transaction must stay open
/// until <see cref="FollowAsync"/> returns; dispose the follower when its reads are done.
/// </summary>
public sealed class SharedSnapshot : IAsyncDisposable
{
    private SharedSnapshot(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }

    /// <summary>Opens a follower of <paramref name="leaderTx"/> (which must be repeatable read or serializable).</summary>
    public static async Task<SharedSnapshot> FollowAsync(NpgsqlDataSource db, NpgsqlConnection leader,
        NpgsqlTransaction leaderTx, CancellationToken ct)
    {
        if (leaderTx.IsolationLevel is not (System.Data.IsolationLevel.RepeatableRead or System.Data.IsolationLevel.Serializable))
        {
            // under read committed each leader statement takes a new snapshot: the two would not agree
            throw new ArgumentException("The leader transaction must be repeatable read or serializable.", nameof(leaderTx));
        }
        var id = await leader.ExecuteScalarAsync<string>(new CommandDefinition(
            "select pg_export_snapshot()", transaction: leaderTx, cancellationToken: ct));
        var conn = await db.OpenConnectionAsync(ct);
        try
        {
            var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            // must be the transaction's first statement; the id comes from the server, quoted anyway
            await conn.ExecuteAsync(new CommandDefinition(
                $"set transaction snapshot '{id!.Replace("'", "''", StringComparison.Ordinal)}'; set local work_mem = '64MB'",
                transaction: tx, cancellationToken: ct));
            return new SharedSnapshot(conn, tx);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
