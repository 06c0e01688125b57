using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kinerja.EndToEnd.Tests;

/// <summary>
/// Issue 16's whole loop in two browser contexts, nothing reloaded: the employee reports on <c>/saya</c> → the report
/// appears in the superior's queue on <c>/tim</c> → the superior returns it with a note → the employee reads the note
/// → corrects and resubmits (a new event; the returned one is withdrawn) → the superior approves the correction →
/// the employee's approved minutes and the unit board's approved minutes move by exactly the corrected minutes.
/// </summary>
public sealed partial class EmployeeLoopTests(LiveServer server) : IClassFixture<LiveServer>
{
    private const string Unit = "dinas-kesehatan";
    private const string Employee = "loop-pegawai";
    private const string Superior = "loop-atasan";
    private static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");

    [Fact]
    public async Task Report_return_with_note_correct_resubmit_approve_moves_the_employee_and_the_unit_board()
    {
        var staff = server.Data.InUnit(Unit);
        await server.AddEmployeeAccountAsync(Employee, staff[1].Nip);
        await server.AddEmployeeAccountAsync(Superior, staff[0].Nip);

        var saya = await OpenAsync(390, 844, Employee, "/saya");
        await Assertions.Expect(saya.Locator("#daftar-aktivitas li.aktivitas").First).ToBeVisibleAsync();
        var tim = await OpenAsync(1280, 900, Superior, "/tim");
        var board = await server.NewPageAsync();
        await board.GotoAsync($"/papan/{ShowcaseData.RegionId}/{Unit}");
        await board.EvaluateAsync("() => { window.__belumMuatUlang = true; }");
        var boardMinutes = board.Locator("#kpi-menit-sub");
        await Assertions.Expect(boardMinutes).ToHaveTextAsync(LeadingNumber());
        var ownMinutes = saya.Locator("#menit-bulan");
        await Assertions.Expect(ownMinutes).ToHaveTextAsync(LeadingNumber());
        var ownBefore = Number(await ownMinutes.TextContentAsync());
        var boardBefore = Number(await boardMinutes.TextContentAsync());

        // 1. the employee reports; the superior's queue shows it without reload
        var description = "Rekap data imunisasi " + Guid.NewGuid().ToString("N")[..6];
        await saya.Locator("#menit").FillAsync("75");
        await saya.Locator("#uraian").FillAsync(description);
        await saya.Locator("#kirim-lapor").ClickAsync();
        await Assertions.Expect(saya.Locator("#pesan-lapor")).ToHaveTextAsync("Laporan terkirim. Menunggu persetujuan atasan.");
        var queued = tim.Locator("#antrian li.aktivitas").Filter(new() { HasText = description });
        await Assertions.Expect(queued).ToHaveCountAsync(1);

        // 2. the superior returns it with a note; the employee reads the note without reload
        const string note = "Lampirkan rekap per puskesmas";
        await queued.Locator("textarea.catatan").FillAsync(note);
        await queued.Locator("button.kembali").ClickAsync();
        await Assertions.Expect(queued).ToHaveCountAsync(0);
        var mine = saya.Locator("#daftar-aktivitas li.aktivitas").Filter(new() { HasText = description });
        await Assertions.Expect(mine.Locator(".lencana")).ToHaveTextAsync("Dikembalikan");
        await Assertions.Expect(mine.Locator(".catatan-atasan")).ToHaveTextAsync("Dikembalikan atasan: " + note);

        // 3. the employee corrects and resubmits; the queue holds the correction only
        await mine.Locator("button.ubah").ClickAsync();
        var corrected = description + " per puskesmas";
        await saya.Locator("#uraian").FillAsync(corrected);
        await saya.Locator("#menit").FillAsync("90");
        await saya.Locator("#kirim-lapor").ClickAsync();
        await Assertions.Expect(saya.Locator("#pesan-lapor")).ToContainTextAsync("Perbaikan terkirim");
        var correction = tim.Locator("#antrian li.aktivitas").Filter(new() { HasText = corrected });
        await Assertions.Expect(correction).ToHaveCountAsync(1);
        // (the corrected text starts with the returned one's: one match means the returned report did not come back)
        await Assertions.Expect(tim.Locator("#antrian li.aktivitas").Filter(new() { HasText = description })).ToHaveCountAsync(1);

        // 4. the superior approves; the employee's minutes and the unit board move by the corrected 90 minutes
        await correction.Locator("button.setuju").ClickAsync();
        await Assertions.Expect(correction).ToHaveCountAsync(0);
        await Assertions.Expect(saya.Locator("#daftar-aktivitas li.aktivitas").Filter(new() { HasText = corrected }).Locator(".lencana"))
            .ToHaveTextAsync("Disetujui");
        await Assertions.Expect(ownMinutes).ToHaveTextAsync((ownBefore + 90).ToString("N0", Id));
        await Assertions.Expect(boardMinutes).ToHaveTextAsync(new Regex("^" + Regex.Escape((boardBefore + 90).ToString("N0", Id)) + " / "));

        foreach (var page in new[] { saya, tim, board })
        {
            Assert.True(await page.EvaluateAsync<bool>("() => window.__belumMuatUlang === true"), $"{page.Url} was reloaded");
        }
        await LiveServer.ScreenshotAsync(saya, "30-lingkar-pegawai");
        await LiveServer.ScreenshotAsync(tim, "31-lingkar-atasan");
    }

    private async Task<IPage> OpenAsync(int width, int height, string user, string path)
    {
        var page = await server.NewPageAsync(width, height, user);
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("#koneksi")).ToHaveAttributeAsync("data-state", "connected");
        await page.EvaluateAsync("() => { window.__belumMuatUlang = true; }");
        return page;
    }

    private static long Number(string? text) =>
        long.Parse(LeadingNumber().Match(text ?? "").Value, NumberStyles.AllowThousands, Id);

    [GeneratedRegex(@"^\d{1,3}(\.\d{3})*")]
    private static partial Regex LeadingNumber();
}
