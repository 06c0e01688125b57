using System.Text.RegularExpressions;
using Dapper;
using Kinerja.Dashboard.Board;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kinerja.EndToEnd.Tests;

/// <summary>
/// The board's SKP/IKU and follow-up panels in Chromium at 1920×1080 (filled, inside the screen, moving on a <c>Panels</c>
/// hint without reload) and the SKP monitoring page at 1366×768 (counts, lists, no sideways scrolling).
/// </summary>
public sealed class SkpBoardScreenTests(LiveServer server) : IClassFixture<LiveServer>
{
    private const string Region = ShowcaseData.RegionId;
    private const string Unit = "dinas-kesehatan";

    private static int Year => DateTime.UtcNow.Year;

    [Fact]
    public async Task BoardPanels_RenderAt1920_AndMoveOnAnSkpHintWithoutReload()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/papan/{Region}");
        var row = page.Locator($"#tabel-skp tbody tr[data-unit='{Unit}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#skp-periode")).ToHaveTextAsync(new Regex("^Rencana \\d{4} · penilaian "));
        await Assertions.Expect(page.Locator($"#tabel-tindak-lanjut tbody tr[data-unit='{Unit}']")).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("td").Nth(4)).ToHaveTextAsync(new Regex("^(Belum ada IKU|Belum ada realisasi|.*%.*)$"));
        var box = (await page.Locator("#panel-skp").BoundingBoxAsync())!;
        Assert.True(box.X + box.Width <= 1920, $"the SKP panel ends at x={box.X + box.Width}");
        var table = (await page.Locator("#tabel-skp").BoundingBoxAsync())!;
        Assert.True(table.X + table.Width <= box.X + box.Width, $"the SKP table ({table.Width} px) overflows its panel ({box.Width} px)");
        await page.EvaluateAsync("() => { window.__belumMuatUlang = true; }");
        var before = await row.Locator("td").Nth(1).TextContentAsync();
        await LiveServer.ScreenshotAsync(page, "20-papan-skp");

        // an approved plan appears in the database, then the hint the SKP write path sends after its commit
        var nip = server.Data.InUnit(Unit)[0].Nip;
        await using (var conn = await server.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                insert into skp_plan (nip, year, version, is_current, status, unit_id, created_at, saved_at)
                values (@nip, @year, 1, true, 'disetujui', @Unit, now(), now()) on conflict do nothing
                """, new { nip, year = (short)Year, Unit });
        }
        var hub = server.Services.GetRequiredService<IHubContext<BoardHub, IBoardClient>>();
        await hub.Clients.Group(BoardGroup.Region(Region).Name).Panels(new PanelsPayload(BoardGroup.Region(Region).Name, BoardPanelsPush.Skp,
            DateTimeOffset.UtcNow));

        await Assertions.Expect(row.Locator("td").Nth(1)).Not.ToHaveTextAsync(before!, new() { Timeout = 20_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__belumMuatUlang === true"), "the page was reloaded");
    }

    [Fact]
    public async Task MonitoringPage_At1366_ShowsCountsAndLists()
    {
        var page = await server.NewPageAsync(1366, 768, LiveServer.HrUser);
        await page.GotoAsync($"/pemantauan-skp?regionId={Region}");

        await Assertions.Expect(page.Locator("#pantau-periode")).ToHaveTextAsync(new Regex("^SKP \\d{4} · periode "));
        await Assertions.Expect(page.Locator($"#tabel-pantau tbody tr[data-unit='{Unit}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#rincian-pantau section[data-unit='{Unit}'] h4").First).ToContainTextAsync("Belum ada SKP disetujui");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the monitoring page scrolls sideways at 1366 px");
        await LiveServer.ScreenshotAsync(page, "21-pemantauan-skp");

        await page.SelectOptionAsync("#pilih-unit", Unit);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("unitId=" + Unit));
        await Assertions.Expect(page.Locator("#tabel-pantau tbody tr")).ToHaveCountAsync(1);
    }
}
