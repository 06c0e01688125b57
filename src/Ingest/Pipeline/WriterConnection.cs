using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// One of the writer's connections, opened on first use with its session's staging tables, and dropped
/// (to be reopened) after a connection problem. Used by one batch at a time.
/// </summary>
internal sealed class WriterConnection(NpgsqlDataSource db, string staging) : IAsyncDisposable
{
    private NpgsqlConnection? _conn;

    /// <summary>Nothing in flight.</summary>
    public static readonly Task<FailedBatch?> Idle = Task.FromResult<FailedBatch?>(null);

    /// <summary>
    /// The second half of the batch last started on this connection (<see cref="Idle"/> when none); its result is
    /// the failed batch when it must still be written serially.
    /// </summary>
    public Task<FailedBatch?> Pending { get; set; } = Idle;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        if (_conn is { State: System.Data.ConnectionState.Open })
        {
            return _conn;
        }
        await DropAsync();
        var conn = await db.OpenConnectionAsync(ct);
        if (staging.Length > 0)
        {
            await using var create = new NpgsqlCommand(staging, conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        _conn = conn;
        return conn;
    }

    public async Task DropAsync()
    {
        if (_conn is null)
        {
            return;
        }
        try
        {
            await _conn.DisposeAsync();
        }
        catch (Exception ex) when (WriteRetryPolicy.IsConnectionProblem(ex))
        {
        }
        _conn = null;
    }

    public ValueTask DisposeAsync() => new(DropAsync());
}
