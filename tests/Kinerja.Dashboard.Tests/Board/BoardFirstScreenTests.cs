namespace Kinerja.Dashboard.Tests.Board;

/// <summary>
/// The first screen of a group gets the group's state when it subscribes, and the following flush and chart pass do
/// not send the same versions to it again (a kiosk rotating through units subscribes to a new group every turn), also
/// when a flush or chart pass reaches the group between the screen's join and its subscribe-time read. The refresh
/// tick is far away here: it repeats the payload to every group on purpose (a heartbeat).
/// </summary>
public sealed class BoardFirstScreenTests(QuietBoardAppFactory app) : IClassFixture<QuietBoardAppFactory>
{
    [Fact]
    public async Task Subscribe_FirstScreenOfAGroup_EachChartVersionArrivesOnce()
    {
        await using var client = await HubClient.ConnectAsync(app, user: null);
        await client.SubscribeAsync("public:" + BoardAppFactory.RegionId);
        await client.WaitForAsync("Chart", p => p.GetProperty("chartId").GetString()!.EndsWith(".ikm", StringComparison.Ordinal),
            TimeSpan.FromSeconds(2));

        // Several coalescing windows (100 ms) and chart intervals (200 ms) with no change to the data.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var charts = client.Messages.Where(m => m.Method == "Chart")
            .Select(m => (Id: m.Payload.GetProperty("chartId").GetString()!, Version: m.Payload.GetProperty("version").GetInt64()))
            .ToList();
        Assert.Equal(4, charts.Select(c => c.Id).Distinct().Count()); // pengisian, kehadiran, capaian, ikm
        Assert.All(charts.GroupBy(c => c), g => Assert.Single(g));
        // The settle flush may repeat a version, but only with a later "as of".
        var indicators = client.Messages.Where(m => m.Method == "Indicators")
            .Select(m => (m.Payload.GetProperty("version").GetInt64(), m.Payload.GetProperty("asOf").GetString())).ToList();
        Assert.Equal(indicators.Distinct().Count(), indicators.Count);
    }
}
