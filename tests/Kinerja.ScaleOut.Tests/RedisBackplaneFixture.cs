using Kinerja.ScaleOut.Tests.Infrastructure;

namespace Kinerja.ScaleOut.Tests;

/// <summary>
/// Two instances on one database and one Redis (started here): A = <c>ingest,dashboard,rules</c>, the
/// board publisher (started first); B = <c>dashboard,rules</c>, which only serves its connections. Both
/// run rules. Refresh ticks are slow (60 s), so every message in a test comes from a data change.
/// </summary>
public sealed class RedisBackplaneFixture : ProcessClusterFixture
{
    public RedisServer Redis { get; private set; } = null!;
    public ScaleOutSeed Seed { get; private set; } = null!;
    public KinerjaProcess A { get; private set; } = null!;
    public KinerjaProcess B { get; private set; } = null!;

    protected override async Task StartAsync()
    {
        Redis = await Started(RedisServer.StartAsync());
        await Database.InitializeAsync();
        Seed = await ScaleOutSeed.CreateAsync(Database.DataSource, "kota-redis", nipOffset: 3300);
        var settings = Settings(Redis.Configuration);
        A = await Started(KinerjaProcess.StartAsync("A (ingest,dashboard,rules)", Database.ConnectionString, "ingest,dashboard,rules", settings));
        await BoardStats.WaitPublisherAsync(A, Seed.Admin, publisher: true, TimeSpan.FromSeconds(20));
        B = await Started(KinerjaProcess.StartAsync("B (dashboard,rules)", Database.ConnectionString, "dashboard,rules", settings));
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
}
