using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.FollowUp;
using Kinerja.Dashboard.Tests.Infrastructure;

namespace Kinerja.Dashboard.Tests.Reports;

/// <summary>
/// The evaluation PDF (month and year) and the unit report PDF, read back with poppler's <c>pdftotext</c>: the predicate,
/// the identity, the hasil kerja and BerAKHLAK tables, triggers with their follow-ups, signatures and the stamp.
/// </summary>
public sealed class EvaluationDocumentTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;

    public async Task InitializeAsync()
    {
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "le", 8500);
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into employee_period_level (nip, period, rating_hasil_kerja, rating_perilaku, predikat, evaluated_at)
            values (@nip, '2024-05', 'SESUAI_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'BAIK', now()),
                   (@nip, '2024-06', 'DI_ATAS_EKSPEKTASI', 'DI_ATAS_EKSPEKTASI', 'SANGAT_BAIK', now())
            on conflict do nothing
            """, new { nip = _w.S1 });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient As(string who)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestUserHandler.Header, _w.Account(who));
        return client;
    }

    [Fact]
    public async Task MonthEvaluation_HasThePredicateOfTheRules_TablesTriggersAndSignatures()
    {
        await FollowUpSeed.ItemAsync(app.DataSource, _w.S1, "COACHING", "atasan", "bina_evaluasi", "2024-03", action: "Pembinaan oleh atasan langsung");
        var hr = await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionA);
        var snapshot = await hr.GetFromJsonAsync<JsonElement>($"/api/v1/indicators/employee/{_w.S1}?period=2024-03");
        using var tested = await hr.PostAsJsonAsync("/api/v1/rules/test", new { snapshot });
        var values = (await tested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetProperty("values");
        var predikat = values.TryGetProperty("predikat", out var p) && p.ValueKind == JsonValueKind.String
            ? Kinerja.Dashboard.Reports.ReportText.Level(p.GetString()) : "belum ditetapkan";

        var id = await ReportClient.RequestAsync(As("s1"), new { kind = "evaluation", nip = _w.S1, period = "2024-03" });
        var text = await ReportClient.PdfTextAsync((await ReportClient.DownloadAsync(As("s1"), id)).Bytes);

        Assert.Contains("DOKUMEN EVALUASI KINERJA PEGAWAI", text);
        Assert.Contains("Maret 2024", text);
        Assert.Contains($"Predikat Kinerja: {predikat}", text);
        Assert.Contains("Staf Satu", text);
        Assert.Contains($"{_w.S1[..8]} {_w.S1[8..14]} {_w.S1[14]} {_w.S1[15..]}", text);
        foreach (var row in new[] { "Rating Hasil Kerja", "Berorientasi Pelayanan", "Kolaboratif", "Rata-rata BerAKHLAK", "Atasan",
                     "Rekan kerja", "Masyarakat", "BINA_EVALUASI", "Pembinaan oleh atasan", "baru", "Pejabat Penilai Kinerja",
                     "Kepala Bidang Uji", "Versi aturan:", "Waktu data:" })
        {
            Assert.Contains(row, text);
        }
    }

    [Fact]
    public async Task YearEvaluation_WithoutAnAnnualPredicate_IsRenderedFromTheMonthsAndSaysSo()
    {
        var hr = await app.ClientAsAsync(AccessRoles.Sdm, _w.RegionA);
        var id = await ReportClient.RequestAsync(hr, new { kind = "evaluation", nip = _w.S1, period = "2024" });
        var (bytes, name, _) = await ReportClient.DownloadAsync(hr, id);
        Assert.Equal($"evaluasi-{_w.S1}-2024.pdf", name);
        var text = await ReportClient.PdfTextAsync(bytes);
        Assert.Contains("Tahun 2024", text);
        Assert.Contains("Predikat tahunan belum dihitung", text);
        Assert.Contains("2 bulan yang tersedia", text);
        Assert.Matches(@"Mei 2024\s+Sesuai Ekspektasi\s+Sesuai Ekspektasi\s+Baik", text);
        Assert.Matches(@"Juni 2024\s+Di Atas Ekspektasi\s+Di Atas Ekspektasi\s+Sangat Baik", text);

        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                insert into employee_period_level (nip, period, rating_hasil_kerja, rating_perilaku, predikat, evaluated_at)
                values (@nip, '2023', 'SESUAI_EKSPEKTASI', 'DI_ATAS_EKSPEKTASI', 'BAIK', now()) on conflict do nothing
                """, new { nip = _w.S1 });
        }
        var annual = await ReportClient.PdfTextAsync((await ReportClient.DownloadAsync(hr,
            await ReportClient.RequestAsync(hr, new { kind = "evaluation", nip = _w.S1, period = "2023" }))).Bytes);
        Assert.Contains("Predikat Kinerja: Baik", annual);
        Assert.Contains("Rating Perilaku: Di Atas Ekspektasi", annual);
        Assert.DoesNotContain("belum dihitung", annual);
    }

    [Fact]
    public async Task UnitReport_HasTheDistributionAttendanceIkmAndFollowUps()
    {
        var id = await ReportClient.RequestAsync(As("pimpinan"), new { kind = "unit", unitId = _w.UnitA, period = "2024-04" });
        var (bytes, name, _) = await ReportClient.DownloadAsync(As("pimpinan"), id);
        Assert.Equal($"laporan-unit-{_w.UnitA}-2024-04.pdf", name);
        var text = await ReportClient.PdfTextAsync(bytes);
        foreach (var row in new[] { "LAPORAN KINERJA UNIT", "April 2024", "Distribusi Predikat Kinerja", "Sangat Baik", "Butuh Perbaikan",
                     "Kehadiran dan Aktivitas", "TKS (hari-orang)", "Indeks Kepuasan Masyarakat (IKM)", "Responden", "Selesai tepat waktu",
                     "Lewat batas", "Versi aturan:" })
        {
            Assert.Contains(row, text);
        }
        Assert.Matches(@"Pegawai: 4", text);
    }
}
