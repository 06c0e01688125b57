using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Kinerja.Rules.Api;
using Kinerja.Rules.Hosting;
using Kinerja.Testing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Rules.Tests;

/// <summary>
/// The API wiring (AddKinerjaRules + the RulesApi endpoint groups) in a small real host over the test database:
/// handlers bind, return problem details, and run the lifecycle end to end.
/// </summary>
public sealed class RulesApiTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private RulesApiHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await RulesApiHost.StartAsync(db);
        _http = _host.Http;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static object Candidate(string workflow, string from, string to) =>
        new { workflows = RulesServiceHarness.Edited(workflow, from, to).Select(s => JsonDocument.Parse(s.Json).RootElement).ToArray() };

    [Fact]
    public async Task GetRules_AfterStart_ListsActiveVersionOne()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("/api/v1/rules");
        Assert.Equal(1, body.GetProperty("active").GetProperty("predikat").GetInt32());
        Assert.Equal(7, body.GetProperty("workflows").GetArrayLength());
    }

    [Fact]
    public async Task Validate_BrokenCandidate_ProblemDetailsNamingTheRule()
    {
        var res = await _http.PostAsJsonAsync("/api/v1/rules/validate",
            Candidate("disiplin", "snapshot.TksDaysYtd == 3", "snapshot.TksDaysYtd == snapshot.Nip"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        var problem = await res.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("request#1 / disiplin / teguran_lisan", out _));
    }

    [Fact]
    public async Task Test_SnapshotAgainstActive_ReturnsEventsAndValues()
    {
        var res = await _http.PostAsJsonAsync("/api/v1/rules/test", new { snapshot = new { hasilKerjaAvg = 4.5, berAkhlakAvg = 3.5 } });
        res.EnsureSuccessStatusCode();
        var body = await res.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("BAIK", body.GetProperty("outcome").GetProperty("values").GetProperty("predikat").GetString());
    }

    [Fact]
    public async Task Test_NoSnapshot_RunsFolderFixtures()
    {
        var body = await _http.PostAsJsonAsync("/api/v1/rules/test", new { });
        var json = await body.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(json.GetProperty("passed").GetInt32() > 50);
        Assert.Equal(0, json.GetProperty("failures").GetArrayLength());
    }

    [Fact]
    public async Task PublishThenRollback_ViaApi_VersionsMoveAndVersionDetailShowsDiff()
    {
        var pub = await _http.PostAsJsonAsync("/api/v1/rules/publish", new
        {
            ((dynamic)Candidate("pembinaan", "capaianAktivitas < 50", "capaianAktivitas < 40")).workflows,
            author = "hr@bkd", note = "lebih longgar",
        });
        Assert.True(pub.IsSuccessStatusCode, await pub.Content.ReadAsStringAsync());
        var version = (await pub.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions")[0].GetProperty("version").GetInt32();
        var detail = await _http.GetFromJsonAsync<JsonElement>($"/api/v1/rules/pembinaan/versions/{version}");
        Assert.Equal("aktivitas_jauh_di_bawah_target", detail.GetProperty("diffFromPrevious").GetProperty("changed")[0].GetString());
        Assert.Equal("hr@bkd", detail.GetProperty("author").GetString());
        var rb = await _http.PostAsJsonAsync("/api/v1/rules/rollback", new { workflow = "pembinaan", version = 1, author = "hr@bkd" });
        rb.EnsureSuccessStatusCode();
        Assert.Equal(1, _host.App.Services.GetRequiredService<ActiveRuleSet>().Require().Versions["pembinaan"]);
        var missing = await _http.PostAsJsonAsync("/api/v1/rules/rollback", new { workflow = "pembinaan", version = 99, author = "x" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Backtest_WithoutSnapshotSource_ServiceUnavailableProblem()
    {
        var res = await _http.PostAsJsonAsync("/api/v1/rules/backtest", new
        {
            ((dynamic)Candidate("disiplin", "snapshot.TksDaysYtd == 3", "snapshot.TksDaysYtd == 2")).workflows, from = "2026-01", to = "2026-03",
        });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, res.StatusCode);
    }

    [Fact]
    public async Task Triggers_FilterByNip_ReturnsStoredWithExplanation()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "manokwari", "bkpsdm-mkw", 1, 900, "Asia/Jayapura");
        var eval = _host.App.Services.GetRequiredService<RuleEvaluationService>();
        await eval.EvaluateAndStoreAsync([new() { Nip = nips[1], UnitId = "bkpsdm-mkw", Period = "2026-10", TksDaysYtd = 28 }], null, CancellationToken.None);
        var rows = await _http.GetFromJsonAsync<JsonElement>($"/api/v1/triggers?nip={nips[1]}&region=manokwari");
        var t = Assert.Single(rows.EnumerateArray());
        Assert.Equal("PEMBERHENTIAN", t.GetProperty("code").GetString());
        Assert.Contains("pemberhentian", t.GetProperty("explanation").GetProperty("expression").GetString());
    }
}
