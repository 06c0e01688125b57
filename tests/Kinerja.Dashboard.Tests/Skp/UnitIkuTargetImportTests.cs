using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Kinerja.Dashboard.Cli;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using static Kinerja.Dashboard.Tests.Skp.SkpImportRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;
using static Kinerja.Dashboard.Tests.Skp.UnitIkuTargetRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// Bulk import of units' IKU targets (<c>POST /api/v1/skp/import/iku</c>, CSV or JSON, and the CLI's <c>import iku-targets</c>):
/// the checks of <c>PUT /api/v1/units/{unitId}/iku</c> per row, good rows kept beside rejected ones, a re-run answered
/// <c>duplicate</c> and changing nothing, a file that cannot be read at all imports nothing.
/// </summary>
public sealed class UnitIkuTargetImportTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private const string Url = "/api/v1/skp/import/iku";
    private const string Header = "unitId,year,code,name,targetValue,targetUnit,periodTargets";
    private EmployeeWorld _w = null!;

    private static int PlanYear => Year - 1;

    public async Task InitializeAsync() => _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "iki", 8800);

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Hr => As(app, _w.Account("sdm"));

    private Task<long> CountAsync(string unit) =>
        ScalarAsync<long>(app.DataSource, "select count(*) from unit_iku where unit_id = @unit", new { unit });

    [Fact]
    public async Task Csv_MalformedRowsAreRejectedOneByOne_GoodRowsKept_AndAReRunIsAllDuplicates()
    {
        var y = PlanYear;
        var u = _w.UnitA;
        var csv = Csv(true, Header,
            $"{u},{y},CSV-1,\"Indeks kepuasan, layanan publik\",85.5,indeks,{y}-Q1=80;{y}-Q2=82",   // 2 accepted (a quoted comma)
            $"{u},{y},CSV-2,Dokumen perencanaan,12,dokumen,",                                           // 3 accepted
            $"{u},{y},CSV-3,Nilai,dua belas,dokumen,",                                                 // 4 not a number
            $"{u},{y},CSV-4,Nilai,-3,dokumen,",                                                        // 5 negative
            $"{u},{y},CSV-5,Nilai,3,dokumen,{y + 1}-Q1=1",                                             // 6 period outside the year
            $"tidak-ada,{y},CSV-6,Nilai,3,dokumen,",                                                   // 7 unknown unit
            $"{u},{y + 9},CSV-7,Nilai,3,dokumen,",                                                     // 8 year out of bounds
            $"{u},{y},CSV-8,Nilai,3",                                                                  // 9 too few fields
            $"{u},{y},CSV-1,Lagi,1,dokumen,",                                                          // 10 same IKU twice in the file
            $"{u},{y},=HYPERLINK(x),Nilai,3,dokumen,");                                                    // 11 a formula is not a code

        var first = await PostAsync(Hr, Url, csv, "text/csv");

        Assert.True(first.Status == HttpStatusCode.OK, first.Body.ToString());
        Assert.Equal(["accepted", "accepted", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected"],
            Enumerable.Range(2, 10).Select(r => StatusAt(first.Body, r)));
        Assert.Contains("targetValue: targetValue must be a number", ErrorsAt(first.Body, 4));
        Assert.Contains("targetValue: targetValue cannot be negative", ErrorsAt(first.Body, 5));
        Assert.Contains($"is not a month (YYYY-MM) or quarter (YYYY-Qn) of {y}", ErrorsAt(first.Body, 6));
        Assert.Contains("unitId: No unit has the id 'tidak-ada'", ErrorsAt(first.Body, 7));
        Assert.Contains("year: year must be between", ErrorsAt(first.Body, 8));
        Assert.Contains("the header has 7", ErrorsAt(first.Body, 9));
        Assert.Contains("already on row 2 of this import", ErrorsAt(first.Body, 10));
        Assert.Contains("code: code may hold letters", ErrorsAt(first.Body, 11));
        Assert.Equal(2L, await CountAsync(u));
        Assert.Equal("""{"2025-Q1": 80, "2025-Q2": 82}""".Replace("2025", y.ToString()), await ScalarAsync<string>(app.DataSource,
            "select period_targets::text from unit_iku where unit_id = @u and code = 'CSV-1'", new { u }));

        var again = await PostAsync(Hr, Url, csv, "text/csv");

        Assert.Equal(["duplicate", "duplicate"], Enumerable.Range(2, 2).Select(r => StatusAt(again.Body, r)));
        Assert.Equal(2L, await ScalarAsync<long>(app.DataSource,
            "select count(*) from audit where action = 'unit.iku' and detail->>'code' in ('CSV-1', 'CSV-2')", new { }));
    }

    [Fact]
    public async Task Json_WrongTypesAreRejectedPerItem_AndAChangedRowUpdates()
    {
        var unit = _w.Prefix + "-a-lain";
        var rows = new JsonArray(
            Iku(PlanYear, "JS-1").Also(o => o["unitId"] = unit),
            new JsonObject { ["unitId"] = unit, ["year"] = PlanYear, ["code"] = 7, ["name"] = true, ["targetValue"] = "9", ["targetUnit"] = new JsonArray() },
            JsonValue.Create("bukan objek"));

        var first = await PostAsync(Hr, Url, rows.ToJsonString(), "application/json");
        rows[0]!["targetValue"] = 95;
        var second = await PostAsync(Hr, Url, rows.ToJsonString(), "application/json");

        Assert.Equal(["accepted", "rejected", "rejected"], Enumerable.Range(1, 3).Select(r => StatusAt(first.Body, r)));
        var wrong = ErrorsAt(first.Body, 2);
        Assert.All(["code: code must be a text", "name: name must be a text", "targetValue: targetValue must be a number", "targetUnit: targetUnit must be a text"],
            m => Assert.Contains(m, wrong));
        Assert.Contains("Each item must be an object", ErrorsAt(first.Body, 3));
        Assert.Equal("accepted", StatusAt(second.Body, 1));
        Assert.Equal(95m, await ScalarAsync<decimal>(app.DataSource, "select target_value from unit_iku where unit_id = @unit and code = 'JS-1'", new { unit }));
    }

    [Fact]
    public async Task UnreadableBodies_Are400Or415_AndImportNothing()
    {
        var before = await CountAsync(_w.UnitA);
        var unknownColumn = await PostAsync(Hr, Url, Csv(false, Header + ",rahasia", $"{_w.UnitA},{PlanYear},X,n,1,u,,1"), "text/csv");
        var missingColumn = await PostAsync(Hr, Url, Csv(false, "unitId,year,code", $"{_w.UnitA},{PlanYear},X"), "text/csv");
        var brokenQuote = await PostAsync(Hr, Url, Csv(false, Header, $"{_w.UnitA},{PlanYear},X,\"n\"x,1,u,"), "text/csv");
        var notArray = await PostAsync(Hr, Url, "{\"unitId\":\"x\"}", "application/json");
        var form = await PostAsync(Hr, Url, "unitId=x", "application/x-www-form-urlencoded");

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest,
            HttpStatusCode.UnsupportedMediaType], new[] { unknownColumn, missingColumn, brokenQuote, notArray, form }.Select(r => r.Status));
        Assert.Contains("unknown column(s) 'rahasia'", unknownColumn.Body.GetProperty("detail").GetString());
        Assert.Contains("lacks the required column(s) name, targetValue, targetUnit", missingColumn.Body.GetProperty("detail").GetString());
        Assert.Equal(before, await CountAsync(_w.UnitA));
    }

    [Fact]
    public async Task Cli_ImportIkuTargets_ExitCodeSaysWhetherRowsWereRejected_AndAReRunIsANoOp()
    {
        var dir = Directory.CreateTempSubdirectory("kinerja-iku-targets-").FullName;
        try
        {
            var unit = _w.Prefix + "-b-dinas";
            var good = Path.Combine(dir, "iku.csv");
            await File.WriteAllTextAsync(good, Csv(false, Header, $"{unit},{PlanYear},CLI-1,Capaian,70,persen,{PlanYear}-Q4=70"));
            var bad = Path.Combine(dir, "iku.json");
            await File.WriteAllTextAsync(bad, new JsonArray(Iku(PlanYear, "CLI-2", value: -1).Also(o => o["unitId"] = unit)).ToJsonString());
            Task<int> Run(string file) => CliCommands.RunAsync(["import", "iku-targets", file, $"--ConnectionStrings:Kinerja={app.ConnectionString}"]);

            Assert.Equal((0, 0, 1), (await Run(good), await Run(good), await Run(bad)));
            await using var conn = await app.DataSource.OpenConnectionAsync();
            Assert.Equal(("Capaian", "cli"), await conn.QuerySingleAsync<(string, string)>("""
                select i.name, (select actor from audit where action = 'unit.iku' and detail->>'code' = 'CLI-1')
                from unit_iku i where unit_id = @unit and code = 'CLI-1'
                """, new { unit }));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
