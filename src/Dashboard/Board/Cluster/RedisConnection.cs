using StackExchange.Redis;

namespace Kinerja.Dashboard.Board.Cluster;

/// <summary>
/// This instance's own Redis connection (watched groups, health), separate from the SignalR backplane's.
/// Connects lazily and keeps reconnecting in the background when Redis is away at start.
/// </summary>
public sealed class RedisConnection(BoardClusterOptions options) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _mux = new(() => ConnectAsync(options));

    public Task<IConnectionMultiplexer> GetAsync() => _mux.Value;

    /// <summary>The backplane's connection options: the configured string, never failing the start when Redis is away.</summary>
    public static ConfigurationOptions Configure(BoardClusterOptions options, string role)
    {
        var config = ConfigurationOptions.Parse(options.Redis!);
        config.AbortOnConnectFail = false;
        config.ClientName ??= $"kinerja-{role}-{Environment.MachineName}-{Environment.ProcessId}";
        return config;
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(BoardClusterOptions options) =>
        await ConnectionMultiplexer.ConnectAsync(Configure(options, "board"));

    public async ValueTask DisposeAsync()
    {
        if (_mux.IsValueCreated && _mux.Value.IsCompletedSuccessfully)
        {
            await _mux.Value.Result.DisposeAsync();
        }
    }
}
