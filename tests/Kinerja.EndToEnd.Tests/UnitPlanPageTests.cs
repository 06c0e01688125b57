using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kinerja.EndToEnd.Tests;

/// <summary>
/// HR's unit annual plan page <c>/rencana-unit</c> in Chromium (issue 17): reached from <c>/pemantauan-skp</c>, an IKU is
/// added through the form, a non-numeric target gets the server's error at its field in Indonesian, the fixed IKU is listed
/// with its targets; the page does not scroll sideways at 1366×768 nor on a phone.
/// </summary>
public sealed class UnitPlanPageTests(LiveServer server) : IClassFixture<LiveServer>
{
    private const string Region = ShowcaseData.RegionId;
    private const string Unit = "bappeda";

    private static int Year => DateTime.UtcNow.Year;

    private static Task<bool> NoSidewaysScrollAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    [Fact]
    public async Task Hr_AddsAnIku_SeesAFieldError_FixesIt_AndSeesItListed_At1366()
    {
        var page = await server.NewPageAsync(1366, 768, LiveServer.HrUser);
        await page.GotoAsync($"/pemantauan-skp?regionId={Region}&unitId={Unit}");
        await page.ClickAsync("#ke-rencana-unit");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/rencana-unit\\?regionId=" + Region + "&unitId=" + Unit));
        await Assertions.Expect(page.Locator("#iku-status")).ToHaveTextAsync(new Regex("IKU · diperbarui"));

        await page.FillAsync("#iku-code", "E2E-IKU-1");
        await page.FillAsync("#iku-name", "Dokumen perencanaan <b>tepat waktu</b>");
        await page.FillAsync("#iku-targetValue", "sembilan puluh");
        await page.FillAsync("#iku-targetUnit", "persen");
        await page.FillAsync("#iku-periodTargets", $"{Year}-Q1=20; {Year}-Q5=40");
        await page.ClickAsync("#simpan-iku");

        var valueError = page.Locator("p.galat[data-path='targetValue']");
        await Assertions.Expect(valueError).ToHaveTextAsync("Target tahunan harus berupa angka, mis. 90 atau 87,5.");
        await Assertions.Expect(page.Locator("p.galat[data-path='periodTargets']")).ToContainTextAsync($"Periode {Year}-Q5 bukan bulan");
        await Assertions.Expect(page.Locator("#iku-targetValue")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#tabel-iku tbody tr[data-code='E2E-IKU-1']")).ToHaveCountAsync(0);
        await LiveServer.ScreenshotAsync(page, "30-rencana-unit-galat");

        await page.FillAsync("#iku-targetValue", "87,5");
        await page.FillAsync("#iku-periodTargets", $"{Year}-Q1=20; {Year}-Q2=40,5");
        await page.ClickAsync("#simpan-iku");

        var row = page.Locator("#tabel-iku tbody tr[data-code='E2E-IKU-1']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("Dokumen perencanaan <b>tepat waktu</b>");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("87,5 persen");
        await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync($"Triwulan I {Year}: 20; Triwulan II {Year}: 40,5");
        await Assertions.Expect(valueError).ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#iku-status")).ToContainTextAsync("IKU E2E-IKU-1 ditambahkan.");

        // A change saved elsewhere (here: straight to the API, not through the form) reaches the page as a live refresh;
        // the refreshed list must not wipe the answer to this session's own save (it did: the status line was rebuilt).
        var elsewhere = await page.EvaluateAsync<int>(@"async ([unit, year]) => (await fetch('/api/v1/units/' + unit + '/iku', {
            method: 'PUT', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ year, code: 'E2E-IKU-2', name: 'Disimpan di tempat lain', targetValue: 10, targetUnit: 'dokumen' }) })).status",
            new object[] { Unit, Year });
        Assert.Equal(200, elsewhere);
        await Assertions.Expect(page.Locator("#tabel-iku tbody tr[data-code='E2E-IKU-2']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#iku-status")).ToContainTextAsync("IKU E2E-IKU-1 ditambahkan.");
        Assert.True(await NoSidewaysScrollAsync(page), "/rencana-unit scrolls sideways at 1366 px");
        await LiveServer.ScreenshotAsync(page, "31-rencana-unit");

        // removing asks once more, then the row is gone
        await row.Locator("button.hapus").ClickAsync();
        await Assertions.Expect(row.Locator("button.hapus")).ToHaveTextAsync("Yakin hapus?");
        await row.Locator("button.hapus").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#iku-status")).ToContainTextAsync("IKU E2E-IKU-1 dihapus.");
    }

    [Fact]
    public async Task OnAPhone_TheFormAndTableFitTheScreen()
    {
        var page = await server.NewPageAsync(390, 844, LiveServer.HrUser);
        await page.GotoAsync($"/rencana-unit?regionId={Region}&unitId={Unit}&year={Year}");
        await Assertions.Expect(page.Locator("#iku-status")).ToHaveTextAsync(new Regex("IKU · diperbarui"));

        Assert.True(await NoSidewaysScrollAsync(page), "/rencana-unit scrolls sideways on a 390 px phone: " + await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)" +
            ".slice(0, 8).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).join(', ')"));
        var input = (await page.Locator("#iku-name").BoundingBoxAsync())!;
        Assert.True(input.X >= 0 && input.X + input.Width <= 390, $"the name field spans x={input.X}..{input.X + input.Width}");
        await LiveServer.ScreenshotAsync(page, "32-rencana-unit-ponsel");
    }
}
