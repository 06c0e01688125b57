using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;

namespace Kinerja.Dashboard.Tests.FollowUp;

/// <summary>
/// Who sees and moves a follow-up item: the assignee superior, another superior (the chain above), the employee, a peer,
/// HR of the region, HR of another region, a leader and anonymous; lists by assignee, unit, state and overdue.
/// </summary>
public sealed class FollowUpAccessTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;

    public async Task InitializeAsync() => _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "fa", 7700);

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient As(string who) => Named(_w.Account(who));

    private HttpClient Named(string user)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestUserHandler.Header, user);
        return client;
    }

    private async Task<HttpClient> HrAsync(string region) => Named(await app.UserAsync(AccessRoles.Sdm, region));

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string query)
    {
        var items = await client.GetFromJsonAsync<JsonElement>("/api/v1/followups?" + query);
        return items.EnumerateArray().ToList();
    }

    private static async Task<HttpStatusCode> MoveAsync(HttpClient client, long id, string to = "diproses")
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/followups/{id}/transitions", new { to, note = "catatan" });
        return response.StatusCode;
    }

    [Fact]
    public async Task SuperiorsItem_AssigneeAndHrOfRegionMoveIt_OthersAreRefused()
    {
        var id = await FollowUpSeed.ItemAsync(app.DataSource, _w.S1, "COACHING", "atasan", "bina_akses", "2025-07");
        var matrix = new Dictionary<string, HttpStatusCode>
        {
            ["k (superior above)"] = await MoveAsync(As("k"), id),
            ["s1 (the employee)"] = await MoveAsync(As("s1"), id),
            ["s2 (peer)"] = await MoveAsync(As("s2"), id),
            ["o (other region)"] = await MoveAsync(As("o"), id),
            ["sdm of region b"] = await MoveAsync(await HrAsync(_w.RegionB), id),
            ["pimpinan of region a"] = await MoveAsync(As("pimpinan"), id),
            ["anonymous"] = await MoveAsync(app.CreateClient(), id),
        };
        Assert.Equal(new Dictionary<string, HttpStatusCode>
        {
            ["k (superior above)"] = HttpStatusCode.Forbidden, ["s1 (the employee)"] = HttpStatusCode.Forbidden,
            ["s2 (peer)"] = HttpStatusCode.Forbidden, ["o (other region)"] = HttpStatusCode.Forbidden,
            ["sdm of region b"] = HttpStatusCode.Forbidden, ["pimpinan of region a"] = HttpStatusCode.Forbidden,
            ["anonymous"] = HttpStatusCode.Unauthorized,
        }, matrix);
        Assert.Equal(HttpStatusCode.OK, await MoveAsync(As("b"), id));
        Assert.Equal(HttpStatusCode.OK, await MoveAsync(await HrAsync(_w.RegionA), id, "selesai"));
    }

    [Fact]
    public async Task AssigneeMe_IsTheAssignedAndOwnItems_WithCanActOnlyWhereAllowed()
    {
        var coaching = await FollowUpSeed.ItemAsync(app.DataSource, _w.S1, "COACHING", "atasan", "bina_daftar", "2025-08");
        var own = await FollowUpSeed.ItemAsync(app.DataSource, _w.S1, "COACHING", "pegawai", "rencana_diri", "2025-08");
        var hr = await FollowUpSeed.ItemAsync(app.DataSource, _w.S1, "REWARD", "bkpsdm", "insentif_daftar", "2025-08");
        var ids = new[] { coaching, own, hr };
        async Task<Dictionary<long, bool>> Mine(HttpClient c) => (await ListAsync(c, "assignee=me"))
            .Where(i => ids.Contains(i.GetProperty("id").GetInt64()))
            .ToDictionary(i => i.GetProperty("id").GetInt64(), i => i.GetProperty("canAct").GetBoolean());

        Assert.Equal(new Dictionary<long, bool> { [coaching] = true }, await Mine(As("b")));
        Assert.Equal(new Dictionary<long, bool> { [coaching] = false, [own] = true, [hr] = false }, await Mine(As("s1")));
        Assert.Empty(await Mine(As("s2")));
        Assert.Empty(await Mine(As("k")));
        Assert.Equal(new Dictionary<long, bool> { [hr] = true }, await Mine(await HrAsync(_w.RegionA)));
        Assert.Empty(await Mine(await HrAsync(_w.RegionB)));
        Assert.Empty(await Mine(As("pimpinan")));
        Assert.Equal(HttpStatusCode.OK, await MoveAsync(As("s1"), own));
        var item = (await ListAsync(As("b"), "assignee=me")).Single(i => i.GetProperty("id").GetInt64() == coaching);
        Assert.Equal((_w.S1, "Staf Satu", "atasan", _w.B), (item.GetProperty("nip").GetString(), item.GetProperty("name").GetString(),
            item.GetProperty("assignee").GetProperty("role").GetString(), item.GetProperty("assignee").GetProperty("nip").GetString()));
        Assert.Equal("Tindak lanjut uji", item.GetProperty("title").GetString());
    }

    [Fact]
    public async Task UnitList_ForHrAndLeadersOfTheRegion_NotForEmployeesOrOtherRegions()
    {
        var id = await FollowUpSeed.ItemAsync(app.DataSource, _w.S2, "SANCTION", "pejabat_berwenang", "teguran_unit", "2025-09");
        var query = $"unit={_w.UnitA}";
        bool Has(List<JsonElement> items) => items.Any(i => i.GetProperty("id").GetInt64() == id);

        Assert.True(Has(await ListAsync(await HrAsync(_w.RegionA), query)));
        Assert.True(Has(await ListAsync(As("pimpinan"), query)));
        Assert.True(Has(await ListAsync(As("admin"), $"region={_w.RegionA}")));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await HrAsync(_w.RegionB)).GetAsync("/api/v1/followups?" + query)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As("b").GetAsync("/api/v1/followups?" + query)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/followups?" + query)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await As("admin").GetAsync("/api/v1/followups?unit=tidak-ada")).StatusCode);
        foreach (var bad in new[] { "", "assignee=kamu", $"assignee=me&unit={_w.UnitA}", $"{query}&state=selesai_semua" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await As("admin").GetAsync("/api/v1/followups?" + bad)).StatusCode);
        }
        var item = (await ListAsync(As("pimpinan"), query)).Single(i => i.GetProperty("id").GetInt64() == id);
        Assert.Equal(("sdm", "pejabat_berwenang", JsonValueKind.Null),
            (item.GetProperty("assignee").GetProperty("role").GetString(), item.GetProperty("assignee").GetProperty("actor").GetString(),
             item.GetProperty("assignee").GetProperty("nip").ValueKind));
    }

    [Fact]
    public async Task StateAndOverdueFilters_UseTheDueDayInTheRegion()
    {
        var late = await FollowUpSeed.ItemAsync(app.DataSource, _w.S2, "COACHING", "atasan", "bina_telat", "2025-10");
        var fresh = await FollowUpSeed.ItemAsync(app.DataSource, _w.S2, "COACHING", "atasan", "bina_baru", "2025-10");
        var doneLate = await FollowUpSeed.ItemAsync(app.DataSource, _w.S2, "REWARD", "atasan", "piagam_telat", "2025-10");
        await FollowUpSeed.SetAsync(app.DataSource, late, "diproses", due: new DateOnly(2025, 11, 14));
        await FollowUpSeed.SetAsync(app.DataSource, doneLate, "selesai", due: new DateOnly(2025, 11, 14),
            doneAt: new DateTimeOffset(2025, 12, 1, 3, 0, 0, TimeSpan.Zero));
        var b = As("b");
        HashSet<long> Ids(List<JsonElement> items) => items.Select(i => i.GetProperty("id").GetInt64()).Where(new[] { late, fresh, doneLate }.Contains).ToHashSet();

        Assert.Equal([late], Ids(await ListAsync(b, "assignee=me&overdue=true")));
        Assert.Equal(new HashSet<long> { fresh, doneLate }, Ids(await ListAsync(b, "assignee=me&overdue=false")));
        Assert.Equal([doneLate], Ids(await ListAsync(b, "assignee=me&state=selesai")));
        var item = (await ListAsync(b, "assignee=me")).Single(i => i.GetProperty("id").GetInt64() == late);
        Assert.Equal(("2025-11-14", true), (item.GetProperty("dueDate").GetString(), item.GetProperty("overdue").GetBoolean()));
    }
}
