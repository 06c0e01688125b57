using System.Net;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Employees;
using static Kinerja.Dashboard.Tests.Skp.SkpImportRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// <c>POST /api/v1/skp/import/plans</c> (issue 17): CSV (BOM, CRLF, quoted commas, a formula cell kept as text) and JSON,
/// the cascade by the superior's RHK code, plans arriving approved with the import step, re-runs answered duplicate,
/// all or nothing per plan (a bad row rejects its plan and nothing else), a cycle refused, unreadable bodies, the access
/// matrix. Each test uses its own plan year, so the tests of this class never share a plan.
/// </summary>
public sealed class SkpImportPlanTests(LoopServerFactory app) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    private const string Url = "api/v1/skp/import/plans";
    private EmployeeWorld _w = null!;
    private LoopSessions _as = null!;

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "sim", 7900);
        _as = new LoopSessions(app, _w);
        await SeedIkuAsync(app.DataSource, _w);
    }

    public Task DisposeAsync()
    {
        _as.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task CsvImport_StoresApprovedPlansLinkedByCode_KeepsAFormulaAsText_AndAReRunIsDuplicate()
    {
        var y = Year - 2;
        var csv = Csv(true, PlanHeader,
            $"k-{y},{_w.K},{y},K1,utama,Kepala,,IKU-1,kuantitas,Dokumen,12,dokumen,",
            $"b-{y},{_w.B},{y},B1,utama,\"Bidang, dengan koma\",K1,,kuantitas,Laporan,4.5,laporan,",
            $"b-{y},{_w.B},{y},B1,utama,\"Bidang, dengan koma\",K1,,kualitas,Mutu,,,\"=HYPERLINK(\"\"http://jahat.example\"\",\"\"klik\"\")\"");
        var sdm = await _as.ClientAsync("sdm");
        var first = await PostAsync(sdm, Url, csv, "text/csv");
        Assert.True(first.Status == HttpStatusCode.OK, first.Body.ToString());
        Assert.Equal(["accepted", "accepted", "accepted"], Enumerable.Range(2, 3).Select(r => StatusAt(first.Body, r)));
        Assert.Equal(3, first.Body.GetProperty("accepted").GetInt32());

        var b = await ScalarAsync<string>(app.DataSource, """
            select p.status || '/' || p.version || '/' || (select string_agg(step, ',' order by id) from skp_plan_step where plan_id = p.id)
                   || '/' || (select pr.code from skp_rhk r join skp_rhk pr on pr.id = r.parent_rhk_id where r.plan_id = p.id)
            from skp_plan p where p.nip = @nip and p.year = @y and p.is_current
            """, new { nip = _w.B, y });
        Assert.Equal("disetujui/1/diimpor/K1", b);
        Assert.Equal("=HYPERLINK(\"http://jahat.example\",\"klik\")", await ScalarAsync<string>(app.DataSource, """
            select i.target_text from skp_indicator i join skp_rhk r on r.id = i.rhk_id join skp_plan p on p.id = r.plan_id
            where p.nip = @nip and p.year = @y and i.aspect = 'kualitas'
            """, new { nip = _w.B, y }));
        Assert.Equal("Bidang, dengan koma", await ScalarAsync<string>(app.DataSource,
            "select r.text from skp_rhk r join skp_plan p on p.id = r.plan_id where p.nip = @nip and p.year = @y", new { nip = _w.B, y }));

        var again = await PostAsync(sdm, Url, csv, "text/csv");
        Assert.Equal(["duplicate", "duplicate", "duplicate"], Enumerable.Range(2, 3).Select(r => StatusAt(again.Body, r)));
        Assert.Equal(2L, await ScalarAsync<long>(app.DataSource, "select count(*) from skp_plan where nip = any(@nips) and year = @y",
            new { nips = new[] { _w.K, _w.B }, y }));
    }

    [Fact]
    public async Task ABadRow_RejectsItsPlanWhole_AndLosesNothingElse()
    {
        var y = Year - 3;
        var csv = Csv(false, PlanHeader,
            $",{_w.K},{y},K1,utama,Kepala,,IKU-1,kuantitas,Dokumen,12,dokumen,",                 // 2 accepted
            $",{_w.B},{y},B1,utama,Bidang,K1,,kuantitas,Laporan,4,laporan,",                      // 3 accepted
            $"s1-{y},{_w.S1},{y},S1,utama,Staf,B1,,kuantitas,Surat,10,surat,",                    // 4 rejected with line 5
            $"s1-{y},{_w.S1},{y},S1,utama,Staf,B1,,waktu,Tepat waktu,,,secepatnya",              // 5 wrong target kind
            $"s2-{y},{_w.S2},{y},S2,utama,Staf dua,B9,,kuantitas,Surat,10,surat,",                // 6 unknown superior RHK
            $"u-{y},{_w.U},{y},U1,utama,Unit lain,,IKU-1,kuantitas");                             // 7 too few fields
        var answer = await PostAsync(await _as.ClientAsync("sdm"), Url, csv, "text/csv");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body.ToString());
        Assert.Equal(["accepted", "accepted", "rejected", "rejected", "rejected", "rejected"], Enumerable.Range(2, 6).Select(r => StatusAt(answer.Body, r)));
        Assert.Contains("targetValue: An indicator of aspect 'waktu' needs a numeric target", ErrorsAt(answer.Body, 5));
        Assert.Contains("rejected whole", ErrorsAt(answer.Body, 4));
        Assert.Contains("line(s) 5", ErrorsAt(answer.Body, 4));
        Assert.Contains("parentRhk: The direct superior", ErrorsAt(answer.Body, 6));
        Assert.Contains("no RHK with the code 'B9'", ErrorsAt(answer.Body, 6));
        Assert.Contains("The row has 9 field(s); the header has 13", ErrorsAt(answer.Body, 7));
        Assert.Equal(2L, await ScalarAsync<long>(app.DataSource, "select count(*) from skp_plan where year = @y", new { y }));
    }

    [Fact]
    public async Task JsonImport_UsesTheSameValidator_AndRefusesACycleInTheCascade()
    {
        var y = Year - 4;
        JsonObject PlanOf(string ext, string nip, params JsonObject[] rhk) => ImportPlan(ext, nip, y, rhk);
        var sdm = await _as.ClientAsync("sdm");
        var top = await PostAsync(sdm, Url, new JsonArray(PlanOf("k1", _w.K, Rhk("K1", null, "IKU-1")), PlanOf("b1", _w.B, ByCode("B1", "K1")),
            PlanOf("s1", _w.S1, ByCode("S1", "K1"))).ToJsonString(), "application/json");
        Assert.True(top.Status == HttpStatusCode.OK, top.Body.ToString());
        Assert.Equal(["accepted", "accepted", "rejected"], Enumerable.Range(1, 3).Select(r => StatusAt(top.Body, r)));
        Assert.Contains("rhk[0].parentRhk: The direct superior " + _w.B + " has no RHK with the code 'K1'", ErrorsAt(top.Body, 3));

        // the reference data now says K reports to B (a loop): K's new plan linking to B1 would cascade from itself
        await ScalarAsync<int>(app.DataSource, "update employee set supervisor_nip = @b where nip = @k returning 1", new { b = _w.B, k = _w.K });
        try
        {
            var cycle = await PostAsync(sdm, Url, new JsonArray(PlanOf("k2", _w.K, ByCode("K2", "B1"))).ToJsonString(), "application/json");
            Assert.Equal("rejected", StatusAt(cycle.Body, 1));
            Assert.Contains("rhk[0].parentRhk: Linking to RHK", ErrorsAt(cycle.Body, 1));
            Assert.Contains("would make a cycle", ErrorsAt(cycle.Body, 1));
        }
        finally
        {
            await ScalarAsync<int>(app.DataSource, "update employee set supervisor_nip = null where nip = @k returning 1", new { k = _w.K });
        }
        Assert.Equal(1L, await ScalarAsync<long>(app.DataSource, "select count(*) from skp_plan where nip = @k and year = @y", new { k = _w.K, y }));
    }

    [Fact]
    public async Task UnreadableBodies_AreRefusedWhole_WithASpecificError()
    {
        var y = Year - 5;
        var sdm = await _as.ClientAsync("sdm");
        var quotes = await PostAsync(sdm, Url, Csv(false, PlanHeader, $",{_w.K},{y},\"K1\"x,utama,Kepala,,IKU-1,kuantitas,Dokumen,12,dokumen,"), "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, quotes.Status);
        Assert.Contains("malformed", quotes.Body.GetProperty("detail").GetString());
        var header = await PostAsync(sdm, Url, Csv(false, "nip,year,rhkCode", $"{_w.K},{y},K1"), "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, header.Status);
        Assert.Contains("lacks the required column(s) rhkKind, rhkText, aspect, indicatorText", header.Body.GetProperty("detail").GetString());
        var type = await PostAsync(sdm, Url, "[]", "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, type.Status);
        var json = await PostAsync(sdm, Url, "{ \"nip\": ", "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, json.Status);
        Assert.StartsWith("HTTP/1.1 413", await DeclaredBodyStatusAsync(await _as.AsAsync("sdm"), app.BaseUri, Url, 10 * 1024 * 1024, "text/csv"));
        Assert.Equal(0L, await ScalarAsync<long>(app.DataSource, "select count(*) from skp_plan where year = @y", new { y }));
    }

    [Fact]
    public async Task OnlyHrAndAdmin_MayImport()
    {
        using var anonymous = new HttpClient { BaseAddress = app.BaseUri };
        foreach (var url in new[] { Url, "api/v1/skp/import/realisations", $"api/v1/units/{_w.UnitA}/iku/realisations" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, url, "[]", "application/json")).Status);
            foreach (var who in new[] { "s1", "k", "pimpinan" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(await _as.ClientAsync(who), url, "[]", "application/json")).Status);
            }
            foreach (var who in new[] { "sdm", "admin" })
            {
                var ok = await PostAsync(await _as.ClientAsync(who), url, "[]", "application/json");
                Assert.True(ok.Status == HttpStatusCode.OK, $"{who} {url}: {ok.Status} {ok.Body}");
            }
        }
    }
}
