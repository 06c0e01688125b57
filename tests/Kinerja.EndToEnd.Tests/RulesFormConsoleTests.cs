using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kinerja.EndToEnd.Tests;

/// <summary>
/// HR changes a threshold in the rules console's form (not in JSON) on a 1366×768 laptop screen: sees the backtest
/// per unit, publishes with a note, the leader board changes, the version's change reads as a parameter, and one
/// action rolls it back.
/// </summary>
public sealed class RulesFormConsoleTests(RulesFormConsoleTests.Server server) : IClassFixture<RulesFormConsoleTests.Server>
{
    /// <summary>A server of its own: this class publishes rules.</summary>
    public sealed class Server : LiveServer;

    [Fact]
    public async Task DiAtasThresholdField_4To42_BacktestPerUnitPublishBoardChangesThenRollback()
    {
        var board = await server.NewPageAsync();
        await board.GotoAsync($"/papan/{ShowcaseData.RegionId}");
        var curve = board.Locator("#kpi-predikat-sub");
        await Assertions.Expect(curve).ToHaveTextAsync(new Regex("dinilai"), new() { Timeout = 30_000 });
        var before = await curve.TextContentAsync();

        var console = await server.NewPageAsync(1366, 768);
        await console.RouteAsync("**/api/v1/rules**", route =>
        {
            var headers = new Dictionary<string, string>(route.Request.Headers) { ["x-kinerja-test-user"] = LiveServer.HrUser };
            return route.ContinueAsync(new RouteContinueOptions { Headers = headers });
        });
        var errors = new List<string>();
        console.PageError += (_, e) => errors.Add("pageerror: " + e);
        await console.GotoAsync("/aturan");
        await console.Locator("#daftar-workflow li", new() { HasText = "rating" }).ClickAsync();
        var field = console.Locator("#param-batasDiAtas");
        await Assertions.Expect(field).ToHaveValueAsync("4.0");
        await Assertions.Expect(console.Locator("label[for=param-batasDiAtas]")).ToHaveTextAsync("Batas nilai Di Atas Ekspektasi");

        // 1366×768: no sideways scrolling, the field and the actions fit the width
        Assert.True(await console.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the console scrolls sideways at 1366 px");
        foreach (var id in new[] { "#param-batasDiAtas", "#btn-backtest", "#btn-terbit", "#catatan" })
        {
            var box = await console.Locator(id).BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 1366, $"{id} is outside the 1366 px width");
        }
        await Assertions.Expect(field).ToBeInViewportAsync();
        await LiveServer.ScreenshotAsync(console, "10-aturan-formulir-1366");

        await field.FillAsync("4,2");
        await console.Locator("#btn-backtest").ClickAsync();
        await Assertions.Expect(console.Locator("#json-aturan")).ToHaveValueAsync(new Regex("\"Expression\": \"4.2\""));
        var perUnit = console.Locator("#backtest-per-unit");
        await Assertions.Expect(perUnit).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(perUnit.Locator("p").First).ToHaveTextAsync(new Regex(@"^[1-9][\d.]* pegawai berubah predikat"));
        await Assertions.Expect(console.Locator("#tabel-predikat-unit tbody tr").First).ToContainTextAsync("SANGAT_BAIK");
        await Assertions.Expect(perUnit.Locator("svg.unit-chart rect").First).ToBeVisibleAsync();
        // HR sees the affected employees by name (the backtest is HR-only)
        var names = string.Join("|", server.Data.People.Select(p => Regex.Escape(p.Name)));
        await Assertions.Expect(console.Locator("#hasil table").Nth(1).Locator("tbody tr").First).ToContainTextAsync(new Regex(names));
        await LiveServer.ScreenshotAsync(console, "11-aturan-backtest-per-unit");

        await console.Locator("#catatan").FillAsync("Ambang Di Atas Ekspektasi naik ke 4,2");
        await console.Locator("#btn-terbit").ClickAsync();
        await Assertions.Expect(console.Locator("#status-api")).ToHaveTextAsync(new Regex("Diterbitkan: rating v2"), new() { Timeout = 30_000 });
        await Assertions.Expect(console.Locator("#perubahan-versi [data-version='2']"))
            .ToContainTextAsync("Parameter Batas nilai Di Atas Ekspektasi: 4.0 → 4.2");

        // a change for every employee of the region: the live evaluator runs them under the new version
        await ShowcaseData.PostAllAsync(server.Client(), "/api/v1/activities", server.Data.People.Select(p => (object)new
        {
            eventId = Guid.NewGuid(), nip = p.Nip, occurredAt = DateTimeOffset.UtcNow.AddMinutes(-3), minutes = 15,
            description = "Rapat koordinasi",
        }).ToList());
        await Assertions.Expect(curve).Not.ToHaveTextAsync(before!, new() { Timeout = 30_000 });

        await console.Locator("#riwayat button", new() { HasText = "Kembalikan ke v1" }).ClickAsync();
        await Assertions.Expect(console.Locator("#status-api")).ToHaveTextAsync("Dikembalikan ke v1", new() { Timeout = 30_000 });
        await Assertions.Expect(field).ToHaveValueAsync("4.0");
        Assert.Empty(errors);
    }
}
