using System.Net;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;

namespace Kinerja.Dashboard.Tests.Reports;

/// <summary>
/// Who may request and read which document: HR of the region every kind, leaders the unit report, an employee their own
/// evaluation, the direct superior their reports' evaluation; a job is read by its requester and HR of its region only.
/// </summary>
public sealed class ReportAccessTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;

    public async Task InitializeAsync() => _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "lr", 8300);

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient As(string who)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestUserHandler.Header, _w.Account(who));
        return client;
    }

    private async Task<HttpStatusCode> StatusAsync(HttpClient client, object body) => (await ReportClient.PostAsync(client, body)).Status;

    [Fact]
    public async Task Evaluation_OwnDirectSuperiorAndHrOfRegion_OthersRefused()
    {
        var body = new { kind = "evaluation", nip = _w.S1, period = "2025-05" };
        var matrix = new Dictionary<string, HttpStatusCode>
        {
            ["s1 (own)"] = await StatusAsync(As("s1"), body),
            ["b (direct superior)"] = await StatusAsync(As("b"), body),
            ["k (superior above)"] = await StatusAsync(As("k"), body),
            ["s2 (peer)"] = await StatusAsync(As("s2"), body),
            ["o (other region)"] = await StatusAsync(As("o"), body),
            ["sdm of region a"] = await StatusAsync(await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionA), body),
            ["sdm of region b"] = await StatusAsync(await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionB), body),
            ["pimpinan of region a"] = await StatusAsync(As("pimpinan"), body),
            ["anonymous"] = await StatusAsync(app.CreateClient(), body),
        };
        Assert.Equal(new Dictionary<string, HttpStatusCode>
        {
            ["s1 (own)"] = HttpStatusCode.Accepted, ["b (direct superior)"] = HttpStatusCode.Accepted,
            ["k (superior above)"] = HttpStatusCode.Forbidden, ["s2 (peer)"] = HttpStatusCode.Forbidden,
            ["o (other region)"] = HttpStatusCode.Forbidden, ["sdm of region a"] = HttpStatusCode.Accepted,
            ["sdm of region b"] = HttpStatusCode.Forbidden, ["pimpinan of region a"] = HttpStatusCode.Forbidden,
            ["anonymous"] = HttpStatusCode.Unauthorized,
        }, matrix);
    }

    [Fact]
    public async Task TppAndUnit_HrOfRegion_LeadersOnlyTheUnitReport_EmployeesNeither()
    {
        var tpp = new { kind = "tpp", unitId = _w.UnitA, period = "2025-05" };
        var unit = new { kind = "unit", unitId = _w.UnitA, period = "2025-05" };
        var hrA = await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionA);
        var hrB = await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionB);
        Assert.Equal(
            [HttpStatusCode.Accepted, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            [await StatusAsync(hrA, tpp), await StatusAsync(As("pimpinan"), tpp), await StatusAsync(As("k"), tpp), await StatusAsync(hrB, tpp)]);
        Assert.Equal(
            [HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            [await StatusAsync(hrA, unit), await StatusAsync(As("pimpinan"), unit), await StatusAsync(As("k"), unit), await StatusAsync(hrB, unit)]);
        Assert.Equal(HttpStatusCode.Accepted, await StatusAsync(hrA, new { kind = "tpp", regionId = _w.RegionA, period = "2025-05" }));
    }

    [Fact]
    public async Task Job_ReadByItsRequesterAndHrOfItsRegion_OthersGet404()
    {
        var id = await ReportClient.RequestAsync(As("s1"), new { kind = "evaluation", nip = _w.S1, period = "2025-06" });
        var hrA = await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionA);
        var hrB = await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionB);
        var (bytes, name, type) = await ReportClient.DownloadAsync(As("s1"), id);
        Assert.Equal(($"evaluasi-{_w.S1}-2025-06.pdf", "application/pdf"), (name, type));
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(HttpStatusCode.OK, (await hrA.GetAsync($"/api/v1/reports/{id}/file")).StatusCode);
        foreach (var other in new[] { As("s2"), As("b"), hrB, As("pimpinan") })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/reports/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/reports/{id}/file")).StatusCode);
        }
    }

    [Fact]
    public async Task LaporanPage_ForHr_OffersTheFormWithTheirRegionOnly()
    {
        var html = await (await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionA)).GetStringAsync("/laporan");
        Assert.Contains("id=\"form-laporan\"", html);
        Assert.Contains($"value=\"{_w.RegionA}\"", html);
        Assert.DoesNotContain($"value=\"{_w.RegionB}\"", html);
        Assert.Contains("/js/laporan-umum.js", html);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/reports/" + Guid.NewGuid())).StatusCode);
    }
}
