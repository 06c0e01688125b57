using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Indicators.Live;
using Kinerja.Dashboard.Charts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>The <c>/hubs/board</c> contract with real <c>HubConnection</c>s against the real server and database.</summary>
public sealed partial class BoardHubTests(BoardAppFactory app) : IClassFixture<BoardAppFactory>
{
    private const string Region = BoardAppFactory.RegionId;

    [Fact]
    public async Task Subscribe_RegionGroup_SendsCurrentIndicatorsChartsAndFeedAtOnce()
    {
        await using var client = await HubClient.ConnectAsync(app);
        await client.SubscribeAsync("region:" + Region);

        var (indicators, _) = await client.WaitForAsync("Indicators", p => p.GetProperty("group").GetString() == "region:" + Region,
            TimeSpan.FromSeconds(2));
        Assert.Equal(Region, indicators.GetProperty("regionId").GetString());
        Assert.Equal("WIB", indicators.GetProperty("zoneLabel").GetString());
        var today = DateOnly.ParseExact(indicators.GetProperty("today").GetString()!, "yyyy-MM-dd", null);
        Assert.Equal(today.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), // the test region has no holidays
            indicators.GetProperty("workingDay").GetBoolean());
        Assert.Equal(12, indicators.GetProperty("figures").GetProperty("employeeCount").GetInt32());
        Assert.Equal(2, indicators.GetProperty("units").GetArrayLength());
        Assert.True(indicators.GetProperty("version").GetInt64() > 0);
        await client.WaitForAsync("Chart", p => p.GetProperty("chartId").GetString() == $"r.{Region}.pengisian"
            && p.GetProperty("svg").GetString()!.Contains("<svg"), TimeSpan.FromSeconds(2));
        await client.WaitForAsync("Trigger", p => p.GetProperty("initial").GetBoolean(), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Ingest_ActivitiesOfTheRegion_IndicatorsReflectThemWithinTwoSeconds()
    {
        await using var client = await HubClient.ConnectAsync(app);
        await client.SubscribeAsync("region:" + Region);
        var (first, _) = await client.WaitForAsync("Indicators", _ => true, TimeSpan.FromSeconds(2));
        var filedBefore = first.GetProperty("figures").GetProperty("filedToday").GetInt32();
        var fresh = app.BigUnitNips.Skip(1).Take(3).ToArray();

        await BoardIngest.ActivitiesAsync(app.Source, fresh, at: DateTimeOffset.UtcNow.AddMinutes(-1));
        var accepted = Stopwatch.StartNew();
        var (after, _) = await client.WaitForAsync("Indicators",
            p => p.GetProperty("figures").GetProperty("filedToday").GetInt32() >= filedBefore + fresh.Length,
            TimeSpan.FromSeconds(2));

        Assert.True(accepted.Elapsed < TimeSpan.FromSeconds(2), $"took {accepted.ElapsedMilliseconds} ms");
        Assert.True(after.GetProperty("version").GetInt64() > first.GetProperty("version").GetInt64());
        Assert.True(after.GetProperty("figures").GetProperty("activityMinutesPending").GetInt64() >= 3 * 120);
    }

    [Fact]
    public async Task PublicGroup_EveryMessage_CarriesNoNipNoNameAndSuppressesSmallUnits()
    {
        await using var client = await HubClient.ConnectAsync(app);
        await client.SubscribeAsync("public:" + Region);
        await client.WaitForAsync("Indicators", _ => true, TimeSpan.FromSeconds(2));

        await BoardIngest.ActivitiesAsync(app.Source, app.SmallUnitNips.Concat(app.BigUnitNips.Take(2)));
        await InsertTriggerAsync(app.BigUnitNips[0], "REWARD", "SERTIFIKAT_PUBLIK_UJI");
        await client.WaitForAsync("Indicators", p => p.GetProperty("figures").GetProperty("filingRateToday").GetDouble() > 0,
            TimeSpan.FromSeconds(30));
        await Task.Delay(600); // let charts and any (wrong) trigger message arrive

        var names = await EmployeeNamesAsync();
        Assert.NotEmpty(client.Messages);
        foreach (var (method, payload, _) in client.Messages)
        {
            Assert.NotEqual("Trigger", method);
            var text = payload.GetRawText();
            Assert.False(Nip().IsMatch(text), $"{method} carries an 18-digit number: {Nip().Match(text).Value}");
            foreach (var name in names)
            {
                Assert.DoesNotContain(name, text, StringComparison.OrdinalIgnoreCase);
            }
        }
        var latest = client.Messages.Last(m => m.Method == "Indicators").Payload;
        var small = latest.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == BoardAppFactory.SmallUnit);
        Assert.True(small.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, small.GetProperty("filingRateToday").ValueKind);
        var big = latest.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == BoardAppFactory.BigUnit);
        Assert.False(big.GetProperty("suppressed").GetBoolean());
    }

    [Fact]
    public async Task NewTrigger_ReachesRegionAndUnitFeeds()
    {
        await using var region = await HubClient.ConnectAsync(app);
        await region.SubscribeAsync("region:" + Region);
        await using var unit = await HubClient.ConnectAsync(app);
        await unit.SubscribeAsync("unit:" + BoardAppFactory.BigUnit);
        await region.WaitForAsync("Trigger", p => p.GetProperty("initial").GetBoolean(), TimeSpan.FromSeconds(2));
        await unit.WaitForAsync("Trigger", p => p.GetProperty("initial").GetBoolean(), TimeSpan.FromSeconds(2));

        await InsertTriggerAsync(app.BigUnitNips[3], "COACHING", "PEMBINAAN_UJI");

        bool IsNew(JsonElement p) => !p.GetProperty("initial").GetBoolean()
            && p.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("code").GetString() == "PEMBINAAN_UJI"
                && i.GetProperty("kindLabel").GetString() == "Pembinaan");
        await region.WaitForAsync("Trigger", IsNew, TimeSpan.FromSeconds(30));
        await unit.WaitForAsync("Trigger", IsNew, TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("wilayah:kota-uji", "tidak dikenal")]
    [InlineData("region:Kota Uji", "tidak dikenal")]
    [InlineData("region:tidak-ada", "Wilayah 'tidak-ada' tidak ditemukan")]
    [InlineData("unit:tidak-ada", "Unit 'tidak-ada' tidak ditemukan")]
    public async Task Subscribe_InvalidOrUnknownGroup_FailsWithClearMessage(string group, string message)
    {
        await using var client = await HubClient.ConnectAsync(app);
        var ex = await Assert.ThrowsAsync<HubException>(() => client.SubscribeAsync(group));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public async Task ManyScreens_OneChange_RendersEachChartOncePerVersion()
    {
        var live = app.Services.GetRequiredService<LiveIndicators>();
        var cache = app.Services.GetRequiredService<ChartCache>();
        var activity = $"r.{Region}.aktivitas";
        var clients = new List<HubClient>();
        for (var i = 0; i < 12; i++)
        {
            var c = await HubClient.ConnectAsync(app);
            await c.SubscribeAsync("region:" + Region);
            clients.Add(c);
        }
        // Counting starts from a board that has drawn what it holds (an earlier test of the class may have changed it).
        await ChartsCaughtUp.WaitAsync(live, cache, Region);
        var before = cache.SvgRenders;
        var versionBefore = cache.Get(activity)!.Version;
        var liveBefore = live.RegionVersion(Region)!.Value.Version;

        await BoardIngest.ActivitiesAsync(app.Source, app.BigUnitNips.Skip(5).Take(2), minutes: 45);
        foreach (var c in clients)
        {
            await c.WaitForAsync("Chart", p => p.GetProperty("chartId").GetString() == activity
                && p.GetProperty("version").GetInt64() > versionBefore, TimeSpan.FromSeconds(30));
        }
        // The change and what follows it (the rules' levels) have settled and been drawn: every render it caused counts.
        await LiveVersionWait.QuietVersionAsync(live, Region, liveBefore);
        await ChartsCaughtUp.WaitAsync(live, cache, Region);
        var renders = cache.SvgRenders - before;
        Assert.InRange(renders, 1, 6 * 3); // 6 region charts, a few versions at most: never per screen (12)
        foreach (var c in clients)
        {
            await c.DisposeAsync();
        }
    }

    private Task InsertTriggerAsync(string nip, string kind, string code) => TriggerFeedTests.StoreAsync(app, nip, kind, code);

    private async Task<IReadOnlyList<string>> EmployeeNamesAsync()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<string>("select distinct name from employee")).AsList();
    }

    [GeneratedRegex("(?<![0-9])[0-9]{18}(?![0-9])")]
    private static partial Regex Nip();
}
