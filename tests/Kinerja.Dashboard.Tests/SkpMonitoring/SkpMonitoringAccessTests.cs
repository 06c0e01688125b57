using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kinerja.Dashboard.Tests.SkpMonitoring;

/// <summary>
/// Who may read the SKP monitoring (API and page) and the board panels API: HR (sdm reads every region), a leader of the
/// region; not a leader of another region, an employee (pegawai) or anonymous. Bad input gets a specific 400/404.
/// </summary>
public sealed class SkpMonitoringAccessTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;

    public async Task InitializeAsync() => _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "pma", 8300);

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Named(string? user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(TestUserHandler.Header, user);
        }
        return client;
    }

    private async Task<Dictionary<string, HttpStatusCode>> MatrixAsync(string url) => new()
    {
        ["sdm"] = (await Named(_w.Account("sdm")).GetAsync(url)).StatusCode,
        ["pimpinan of region a"] = (await Named(_w.Account("pimpinan")).GetAsync(url)).StatusCode,
        ["pimpinan of region b"] = (await Named(await app.UserAsync(AccessRoles.Pimpinan, _w.RegionB)).GetAsync(url)).StatusCode,
        ["pegawai (kepala of the unit)"] = (await Named(_w.Account("k")).GetAsync(url)).StatusCode,
        ["anonymous"] = (await Named(null).GetAsync(url)).StatusCode,
    };

    [Theory]
    [InlineData("/api/v1/skp/monitoring?regionId={0}")]
    [InlineData("/api/v1/skp/monitoring?regionId={0}&unitId={0}-dinas&year=2025&period=2025-Q2")]
    [InlineData("/api/v1/board/units?regionId={0}")]
    public async Task Api_HrAndLeadersOfTheRegionOnly(string url)
    {
        var matrix = await MatrixAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, _w.RegionA));

        Assert.Equal(new Dictionary<string, HttpStatusCode>
        {
            ["sdm"] = HttpStatusCode.OK, ["pimpinan of region a"] = HttpStatusCode.OK, ["pimpinan of region b"] = HttpStatusCode.Forbidden,
            ["pegawai (kepala of the unit)"] = HttpStatusCode.Forbidden, ["anonymous"] = HttpStatusCode.Unauthorized,
        }, matrix);
    }

    [Fact]
    public async Task Page_HrAndLeadersOfTheRegionOnly_WithTheUnitFilter()
    {
        var url = $"/pemantauan-skp?regionId={_w.RegionA}&unitId={_w.UnitA}";
        var matrix = await MatrixAsync(url);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (matrix["sdm"], matrix["pimpinan of region a"]));
        Assert.Contains(matrix["pimpinan of region b"], new[] { HttpStatusCode.Forbidden, HttpStatusCode.Redirect });
        Assert.Contains(matrix["pegawai (kepala of the unit)"], new[] { HttpStatusCode.Forbidden, HttpStatusCode.Redirect });
        Assert.Contains(matrix["anonymous"], new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Redirect });
        var html = await Named(_w.Account("pimpinan")).GetStringAsync(url);
        Assert.Contains("data-group=\"region:" + _w.RegionA + "\"", html);
        Assert.Contains("value=\"" + _w.UnitA + "\" selected", html);
        Assert.Contains("Belum ada SKP disetujui", html);
    }

    [Fact]
    public async Task Monitoring_NamesTheEmployeesForLeaders_AndRefusesBadInput()
    {
        var leader = Named(_w.Account("pimpinan"));

        var report = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/skp/monitoring?regionId={_w.RegionA}&year=2025&period=2025-03");

        var unit = report.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == _w.UnitA);
        Assert.Equal(4, unit.GetProperty("employees").GetInt32());
        Assert.Equal(new[] { "Kepala Bidang Uji", "Kepala Dinas Uji", "Staf Dua", "Staf Satu" },
            unit.GetProperty("noPlan").EnumerateArray().Select(e => e.GetProperty("name").GetString()).Order());
        Assert.Equal(("2025-03", "2025-04-05", "2025-04-10"), (report.GetProperty("period").GetString(),
            report.GetProperty("realisationDue").GetString(), report.GetProperty("assessmentDue").GetString()));
        var hr = Named(_w.Account("sdm"));
        foreach (var (url, status, words) in new[]
        {
            ("/api/v1/skp/monitoring", HttpStatusCode.BadRequest, "regionId"),
            ($"/api/v1/skp/monitoring?regionId={_w.RegionA}&period=2025", HttpStatusCode.BadRequest, "YYYY-MM or YYYY-Qn"),
            ($"/api/v1/skp/monitoring?regionId={_w.RegionA}&year=99", HttpStatusCode.BadRequest, "between 2000 and 2100"),
            ($"/api/v1/skp/monitoring?regionId={_w.RegionA}&unitId={_w.Prefix}-b-dinas", HttpStatusCode.NotFound, "has no unit"),
            ("/api/v1/skp/monitoring?regionId=tidak-ada", HttpStatusCode.NotFound, "No region"),
        })
        {
            var response = await hr.GetAsync(url);
            Assert.True(response.StatusCode == status, $"{url}: {(int)response.StatusCode}");
            Assert.Contains(words, await response.Content.ReadAsStringAsync());
        }
    }
}
