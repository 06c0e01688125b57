using Kinerja.ScaleOut.Tests.Infrastructure;
using Kinerja.Testing;

namespace Kinerja.ScaleOut.Tests;

/// <summary>
/// Two instances on one database and one Redis (started here): A = <c>ingest,dashboard,rules</c>, the
/// board publisher (started first); B = <c>dashboard,rules</c>, which only serves its connections. Both
/// run rules. Refresh ticks are slow (60 s), so every message in a test comes from a data change.
/// </summary>
public sealed class RedisBackplaneFixture : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public RedisServer Redis { get; private set; } = null!;
    public ScaleOutSeed Seed { get; private set; } = null!;
    public KinerjaProcess A { get; private set; } = null!;
    public KinerjaProcess B { get; private set; } = null!;
    public Npgsql.NpgsqlDataSource DataSource => _db.DataSource;

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
        Seed = await ScaleOutSeed.CreateAsync(_db.DataSource, "kota-redis", nipOffset: 3300);
        var settings = Settings(Redis.Configuration);
        A = await KinerjaProcess.StartAsync("A (ingest,dashboard,rules)", _db.ConnectionString, "ingest,dashboard,rules", settings);
        await BoardStats.WaitPublisherAsync(A, Seed.Admin, publisher: true, TimeSpan.FromSeconds(20));
        B = await KinerjaProcess.StartAsync("B (dashboard,rules)", _db.ConnectionString, "dashboard,rules", settings);
    }

    public static Dictionary<string, string> Settings(string redis) => new()
    {
        ["Kinerja:Redis"] = redis,
        ["Kinerja:RedisPrefix"] = "kinerja-test",
        ["Kinerja:Board:IndicatorsIntervalMs"] = "100",
        ["Kinerja:Board:ChartIntervalMs"] = "200",
        ["Kinerja:Board:RefreshSeconds"] = "60",
        ["Kinerja:Board:StaleSeconds"] = "120",
    };

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { A, B })
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
