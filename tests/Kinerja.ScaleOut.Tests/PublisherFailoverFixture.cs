using Kinerja.ScaleOut.Tests.Infrastructure;

namespace Kinerja.ScaleOut.Tests;

/// <summary>
/// An ingest-only process and two <c>dashboard</c> instances sharing one Redis (started here); the
/// first dashboard instance is the board publisher when the tests start.
/// </summary>
public sealed class PublisherFailoverFixture : ProcessClusterFixture
{
    public RedisServer Redis { get; private set; } = null!;
    public ScaleOutSeed Seed { get; private set; } = null!;
    public KinerjaProcess Ingest { get; private set; } = null!;
    public KinerjaProcess First { get; private set; } = null!;
    public KinerjaProcess Second { get; private set; } = null!;

    protected override async Task StartAsync()
    {
        Redis = await Started(RedisServer.StartAsync());
        await Database.InitializeAsync();
        Seed = await ScaleOutSeed.CreateAsync(Database.DataSource, "kota-alih", nipOffset: 3500);
        var settings = RedisBackplaneFixture.Settings(Redis.Configuration);
        settings["Kinerja:RedisPrefix"] = "kinerja-alih";
        var ingest = Started(KinerjaProcess.StartAsync("ingest", Database.ConnectionString, "ingest"));
        First = await Started(KinerjaProcess.StartAsync("first (dashboard)", Database.ConnectionString, "dashboard", settings));
        await BoardStats.WaitPublisherAsync(First, Seed.Admin, publisher: true, TimeSpan.FromSeconds(20));
        Second = await Started(KinerjaProcess.StartAsync("second (dashboard)", Database.ConnectionString, "dashboard", settings));
        Ingest = await ingest;
    }
}
