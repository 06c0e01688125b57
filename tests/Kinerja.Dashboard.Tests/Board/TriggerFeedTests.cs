using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Store;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>
/// The <c>kinerja_triggers</c> feed: a trigger the rules store reaches the region and unit feeds with the employee's
/// and the unit's names, which travel in the notification; the feed reads nothing back from the database.
/// </summary>
public sealed class TriggerFeedTests(BoardAppFactory app) : IClassFixture<BoardAppFactory>
{
    private const string Region = BoardAppFactory.RegionId;

    [Fact]
    public async Task StoredTrigger_ReachesTheFeeds_WithTheEmployeeAndUnitNames()
    {
        await using var region = await SubscribedAsync("region:" + Region);
        await using var unit = await SubscribedAsync("unit:" + BoardAppFactory.BigUnit);
        var nip = app.BigUnitNips[4];
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var employee = await conn.ExecuteScalarAsync<string>("select name from employee where nip = @nip", new { nip });
        var unitName = await conn.ExecuteScalarAsync<string>("select name from unit where id = @id", new { id = BoardAppFactory.BigUnit });

        await StoreAsync(app, nip, "REWARD", "NAMA_DI_FEED_UJI");

        foreach (var client in new[] { region, unit })
        {
            var (payload, _) = await client.WaitForAsync("Trigger", p => !p.GetProperty("initial").GetBoolean()
                && p.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("code").GetString() == "NAMA_DI_FEED_UJI"),
                TimeSpan.FromSeconds(3));
            var item = payload.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "NAMA_DI_FEED_UJI");
            Assert.Equal(employee, item.GetProperty("employeeName").GetString());
            Assert.Equal(unitName, item.GetProperty("unitName").GetString());
            Assert.Equal(nip, item.GetProperty("nip").GetString());
            Assert.Equal("Penghargaan", item.GetProperty("kindLabel").GetString());
        }
    }

    [Fact]
    public async Task Feed_ShowsWhatTheNotificationCarries_WithoutReadingTheRow()
    {
        await using var region = await SubscribedAsync("region:" + Region);
        // No such row exists: a feed that read its items back by id would show nothing.
        var notice = ChangeNotice.Triggers([new AddedTrigger
        {
            Id = 990_000_001, Kind = "COACHING", Code = "TANPA_BACA_UJI", Nip = app.BigUnitNips[5],
            EmployeeName = "Nama Dari Pesan", UnitId = BoardAppFactory.BigUnit, UnitName = "Unit Dari Pesan", RegionId = Region,
            Period = "2026-01", Workflow = "uji", Version = 1, Rule = "TANPA_BACA_UJI", FiredAt = DateTimeOffset.UtcNow,
        }]);
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await ChangeFeed.SendAsync(conn, null, notice, CancellationToken.None);
        }

        var (payload, _) = await region.WaitForAsync("Trigger", p => !p.GetProperty("initial").GetBoolean()
            && p.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("code").GetString() == "TANPA_BACA_UJI"),
            TimeSpan.FromSeconds(3));
        var item = payload.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("Nama Dari Pesan", item.GetProperty("employeeName").GetString());
        Assert.Equal("Unit Dari Pesan", item.GetProperty("unitName").GetString());
        Assert.Equal("Pembinaan", item.GetProperty("kindLabel").GetString());
    }

    /// <summary>Stores one employee trigger through the rules' own writer (which notifies in its transaction).</summary>
    internal static Task StoreAsync(BoardAppFactory app, string nip, string kind, string code) =>
        new TriggerStore(app.DataSource).InsertAsync([new Trigger
        {
            Kind = kind, Code = code, Subject = nip, IsUnit = false, Period = DateTime.UtcNow.ToString("yyyy-MM"),
            Workflow = "uji", Version = 1, Rule = code, Inputs = new Dictionary<string, object?>(),
        }], CancellationToken.None);

    private async Task<HubClient> SubscribedAsync(string group)
    {
        var client = await HubClient.ConnectAsync(app);
        await client.SubscribeAsync(group);
        await client.WaitForAsync("Trigger", p => p.GetProperty("initial").GetBoolean(), TimeSpan.FromSeconds(2));
        return client;
    }
}
