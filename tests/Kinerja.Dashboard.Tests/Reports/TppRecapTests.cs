using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;

namespace Kinerja.Dashboard.Tests.Reports;

/// <summary>
/// The TPP recap of a region, read back with the Open XML SDK: one sheet per unit, NIP as text, figures as numbers with
/// id-ID formats, and every figure equal to the API's (the indicators snapshot, and the tpp outputs of
/// <c>POST /api/v1/rules/test</c> for that snapshot) with the rule file and version that computed it.
/// </summary>
public sealed class TppRecapTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private const string Month = "2025-07";
    private EmployeeWorld _w = null!;

    public async Task InitializeAsync()
    {
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "lt", 8400);
        await using var conn = await app.DataSource.OpenConnectionAsync();
        // Distinct figures per employee: approved minutes, attendance, lateness and days without notice (TKS) in July 2025.
        var plan = new (string Nip, int Days, int Minutes, int Late, int Tks, decimal Ceiling)[]
        {
            (_w.K, 20, 420, 0, 0, 12_500_000m), (_w.B, 18, 360, 2, 1, 8_000_000m), (_w.S1, 15, 300, 3, 3, 4_000_000m),
            (_w.S2, 10, 240, 1, 5, 3_750_000m), (_w.U, 19, 400, 0, 0, 3_500_000m),
        };
        foreach (var (nip, days, minutes, late, tks, ceiling) in plan)
        {
            await conn.ExecuteAsync("update employee set tpp_ceiling = @ceiling, status = @status where nip = @nip",
                new { nip, ceiling, status = nip == _w.S2 ? "CPNS" : "PNS" });
            var workdays = Enumerable.Range(1, 31).Select(d => new DateOnly(2025, 7, d))
                .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
            for (var i = 0; i < days + tks; i++)
            {
                var status = i < late ? "terlambat" : i < days ? "hadir" : "tanpa_keterangan";
                await conn.ExecuteAsync("""
                    insert into employee_day (nip, day, activity_count, minutes_approved, attendance_status, late_minutes)
                    values (@nip, @day, @count, @minutes, @status, @late)
                    """, new { nip, day = workdays[i], count = i < days ? 1 : 0, minutes = i < days ? minutes : 0, status,
                    late = status == "terlambat" ? 17 : 0 });
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RegionRecap_OneSheetPerUnit_FiguresEqualTheApis()
    {
        var hr = await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionA);
        var id = await ReportClient.RequestAsync(hr, new { kind = "tpp", regionId = _w.RegionA, period = Month });
        var (bytes, name, type) = await ReportClient.DownloadAsync(hr, id);
        Assert.Equal(($"rekap-tpp-{_w.RegionA}-{Month}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (name, type));
        var job = await hr.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{id}");
        Assert.Equal(64, job.GetProperty("file").GetProperty("sha256").GetString()!.Length);
        var tppVersion = job.GetProperty("ruleVersions").GetProperty("tpp").GetInt32();

        var book = XlsxReader.Read(bytes);
        Assert.Equal(new[] { _w.UnitA, _w.Prefix + "-a-lain" }.Order(), book.Keys.Order());
        var dinas = book[_w.UnitA];
        Assert.Equal("Rekap Tambahan Penghasilan Pegawai (TPP)", dinas["A1"].Value);
        Assert.Equal(Month, dinas["B4"].Value);
        Assert.Contains($"tpp v{tppVersion}", dinas["B6"].Value);
        Assert.Equal(("NIP", "TKS (hari)", "TPP (%)"), (dinas["A7"].Value, dinas["M7"].Value, dinas["Q7"].Value));

        var rows = dinas.Keys.Where(k => k.StartsWith('A') && int.Parse(k[1..]) > 7).Select(k => int.Parse(k[1..])).Order().ToList();
        Assert.Equal(new[] { _w.B, _w.K, _w.S1, _w.S2 }.Order(), rows.Select(r => dinas[$"A{r}"].Value).Order());
        Assert.Single(book[_w.Prefix + "-a-lain"].Keys, k => k.StartsWith('A') && int.Parse(k[1..]) > 7);
        foreach (var r in rows)
        {
            var nip = dinas[$"A{r}"].Value;
            Assert.True(dinas[$"A{r}"].IsText, $"NIP {nip} must be stored as text");
            var snapshot = await hr.GetFromJsonAsync<JsonElement>($"/api/v1/indicators/employee/{nip}?period={Month}");
            using var tested = await hr.PostAsJsonAsync("/api/v1/rules/test", new { snapshot, workflow = "tpp" });
            var outcome = (await tested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetProperty("values");
            double Cell(string column) => double.Parse(dinas[$"{column}{r}"].Value, CultureInfo.InvariantCulture);
            Assert.Equal(
                (snapshot.GetProperty("attendanceHadir").GetInt32(), snapshot.GetProperty("attendanceTerlambat").GetInt32(),
                 snapshot.GetProperty("lateMinutes").GetInt32(), snapshot.GetProperty("tksDays").GetInt32(),
                 snapshot.GetProperty("activityMinutes").GetInt32(), outcome.GetProperty("tppPercent").GetDouble(),
                 (double)outcome.GetProperty("tppEstimate").GetDecimal(), snapshot.GetProperty("tppCeiling").GetDouble()),
                ((int)Cell("F"), (int)Cell("G"), (int)Cell("H"), (int)Cell("M"), (int)Cell("N"), Cell("Q"), Cell("S"), Cell("R")));
            Assert.Equal($"tpp v{tppVersion}", dinas[$"T{r}"].Value);
            Assert.False(dinas[$"Q{r}"].IsText);
            Assert.Equal("[$-421]#,##0.00", dinas[$"Q{r}"].Format);
        }
        // the seeded figures are really there (a recap of zeros would equal an API of zeros too)
        var s1 = rows.Single(r => dinas[$"A{r}"].Value == _w.S1);
        var k = rows.Single(r => dinas[$"A{r}"].Value == _w.K);
        Assert.Equal(("3", "4500", "Staf Satu"), (dinas[$"G{s1}"].Value, dinas[$"N{s1}"].Value, dinas[$"B{s1}"].Value));
        Assert.NotEqual(dinas[$"Q{s1}"].Value, dinas[$"Q{k}"].Value);
    }
}
