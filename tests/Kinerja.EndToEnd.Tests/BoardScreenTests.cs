using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kinerja.EndToEnd.Tests;

/// <summary>The leader board and public display in Chromium: live updates without reload, kiosk, privacy.</summary>
public sealed partial class BoardScreenTests(LiveServer server) : IClassFixture<LiveServer>
{
    private const string Region = ShowcaseData.RegionId;

    [Fact]
    public async Task Board_EventsIngested_NumberAndChartChangeWithoutReload()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/papan/{Region}");
        var filing = page.Locator("#kpi-pengisian-nilai");
        await Assertions.Expect(filing).Not.ToHaveTextAsync("—");
        var chart = page.Locator($"figure[data-chart='r.{Region}.pengisian'] img");
        await Assertions.Expect(chart).ToHaveAttributeAsync("src", new Regex("^blob:"));
        await Assertions.Expect(page.Locator("#asof")).ToHaveTextAsync(new Regex(@"^Data per \d{2}:\d{2} WIB$"));
        await page.EvaluateAsync("() => { window.__belumMuatUlang = true; }");
        var before = await filing.TextContentAsync();
        var chartBefore = await chart.GetAttributeAsync("src");
        await LiveServer.ScreenshotAsync(page, "01-papan-wilayah");

        var notFiled = await NotFiledTodayAsync(page);
        await ShowcaseData.PostAllAsync(server.Client(), "/api/v1/activities", notFiled.Take(8)
            .Select(nip => (object)new { eventId = Guid.NewGuid(), nip, occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), minutes = 120,
                description = "Pelayanan loket" }).ToList());

        await Assertions.Expect(filing).Not.ToHaveTextAsync(before!, new() { Timeout = 20_000 });
        await Assertions.Expect(chart).Not.ToHaveAttributeAsync("src", chartBefore!, new() { Timeout = 20_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__belumMuatUlang === true"), "the page was reloaded");
        Assert.True(ParsePct(before!) < ParsePct((await filing.TextContentAsync())!));
        await LiveServer.ScreenshotAsync(page, "02-papan-wilayah-setelah-ingest");
    }

    [Fact]
    public async Task Board_PredicatesExist_KurvaShowsThemPerUnit()
    {
        // the live rules derive this month's predicates from the seeded ratings: wait until they have
        var rated = 0L;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); rated == 0 && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            await using var conn = await server.DataSource.OpenConnectionAsync();
            rated = await Dapper.SqlMapper.ExecuteScalarAsync<long>(conn, """
                select count(*) from employee_period_level l join employee e on e.nip = l.nip join unit u on u.id = e.unit_id
                where u.region_id = @Region and l.predikat is not null and e.active and l.period = to_char(now(), 'YYYY-MM')
                """, new { Region });
        }
        Assert.True(rated > 0, "no predicates this month: the rules did not derive any from the showcase ratings");
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/papan/{Region}");
        var kurva = page.Locator($"figure[data-chart='r.{Region}.predikat'] img");
        await Assertions.Expect(kurva).ToHaveAttributeAsync("src", new Regex("^blob:"));

        // the chart the screen shows, as the server rendered it: bars, not the "no predicates" placeholder
        var svg = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            svg = await page.EvaluateAsync<string>($"() => fetch('/charts/r.{Region}.predikat.svg').then(r => r.text())");
            if (!svg.Contains("Belum ada predikat", StringComparison.Ordinal))
            {
                break;
            }
        }
        Assert.DoesNotContain("Belum ada predikat", svg);
        Assert.Contains("Sangat Baik", svg);
        await LiveServer.ScreenshotAsync(page, "01b-papan-kurva");
    }

    [Fact]
    public async Task Kiosk_RotatesThroughUnitsWithoutControls()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/papan/{Region}?kiosk=1&putar=3");
        var name = page.Locator("#sorotan-nama");
        await Assertions.Expect(name).Not.ToHaveTextAsync("—");
        var first = await name.TextContentAsync();
        Assert.Equal(0, await page.Locator("a.dl, footer, .back").CountAsync());
        await Assertions.Expect(name).Not.ToHaveTextAsync(first!, new() { Timeout = 20_000 });
        await page.WaitForTimeoutAsync(500);
        await LiveServer.ScreenshotAsync(page, "03-papan-kios");
    }

    [Fact]
    public async Task UnitBoard_DrillDownFromRegion_ShowsTheUnit()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/papan/{Region}");
        await page.Locator(".units a", new() { HasText = "Dinas Kesehatan" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/papan/{Region}/dinas-kesehatan$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dinas Kesehatan");
        await Assertions.Expect(page.Locator("#kpi-pengisian-nilai")).Not.ToHaveTextAsync("—");
        await Assertions.Expect(page.Locator("figure[data-chart='u.dinas-kesehatan.aktivitas'] img"))
            .ToHaveAttributeAsync("src", new Regex("^blob:"));
        await page.WaitForTimeoutAsync(500);
        await LiveServer.ScreenshotAsync(page, "04-papan-unit");
    }

    [Fact]
    public async Task PublicDisplay_ShowsAggregatesOnly_SmallUnitSuppressed()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/publik/{Region}");
        var table = page.Locator("#tabel-unit tbody tr");
        await Assertions.Expect(table).ToHaveCountAsync(7);
        var small = page.Locator("#tabel-unit tbody tr", new() { HasText = "Inspektorat" });
        await Assertions.Expect(small.Locator("td").Nth(1)).ToHaveTextAsync("—");
        await Assertions.Expect(page.Locator("figure[data-chart$='.pengisian'] img")).ToHaveAttributeAsync("src", new Regex("^blob:"));
        await page.WaitForTimeoutAsync(500);
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotMatch(new Regex("[0-9]{18}"), text);
        foreach (var person in server.Data.People)
        {
            Assert.DoesNotContain(person.Name, text);
        }
        await LiveServer.ScreenshotAsync(page, "05-publik");
    }

    [Fact]
    public async Task Board_ConnectionKilled_ShowsStaleBannerThenRecovers()
    {
        var page = await server.NewPageAsync();
        var blocked = false;
        var sockets = new List<IWebSocketRoute>();
        await page.RouteWebSocketAsync(new Regex("/hubs/board"), ws =>
        {
            if (blocked)
            {
                _ = ws.CloseAsync();
                return;
            }
            ws.ConnectToServer();
            lock (sockets)
            {
                sockets.Add(ws);
            }
        });
        await page.RouteAsync("**/hubs/board/negotiate**", route => blocked ? route.AbortAsync() : route.ContinueAsync());
        await page.GotoAsync($"/papan/{Region}");
        await Assertions.Expect(page.Locator("#kpi-pengisian-nilai")).Not.ToHaveTextAsync("—");
        var banner = page.Locator("#basi");
        await Assertions.Expect(banner).ToBeHiddenAsync();

        blocked = true;
        foreach (var ws in sockets.ToArray())
        {
            await ws.CloseAsync();
        }
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 12_000 });
        await Assertions.Expect(banner).ToContainTextAsync("Data tidak diperbarui sejak");
        await LiveServer.ScreenshotAsync(page, "06-papan-basi");

        blocked = false;
        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#koneksi")).ToHaveAttributeAsync("data-state", "connected");
    }

    private async Task<IReadOnlyList<string>> NotFiledTodayAsync(IPage page)
    {
        await using var conn = await server.DataSource.OpenConnectionAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta")).DateTime);
        var rows = await Dapper.SqlMapper.QueryAsync<string>(conn, """
            select e.nip from employee e
            where not exists (select 1 from employee_day d where d.nip = e.nip and d.day = @today and d.activity_count > 0)
            order by e.nip
            """, new { today });
        return rows.ToList();
    }

    private static double ParsePct(string text) =>
        double.Parse(text.TrimEnd('%').Replace(".", "").Replace(',', '.'), System.Globalization.CultureInfo.InvariantCulture);
}
