using Kinerja.ScaleOut.Tests.Infrastructure;
using Kinerja.Testing;

namespace Kinerja.ScaleOut.Tests;

/// <summary>Two OS processes on one database: <c>--Kinerja:Roles=ingest</c> and <c>--Kinerja:Roles=dashboard,rules</c> (no Redis).</summary>
public sealed class SplitRolesFixture : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public ScaleOutSeed Seed { get; private set; } = null!;
    public KinerjaProcess Ingest { get; private set; } = null!;
    public KinerjaProcess Dashboard { get; private set; } = null!;

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
        await _db.InitializeAsync();
        Seed = await ScaleOutSeed.CreateAsync(_db.DataSource, "kota-pisah", nipOffset: 3100);
        var board = new Dictionary<string, string>
        {
            ["Kinerja:Board:IndicatorsIntervalMs"] = "100",
            ["Kinerja:Board:ChartIntervalMs"] = "200",
        };
        var starting = new[]
        {
            KinerjaProcess.StartAsync("ingest", _db.ConnectionString, "ingest"),
            KinerjaProcess.StartAsync("dashboard,rules", _db.ConnectionString, "dashboard,rules", board),
        };
        await Task.WhenAll(starting.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        Ingest = await starting[0];
        Dashboard = await starting[1];
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { Ingest, Dashboard })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
        await _db.DisposeAsync();
    }
}
