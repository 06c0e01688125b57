using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kinerja.EndToEnd.Tests;

/// <summary>
/// Issue 17's cycle in two browser contexts and the unit board, nothing reloaded: the employee drafts an SKP plan on
/// <c>/saya</c> (a server field error shown at its field) → submits → the superior returns it with a note on <c>/tim</c> →
/// the employee reads the note, fixes, resubmits → the superior approves → the employee files a realisation with an
/// uploaded PDF (a refused non-PDF first, with the server's 415 said in Indonesian) → the superior sees it with its
/// evidence and assesses the RHK utama "di atas ekspektasi" → through the live rules the employee's rating hasil kerja
/// (lowered to di bawah by the superior's scores beforehand) and predicate change on /saya without reload (the
/// <c>IndicatorsChanged</c> hint after the rules stored the levels), and the unit board's predicate distribution moves. The plan's year and period are the product clock's (faketime-safe: the
/// whole test stays inside one month of the region).
/// </summary>
public sealed partial class SkpCycleTests(LiveServer server) : IClassFixture<LiveServer>
{
    private const string Unit = "bappeda";
    private const string Employee = "skp-pegawai";
    private const string Superior = "skp-atasan";

    [Fact]
    public async Task Plan_return_fix_approve_realise_with_evidence_assess_moves_the_rating_and_the_board()
    {
        var staff = server.Data.InUnit(Unit);
        var (superiorNip, employeeNip) = (staff[0].Nip, staff[2].Nip);
        await server.AddEmployeeAccountAsync(Employee, employeeNip);
        await server.AddEmployeeAccountAsync(Superior, superiorNip);
        var now = server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var year = now.ToOffset(TimeSpan.FromHours(7)).Year;
        // this month's hasil kerja from the superior's scores is lowered to di bawah ekspektasi, so the SKP rating
        // (di atas) moves the employee's predicate whatever the seeded scores were
        var month = now.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await ShowcaseData.PostAllAsync(server.Client(), "/api/v1/ratings", [.. Enumerable.Range(0, 6).Select(_ => (object)new
        {
            eventId = Guid.NewGuid(), nip = employeeNip, raterRole = "atasan", aspect = "hasil_kerja", score = 1, period = month,
            occurredAt = now.AddMinutes(-30),
        })]);
        await using (var conn = await server.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                insert into unit_iku (unit_id, year, code, name, target_value, target_unit)
                values (@Unit, @year, 'IKU-1', 'Dokumen perencanaan tepat waktu', 100, 'persen')
                """, new { Unit, year });
        }

        var tim = await OpenAsync(1280, 900, Superior, "/tim");
        // the superior's own plan (the head of the unit cascades from the unit's IKU); their report's RHK serves its RHK
        var own = await tim.APIRequest.PostAsync($"/api/v1/me/skp?year={year}", new()
        {
            DataObject = new
            {
                version = 0,
                rhk = new[] { new { code = "RHK-A", kind = "utama", text = "Dokumen RKPD tersusun tepat waktu", parentIku = "IKU-1",
                    indicators = new[] { new { aspect = "kuantitas", text = "Dokumen tersusun", target = new { value = 1, unit = "dokumen" } } } } },
            },
        });
        Assert.True(own.Ok, await own.TextAsync());
        var superiorRhkId = Regex.Match(await own.TextAsync(), "\"rhk\":\\[\\{\"id\":(\\d+)").Groups[1].Value;

        var saya = await OpenAsync(390, 844, Employee, "/saya");
        var board = await server.NewPageAsync();
        await board.GotoAsync($"/papan/{ShowcaseData.RegionId}/{Unit}");
        await board.EvaluateAsync("() => { window.__belumMuatUlang = true; }");
        var rated = board.Locator("#kpi-predikat-sub");
        var hasilKerja = saya.Locator("#isi-predikat dd").First;
        await Assertions.Expect(hasilKerja).ToHaveTextAsync("Di bawah ekspektasi", new() { Timeout = 60_000 });
        var predicate = saya.Locator("#nilai-predikat");
        await Assertions.Expect(predicate).Not.ToHaveTextAsync("—");
        var predicateBefore = await predicate.TextContentAsync();

        // 1. draft: a missing unit is refused by the server and shown at the unit field; fixed, the plan is submitted
        var editor = saya.Locator("#skp-isi form.skp-editor");
        await Assertions.Expect(editor).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(saya);
        var rhk = editor.Locator("li.rhk").First;
        await rhk.GetByLabel("Kode RHK", new() { Exact = true }).FillAsync("RHK-1");
        await rhk.GetByLabel("Rencana hasil kerja", new() { Exact = true }).FillAsync("Rancangan RKPD bidang ekonomi tersusun");
        await rhk.GetByLabel("RHK atasan yang diintervensi").SelectOptionAsync("rhk:" + superiorRhkId);
        var indicator = rhk.Locator("li.indikator").First;
        await indicator.GetByLabel("Indikator", new() { Exact = true }).FillAsync("Laporan analisis sektor ekonomi");
        await indicator.GetByLabel("Target (angka)", new() { Exact = true }).FillAsync("12");
        await editor.Locator("button.simpan-skp").ClickAsync();
        await Assertions.Expect(indicator.Locator("p.galat[data-path='rhk[0].indicators[0].target.unit']")).ToHaveTextAsync("Satuan wajib diisi.");
        await indicator.GetByLabel("Satuan", new() { Exact = true }).FillAsync("laporan");
        await editor.Locator("button.ajukan-skp").ClickAsync();
        await Assertions.Expect(saya.Locator("#skp-status")).ToHaveTextAsync("Diajukan");

        // 2. the superior sees it without reload, with the cascade link, and returns it with a note
        var member = tim.Locator($"#skp-tim-daftar li.anggota[data-nip='{employeeNip}']");
        await Assertions.Expect(member.Locator("details.rencana-anggota > summary .lencana")).ToHaveTextAsync("Diajukan");
        await member.Locator("details.rencana-anggota > summary").ClickAsync();
        await Assertions.Expect(member.Locator(".tautan-kaskade")).ToContainTextAsync("RHK-A");
        await member.Locator("button.kembalikan-skp").ClickAsync();
        await Assertions.Expect(member.Locator(".keputusan-skp .pesan")).ToContainTextAsync("Tulis catatan");
        const string note = "Target laporan dinaikkan menjadi 15";
        await member.GetByLabel("Catatan keputusan").FillAsync(note);
        await member.Locator("button.kembalikan-skp").ClickAsync();
        await Assertions.Expect(member.Locator("details.rencana-anggota > summary .lencana")).ToHaveTextAsync("Dikembalikan");

        // 3. the employee reads the note, fixes and resubmits
        await Assertions.Expect(saya.Locator("#skp-status")).ToHaveTextAsync("Dikembalikan");
        await Assertions.Expect(saya.Locator(".catatan-skp")).ToHaveTextAsync("Dikembalikan atasan: " + note);
        await editor.Locator("li.indikator").First.GetByLabel("Target (angka)", new() { Exact = true }).FillAsync("15");
        await editor.Locator("button.ajukan-skp").ClickAsync();
        await Assertions.Expect(saya.Locator("#skp-status")).ToHaveTextAsync("Diajukan");

        // 4. the superior approves
        await Assertions.Expect(member.Locator("details.rencana-anggota > summary .lencana")).ToHaveTextAsync("Diajukan");
        await member.Locator("button.setujui-skp").ClickAsync();
        await Assertions.Expect(member.Locator("details.rencana-anggota > summary .lencana")).ToHaveTextAsync("Disetujui");
        await Assertions.Expect(saya.Locator("#skp-status")).ToHaveTextAsync("Disetujui");
        // the board's first state waits for the seeded history's rules and chart renders: allow for a busy machine
        await Assertions.Expect(rated).ToHaveTextAsync(RatedCount(), new() { Timeout = 60_000 });
        var boardBefore = await SettledTextAsync(rated);

        // 5. a realisation with evidence: a non-PDF is refused (415, said in Indonesian), a real PDF is then attached
        var item = saya.Locator("li.indikator-realisasi").First;
        await Assertions.Expect(item.Locator(".batas-bukti")).ToHaveTextAsync("Berkas bukti: PDF, PNG, JPEG, paling besar 5 MB.");
        await item.GetByLabel("Realisasi (laporan)").FillAsync("14");
        var file = item.GetByLabel("Unggah berkas bukti (tidak wajib)");
        await file.SetInputFilesAsync(new FilePayload { Name = "bukti.pdf", MimeType = "application/pdf", Buffer = "bukan pdf"u8.ToArray() });
        await item.Locator("button.kirim-realisasi").ClickAsync();
        await Assertions.Expect(item.Locator("form .pesan")).ToContainTextAsync("jenis berkas tidak diterima");
        await file.SetInputFilesAsync(new FilePayload { Name = "bukti.pdf", MimeType = "application/pdf", Buffer = SmallPdf() });
        await item.Locator("button.kirim-realisasi").ClickAsync();
        await Assertions.Expect(saya.Locator("#skp-pesan")).ToContainTextAsync("Realisasi dan berkas bukti tersimpan");
        await Assertions.Expect(item.Locator(".realisasi-kini")).ToContainTextAsync("14 laporan");
        await Assertions.Expect(item.Locator(".bukti-daftar a.bukti").First).ToHaveTextAsync("Berkas bukti 1");

        // 6. the superior sees the realisation and its evidence, and assesses the RHK utama di atas ekspektasi
        var rhkRow = member.Locator("li.rhk-realisasi[data-rhk='RHK-1']");
        await Assertions.Expect(rhkRow.Locator(".realisasi-kini")).ToContainTextAsync("14 laporan");
        var evidence = rhkRow.Locator("a.bukti").First;
        await Assertions.Expect(evidence).ToHaveTextAsync("Berkas bukti 1");
        var download = await tim.APIRequest.GetAsync(await evidence.GetAttributeAsync("href") ?? "");
        Assert.Equal("%PDF", Encoding.ASCII.GetString((await download.BodyAsync())[..4]));
        await rhkRow.GetByLabel("Di atas ekspektasi").CheckAsync();
        await rhkRow.GetByLabel("Umpan balik untuk RHK-1").FillAsync("Analisis tajam dan tepat waktu");
        await rhkRow.Locator("button.simpan-penilaian").ClickAsync();
        await Assertions.Expect(rhkRow.Locator(".penilaian-skp .pesan")).ToHaveTextAsync("Penilaian tersimpan.");

        // 7. the employee sees the assessment; the rules rate hasil kerja di atas ekspektasi and the board counts them again
        var mine = saya.Locator("li.rhk-realisasi[data-rhk='RHK-1']");
        await Assertions.Expect(mine.Locator(".nilai-penilaian")).ToHaveTextAsync("Penilaian atasan: Di atas ekspektasi");
        await Assertions.Expect(mine.Locator(".umpan-rhk")).ToHaveTextAsync("Umpan balik: Analisis tajam dan tepat waktu");
        // the live rules re-derive the levels after the indicators recomputed: on a loaded machine that takes a while
        var rules = new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 };
        await Assertions.Expect(hasilKerja).ToHaveTextAsync("Di atas ekspektasi", rules);
        await Assertions.Expect(predicate).Not.ToHaveTextAsync(predicateBefore ?? "", rules);
        await Assertions.Expect(rated).Not.ToHaveTextAsync(boardBefore, rules);
        await Assertions.Expect(rated).ToHaveTextAsync(RatedCount());

        // 8. the daily report's SKP link offers the approved plan's RHK
        await Assertions.Expect(saya.Locator("#skp-rhk option[value='RHK-1']")).ToHaveCountAsync(1);
        await AssertNoHorizontalScrollAsync(saya);
        foreach (var page in new[] { saya, tim, board })
        {
            Assert.True(await page.EvaluateAsync<bool>("() => window.__belumMuatUlang === true"), $"{page.Url} was reloaded");
        }
        await LiveServer.ScreenshotAsync(saya, "40-skp-pegawai");
        await LiveServer.ScreenshotAsync(tim, "41-skp-atasan");
    }

    private async Task<IPage> OpenAsync(int width, int height, string user, string path)
    {
        var page = await server.NewPageAsync(width, height, user);
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("#koneksi")).ToHaveAttributeAsync("data-state", "connected");
        await page.EvaluateAsync("() => { window.__belumMuatUlang = true; }");
        return page;
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, window.innerWidth, document.getElementById('skp-saya').scrollWidth, document.getElementById('skp-saya').clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the page scrolls sideways at {widths[1]} px: {widths[0]} px wide");
        Assert.True(widths[2] <= widths[3], $"the SKP section overflows: {widths[2]} px in {widths[3]} px");
    }

    /// <summary>The text once it has stayed the same over two board refreshes (the board pushes every 2 s here).</summary>
    private static async Task<string> SettledTextAsync(ILocator locator)
    {
        var last = await locator.TextContentAsync() ?? "";
        for (var i = 0; i < 10; i++)
        {
            await Task.Delay(4500);
            var now = await locator.TextContentAsync() ?? "";
            if (now == last)
            {
                return now;
            }
            last = now;
        }
        return last;
    }

    /// <summary>A one-page PDF (header, catalog, pages, page, xref, trailer): what an office scanner would attach.</summary>
    private static byte[] SmallPdf()
    {
        const string body = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n";
        var xref = "xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n";
        return Encoding.ASCII.GetBytes(body + xref + $"trailer<</Size 4/Root 1 0 R>>\nstartxref\n{body.Length}\n%%EOF\n");
    }

    [GeneratedRegex(@"\((\d+) dinilai\)")]
    private static partial Regex RatedCount();
}
