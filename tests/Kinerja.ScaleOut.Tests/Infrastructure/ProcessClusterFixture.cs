using Kinerja.Testing;

namespace Kinerja.ScaleOut.Tests.Infrastructure;

/// <summary>
/// Base of the scale-out fixtures: a database of its own plus the servers (and Redis) a fixture starts.
/// Everything started through <see cref="Started{T}"/> is disposed in reverse order, then the database —
/// also when the start itself failed, which xunit would otherwise leave running.
/// </summary>
public abstract class ProcessClusterFixture : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _started = [];

    protected TestDatabase Database { get; } = new();

    public string ConnectionString => Database.ConnectionString;

    public Npgsql.NpgsqlDataSource DataSource => Database.DataSource;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the database (<see cref="Database"/>) and the servers.</summary>
    protected abstract Task StartAsync();

    /// <summary>Records <paramref name="started"/> for disposal; returns it.</summary>
    protected async Task<T> Started<T>(Task<T> starting) where T : IAsyncDisposable
    {
        var started = await starting;
        lock (_started)
        {
            _started.Add(started);
        }
        return started;
    }

    public async Task DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].DisposeAsync();
        }
        _started.Clear();
        await Database.DisposeAsync();
    }
}
