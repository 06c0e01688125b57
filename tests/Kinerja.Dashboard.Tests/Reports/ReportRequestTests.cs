using System.Net;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;

namespace Kinerja.Dashboard.Tests.Reports;

/// <summary>Malformed report requests answer 400 naming the field; unknown scopes 404.</summary>
public sealed class ReportRequestTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;

    public async Task InitializeAsync() => _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "lq", 8200);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task MalformedRequests_Answer400NamingTheField()
    {
        var hr = await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionA);
        var cases = new (object Body, string[] Named)[]
        {
            (new { kind = "gaji", nip = _w.S1, period = "2025-07" }, ["'kind'"]),
            (new { nip = _w.S1, period = "2025-07" }, ["'kind'"]),
            (new { kind = "evaluation", regionId = _w.RegionA, nip = _w.S1, period = "2025-07" }, ["'regionId'", "'nip'"]),
            (new { kind = "evaluation", period = "2025-07" }, ["'regionId'", "'unitId'", "'nip'"]),
            (new { kind = "unit", regionId = _w.RegionA, period = "2025-07" }, ["'regionId'", "'unitId'"]),
            (new { kind = "evaluation", nip = "12345", period = "2025-07" }, ["'nip'"]),
            (new { kind = "tpp", unitId = _w.UnitA, period = "2025-13" }, ["'period'"]),
            (new { kind = "tpp", unitId = _w.UnitA, period = "Juli 2025" }, ["'period'"]),
            (new { kind = "tpp", unitId = _w.UnitA, period = "2025" }, ["'period'", "month"]),
            (new { kind = "evaluation", nip = _w.S1, period = "2025-Q3" }, ["'period'"]),
            (new { kind = "evaluation", nip = _w.S1, period = "2999-01" }, ["'period'", "future"]),
            (new { kind = "unit", unitId = _w.UnitA, period = "2999" }, ["'period'", "future"]),
        };
        foreach (var (body, named) in cases)
        {
            var (status, problem) = await ReportClient.PostAsync(hr, body);
            Assert.True(status == HttpStatusCode.BadRequest, $"{body}: {(int)status} {problem}");
            var detail = problem.GetProperty("detail").GetString()!;
            Assert.All(named, n => Assert.Contains(n, detail));
        }
        using var notJson = await hr.PostAsync("/api/v1/reports", new StringContent("{ kind: tpp", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task UnknownScopes_Answer404NamingTheField_AndUnknownJobs404()
    {
        var hr = await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionA);
        var (status, problem) = await ReportClient.PostAsync(hr, new { kind = "unit", unitId = "tidak-ada", period = "2025-07" });
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("'unitId'", problem.GetProperty("detail").GetString());
        (status, problem) = await ReportClient.PostAsync(hr, new { kind = "tpp", regionId = "tidak-ada", period = "2025-07" });
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("'regionId'", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync($"/api/v1/reports/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync($"/api/v1/reports/{Guid.NewGuid()}/file")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync("/api/v1/reports/bukan-id")).StatusCode);
    }
}
