using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Kinerja.Dashboard.Tests.Access;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>
/// The annual predicate on the employee API (issue 19): <c>GET /api/v1/me?period=YYYY</c> gives the year's snapshot with
/// the predicate the rules stored for period <c>YYYY</c>; a period that is neither a month nor a year is a 400.
/// </summary>
public sealed class MeAnnualPredicateTests(LoopServerFactory app) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;
    private LoopSessions _as = null!;

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "mth", 8100);
        _as = new LoopSessions(app, _w);
    }

    public Task DisposeAsync()
    {
        _as.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Year_StoredAnnualLevels_AreTheSnapshotsPredicate()
    {
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                insert into employee_period_level (nip, period, rating_hasil_kerja, rating_perilaku, predikat)
                values (@nip, '2025', 'DI_ATAS_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'BAIK')
                on conflict (nip, period) do nothing
                """, new { nip = _w.S1 });
        }
        var client = await _as.ClientAsync("s1");
        var me = await client.GetFromJsonAsync<JsonElement>("api/v1/me?period=2025");
        var snapshot = me.GetProperty("snapshot");
        Assert.Equal(("2025", "BAIK"), (snapshot.GetProperty("period").GetString(), snapshot.GetProperty("predikat").GetString()));
        // the year before has no annual evaluation: no predicate
        var before = await client.GetFromJsonAsync<JsonElement>("api/v1/me?period=2024");
        Assert.Equal(JsonValueKind.Null, before.GetProperty("snapshot").GetProperty("predikat").ValueKind);
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-Q1")]
    [InlineData("tahun-lalu")]
    public async Task BadPeriod_400NamingIt(string period)
    {
        var res = await (await _as.ClientAsync("s2")).GetAsync("api/v1/me?period=" + period);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains(period, await res.Content.ReadAsStringAsync());
    }
}
