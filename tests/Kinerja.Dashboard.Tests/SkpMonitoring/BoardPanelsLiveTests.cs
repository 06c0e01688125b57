using System.Net.Http.Json;
using System.Text.Json;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Board;
using Kinerja.Dashboard.Tests.FollowUp;
using Kinerja.Dashboard.Tests.Infrastructure;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.SkpMonitoring;

/// <summary>
/// The board panels move without reload: a superior's SKP decision and a follow-up transition send the <c>Panels</c> hint to
/// the region's board group (a real HubConnection), and the board API read after it shows the new figures.
/// </summary>
public sealed class BoardPanelsLiveTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private EmployeeWorld _w = null!;

    private static int PlanYear => Year - 1;

    public async Task InitializeAsync()
    {
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "pml", 8400);
        await SeedIkuAsync(app.DataSource, _w);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient As(string who)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestUserHandler.Header, _w.Account(who));
        return client;
    }

    private async Task<JsonElement> UnitAAsync()
    {
        var board = await As("pimpinan").GetFromJsonAsync<JsonElement>($"/api/v1/board/units?regionId={_w.RegionA}&year={PlanYear}");
        return board.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == _w.UnitA);
    }

    private static Func<JsonElement, bool> After(DateTimeOffset before, string reason) => p =>
        p.GetProperty("reason").GetString() == reason && p.GetProperty("at").GetDateTimeOffset() >= before;

    [Fact]
    public async Task SkpDecision_SendsThePanelsHint_AndTheBoardCountsTheApprovedPlan()
    {
        await using var hub = await HubClient.ConnectAsync(app, _w.Account("pimpinan"));
        await hub.SubscribeAsync("region:" + _w.RegionA);
        var k = await SaveAsync(As("k"), Plan(0, Rhk("K1", null, "IKU-1")), PlanYear);
        Assert.True(k.Status == System.Net.HttpStatusCode.OK, k.Body.ToString());
        var b = await SaveAsync(As("b"), Plan(0, Rhk("B1", RhkId(k.Body, "K1"))), PlanYear);
        var s1 = await SaveAsync(As("s1"), Plan(0, Rhk("S1", RhkId(b.Body, "B1"), null, "utama", Numeric())), PlanYear);
        Assert.True(s1.Status == System.Net.HttpStatusCode.OK, s1.Body.ToString());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await SubmitAsync(As("s1"), PlanYear)).Status);
        Assert.Equal(0, (await UnitAAsync()).GetProperty("planApproved").GetInt32());
        var before = DateTimeOffset.UtcNow;

        var decided = await DecideAsync(As("b"), _w.S1, true, null, PlanYear);

        Assert.True(decided.Status == System.Net.HttpStatusCode.OK, decided.Body.ToString());
        var (hint, _) = await hub.WaitForAsync("Panels", After(before, "skp"), Wait);
        Assert.Equal("region:" + _w.RegionA, hint.GetProperty("group").GetString());
        var unit = await UnitAAsync();
        Assert.Equal((4, 1, 25.0), (unit.GetProperty("employees").GetInt32(), unit.GetProperty("planApproved").GetInt32(),
            unit.GetProperty("planApprovedPct").GetDouble()));
    }

    [Fact]
    public async Task FollowUpTransition_SendsThePanelsHint()
    {
        await using var hub = await HubClient.ConnectAsync(app, _w.Account("pimpinan"));
        await hub.SubscribeAsync("region:" + _w.RegionA);
        var id = await FollowUpSeed.ItemAsync(app.DataSource, _w.S2, "COACHING", "atasan", "pml_bina", "2025-05");
        var before = DateTimeOffset.UtcNow;

        using var moved = await As("b").PostAsJsonAsync($"/api/v1/followups/{id}/transitions", new { to = "diproses", note = "dijadwalkan" });

        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        await hub.WaitForAsync("Panels", After(before, "tindak_lanjut"), Wait);
    }
}
