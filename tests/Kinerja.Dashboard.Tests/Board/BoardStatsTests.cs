using System.Text.Json;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary><c>GET /api/v1/board/stats</c> tells where a board update's time went, stage by stage and in the live model's phases.</summary>
public sealed class BoardStatsTests(BoardAppFactory app) : IClassFixture<BoardAppFactory>
{
    [Fact]
    public async Task Stats_AfterAPushedChange_ReportEveryIndicatorsStage()
    {
        await using var client = await HubClient.ConnectAsync(app);
        await client.SubscribeAsync("region:" + BoardAppFactory.RegionId);
        var (first, _) = await client.WaitForAsync("Indicators", _ => true, TimeSpan.FromSeconds(2));

        await BoardIngest.ActivitiesAsync(app.Source, app.BigUnitNips.Take(2), minutes: 11);
        await client.WaitForAsync("Indicators",
            p => p.GetProperty("version").GetInt64() > first.GetProperty("version").GetInt64(), TimeSpan.FromSeconds(3));
        var stageNames = new[] { "wait", "age", "flush", "send", "charts", "render", "chartSend", "chartYield" };
        // The activity chart changed: a chart pass pushes it to the group. The pass is timed when its last paced
        // send is done, a moment after the screen has the chart.
        await client.WaitForAsync("Chart", p => p.GetProperty("chartId").GetString()!.EndsWith(".aktivitas", StringComparison.Ordinal)
            && p.GetProperty("version").GetInt64() > first.GetProperty("version").GetInt64(), TimeSpan.FromSeconds(3));
        JsonElement stages = default, phases = default;
        await Eventually.TrueAsync(async () =>
        {
            using var stats = JsonDocument.Parse(await app.Admin.GetStringAsync("/api/v1/board/stats"));
            stages = stats.RootElement.GetProperty("stages").Clone();
            phases = stats.RootElement.GetProperty("live").GetProperty("phases").Clone();
            return stageNames.All(s => stages.GetProperty(s).GetProperty("count").GetInt64() > 0);
        }, "samples of every stage", TimeSpan.FromSeconds(3));

        // The live model's update that carried the two employees: read (cheaply or in full), applied, committed.
        Assert.True(phases.GetProperty("quickEmployees").GetInt64() + phases.GetProperty("fullEmployees").GetInt64() >= 2);
        Assert.True(phases.GetProperty("regionCommits").GetInt64() >= 1);
        Assert.True(phases.GetProperty("versionsMoved").GetInt64() >= 1);
        Assert.True(phases.GetProperty("signatureReadMs").GetDouble() > 0);

        foreach (var stage in stageNames)
        {
            var s = stages.GetProperty(stage);
            Assert.True(s.GetProperty("count").GetInt64() > 0, $"no {stage} samples");
            Assert.True(s.GetProperty("maxMs").GetDouble() >= s.GetProperty("p99Ms").GetDouble(), stage);
            Assert.True(s.GetProperty("p99Ms").GetDouble() >= s.GetProperty("p50Ms").GetDouble(), stage);
        }
    }
}
