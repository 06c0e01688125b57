using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.FollowUp;

/// <summary>
/// The leaders' per-unit counts (done on time, late, open, overdue, coaching completed) and the public counts by kind,
/// which withhold a count behind fewer people than the privacy floor (default 5).
/// </summary>
public sealed class FollowUpCountsTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>
{
    private const string Period = "2024-02";

    [Fact]
    public async Task UnitCounts_DoneOnTimeLateOverdueAndCoaching_PerUnit()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(app.DataSource, "fc-papan", "fc-papan-dinas", 4, 7800, "Asia/Jayapura");
        await TestData.SeedUnitAsync(app.DataSource, "fc-papan-sepi", "fc-papan");
        var due = new DateOnly(2024, 3, 15);
        // done at 15 March 23:00 WIT (14:00 UTC) is on time; 16 March 01:00 WIT (15 March 16:00 UTC) is late
        var onTime = await FollowUpSeed.ItemAsync(app.DataSource, nips[1], "COACHING", "atasan", "c1", Period);
        var late = await FollowUpSeed.ItemAsync(app.DataSource, nips[2], "REWARD", "atasan", "r1", Period);
        var overdue = await FollowUpSeed.ItemAsync(app.DataSource, nips[3], "SANCTION", "bkpsdm", "s1", Period);
        var open = await FollowUpSeed.ItemAsync(app.DataSource, nips[4], "REWARD", "bkpsdm", "r2", Period);
        var otherPeriod = await FollowUpSeed.ItemAsync(app.DataSource, nips[4], "COACHING", "atasan", "c2", "2024-01");
        await FollowUpSeed.SetAsync(app.DataSource, onTime, "selesai", due, new DateTimeOffset(2024, 3, 15, 14, 0, 0, TimeSpan.Zero));
        await FollowUpSeed.SetAsync(app.DataSource, late, "selesai", due, new DateTimeOffset(2024, 3, 15, 16, 0, 0, TimeSpan.Zero));
        await FollowUpSeed.SetAsync(app.DataSource, overdue, "diproses", due);
        await FollowUpSeed.SetAsync(app.DataSource, open, "baru", new DateOnly(2099, 1, 1));
        await FollowUpSeed.SetAsync(app.DataSource, otherPeriod, "selesai", due, new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var leader = app.CreateClient();
        leader.DefaultRequestHeaders.Add(TestUserHandler.Header, await app.UserAsync(AccessRoles.Pimpinan, "fc-papan"));

        var units = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/followups/units?region=fc-papan&period={Period}");

        var counts = units.EnumerateArray().ToDictionary(u => u.GetProperty("unitId").GetString()!, u => (
            u.GetProperty("doneOnTime").GetInt32(), u.GetProperty("doneLate").GetInt32(), u.GetProperty("open").GetInt32(),
            u.GetProperty("overdue").GetInt32(), u.GetProperty("coachingDone").GetInt32()));
        Assert.Equal(new Dictionary<string, (int, int, int, int, int)>
        {
            ["fc-papan-dinas"] = (1, 1, 2, 1, 1), ["fc-papan-sepi"] = (0, 0, 0, 0, 0),
        }, counts);
        await TestData.SeedRegionAsync(app.DataSource, "fc-lain");
        var stranger = app.CreateClient();
        stranger.DefaultRequestHeaders.Add(TestUserHandler.Header, await app.UserAsync(AccessRoles.Pimpinan, "fc-lain"));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync("/api/v1/followups/units?region=fc-papan")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.GetAsync("/api/v1/followups/units?region=fc-papan&period=2024")).StatusCode);
    }

    [Fact]
    public async Task PublicCounts_ByKindOnly_WithheldUnderThePrivacyFloor()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(app.DataSource, "fc-publik", "fc-publik-dinas", 6, 7900);
        // five people rewarded (one of them twice): shown; four people coached: withheld
        for (var i = 1; i <= 5; i++)
        {
            await FollowUpSeed.SetAsync(app.DataSource,
                await FollowUpSeed.ItemAsync(app.DataSource, nips[i], "REWARD", "bkpsdm", "hadiah", Period), "selesai");
        }
        await FollowUpSeed.SetAsync(app.DataSource, await FollowUpSeed.ItemAsync(app.DataSource, nips[1], "REWARD", "bkpsdm", "hadiah_lagi", Period), "selesai");
        for (var i = 1; i <= 4; i++)
        {
            await FollowUpSeed.SetAsync(app.DataSource,
                await FollowUpSeed.ItemAsync(app.DataSource, nips[i], "COACHING", "atasan", "bina", Period), "selesai");
        }
        await FollowUpSeed.ItemAsync(app.DataSource, nips[5], "COACHING", "atasan", "bina", Period); // open: not held yet
        var anonymous = app.CreateClient();

        var counts = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/public/fc-publik/followups?period={Period}");
        var raw = await anonymous.GetStringAsync($"/api/v1/public/fc-publik/followups?period={Period}");

        Assert.Equal(6, counts.GetProperty("rewardsGiven").GetInt32());
        Assert.Equal(JsonValueKind.Null, counts.GetProperty("coachingHeld").ValueKind);
        Assert.Equal(5, counts.GetProperty("minGroupSize").GetInt32());
        Assert.DoesNotContain(nips[1], raw);
        var empty = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/public/fc-publik/followups?period=2023-01");
        Assert.Equal((0, 0), (empty.GetProperty("rewardsGiven").GetInt32(), empty.GetProperty("coachingHeld").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/public/tidak-ada/followups?period={Period}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/public/fc-publik/followups")).StatusCode);
    }
}
