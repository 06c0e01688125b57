using Kinerja.ScaleOut.Tests.Infrastructure;
using Kinerja.Testing;

namespace Kinerja.ScaleOut.Tests;

/// <summary>
/// An ingest-only process and two <c>dashboard</c> instances sharing one Redis (started here); the
/// first dashboard instance is the board publisher when the tests start.
/// </summary>
public sealed class PublisherFailoverFixture : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public RedisServer Redis { get; private set; } = null!;
    public ScaleOutSeed Seed { get; private set; } = null!;
    public KinerjaProcess Ingest { get; private set; } = null!;
    public KinerjaProcess First { get; private set; } = null!;
    public KinerjaProcess Second { get; private set; } = null!;
    public string ConnectionString => _db.ConnectionString;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop what did start.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        Redis = await RedisServer.StartAsync();
        await _db.InitializeAsync();
        Seed = await ScaleOutSeed.CreateAsync(_db.DataSource, "kota-alih", nipOffset: 3500);
        var settings = RedisBackplaneFixture.Settings(Redis.Configuration);
        settings["Kinerja:RedisPrefix"] = "kinerja-alih";
        var ingest = KinerjaProcess.StartAsync("ingest", _db.ConnectionString, "ingest");
        First = await KinerjaProcess.StartAsync("first (dashboard)", _db.ConnectionString, "dashboard", settings);
        await BoardStats.WaitPublisherAsync(First, Seed.Admin, publisher: true, TimeSpan.FromSeconds(20));
        Second = await KinerjaProcess.StartAsync("second (dashboard)", _db.ConnectionString, "dashboard", settings);
        Ingest = await ingest;
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { Ingest, First, Second })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
        await _db.DisposeAsync();
    }
}
