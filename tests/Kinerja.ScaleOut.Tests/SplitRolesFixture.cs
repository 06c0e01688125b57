using Kinerja.ScaleOut.Tests.Infrastructure;

namespace Kinerja.ScaleOut.Tests;

/// <summary>Two OS processes on one database: <c>--Kinerja:Roles=ingest</c> and <c>--Kinerja:Roles=dashboard,rules</c> (no Redis).</summary>
public sealed class SplitRolesFixture : ProcessClusterFixture
{
    public ScaleOutSeed Seed { get; private set; } = null!;
    public KinerjaProcess Ingest { get; private set; } = null!;
    public KinerjaProcess Dashboard { get; private set; } = null!;

    protected override async Task StartAsync()
    {
        await Database.InitializeAsync();
        Seed = await ScaleOutSeed.CreateAsync(Database.DataSource, "kota-pisah", nipOffset: 3100);
        var board = new Dictionary<string, string>
        {
            ["Kinerja:Board:IndicatorsIntervalMs"] = "100",
            ["Kinerja:Board:ChartIntervalMs"] = "200",
        };
        var starting = new[]
        {
            Started(KinerjaProcess.StartAsync("ingest", Database.ConnectionString, "ingest")),
            Started(KinerjaProcess.StartAsync("dashboard,rules", Database.ConnectionString, "dashboard,rules", board)),
        };
        await Task.WhenAll(starting.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        Ingest = await starting[0];
        Dashboard = await starting[1];
    }
}
