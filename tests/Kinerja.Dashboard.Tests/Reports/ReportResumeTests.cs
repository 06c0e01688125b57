using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;

namespace Kinerja.Dashboard.Tests.Reports;

/// <summary>
/// A job whose worker was killed mid-way (state berjalan, its lease run out) is claimed again and finished; one that
/// kept killing its workers is given up after the allowed attempts instead of looping.
/// </summary>
public sealed class ReportResumeTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;

    public async Task InitializeAsync() => _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "lk", 8600);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Guid> StaleJobAsync(string requestedBy, int attempts)
    {
        var id = Guid.NewGuid();
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into report_job (id, kind, unit_id, period, requested_by, scope_region_id, state, progress, attempts, lease_until,
                                    started_at)
            values (@id, 'unit', @unit, '2024-02', @requestedBy, @region, 'berjalan', 40, @attempts, now() - interval '5 minutes',
                    now() - interval '10 minutes')
            """, new { id, unit = _w.UnitA, requestedBy, region = _w.RegionA, attempts });
        return id;
    }

    [Fact]
    public async Task RunningJobWithAnExpiredLease_IsClaimedAgainAndFinished()
    {
        var hr = await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionA);
        var id = await StaleJobAsync(await app.UserAsync(AccessRoles.Sdm, _w.RegionA), attempts: 1);
        var job = await ReportClient.WaitAsync(hr, id);
        Assert.Equal(("selesai", 100), (job.GetProperty("state").GetString(), job.GetProperty("progress").GetInt32()));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>("select attempts from report_job where id = @id", new { id }));
        var (bytes, _, _) = await ReportClient.DownloadAsync(hr, id);
        Assert.Contains("LAPORAN KINERJA UNIT", await ReportClient.PdfTextAsync(bytes));
    }

    [Fact]
    public async Task JobThatKeptDying_IsFailedAfterTheAllowedAttempts()
    {
        var hr = await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionA);
        var id = await StaleJobAsync(await app.UserAsync(AccessRoles.Sdm, _w.RegionA), attempts: 3);
        var job = await ReportClient.WaitAsync(hr, id);
        Assert.Equal("gagal", job.GetProperty("state").GetString());
        Assert.Contains("Gave up after 3 attempts", job.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("file").ValueKind);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await hr.GetAsync($"/api/v1/reports/{id}/file")).StatusCode);
    }
}
