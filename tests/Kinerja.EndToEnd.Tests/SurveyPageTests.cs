using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kinerja.EndToEnd.Tests;

/// <summary>The citizen survey in Chromium at a phone viewport: answering it moves the public display without reload.</summary>
public sealed class SurveyPageTests(LiveServer server) : IClassFixture<LiveServer>
{
    private const string Region = ShowcaseData.RegionId;

    [Fact]
    public async Task Survey_answered_on_a_phone_moves_the_public_display_without_reload()
    {
        var unit = server.Data.UnitIds.First(u => u != ShowcaseData.SmallUnit);
        var display = await server.NewPageAsync();
        await display.GotoAsync($"/publik/{Region}");
        var sub = display.Locator("#kpi-ikm-sub");
        await Assertions.Expect(sub).Not.ToHaveTextAsync("\u00a0");
        await display.EvaluateAsync("() => { window.__belumMuatUlang = true; }");
        var before = await sub.TextContentAsync();

        var phone = await server.NewPageAsync(width: 390, height: 844);
        await phone.GotoAsync($"/survei/{unit}");
        await Assertions.Expect(phone.Locator("legend").First).ToContainTextAsync("Persyaratan");
        await Assertions.Expect(phone.Locator("legend").Nth(7)).ToContainTextAsync("Penanganan pengaduan, saran dan masukan");
        var box = await phone.Locator("label[for='u1-4']").BoundingBoxAsync();
        Assert.True(box is { Height: >= 48, Width: >= 48 }, $"touch target {box?.Width}x{box?.Height}");
        await phone.Locator("#kirim").ClickAsync();
        await Assertions.Expect(phone.Locator("#pesan")).ToContainTextAsync("Mohon jawab semua pertanyaan");
        for (var i = 1; i <= 9; i++)
        {
            await phone.Locator($"label[for='u{i}-{(i % 2 == 0 ? 3 : 4)}']").ClickAsync();
        }
        await phone.Locator("#comment").FillAsync("<b>Ruang tunggu</b> panas");
        await LiveServer.ScreenshotAsync(phone, "06-survei-ponsel");
        await phone.Locator("#kirim").ClickAsync();

        await Assertions.Expect(phone.Locator("#pesan")).ToHaveTextAsync("Terima kasih! Jawaban Anda sudah kami terima.");
        await Assertions.Expect(sub).Not.ToHaveTextAsync(before!, new() { Timeout = 20_000 });
        await Assertions.Expect(sub).ToContainTextAsync(new Regex("responden"));
        Assert.True(await display.EvaluateAsync<bool>("() => window.__belumMuatUlang === true"), "the public display was reloaded");
    }
}
