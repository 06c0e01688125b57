using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kinerja.EndToEnd.Tests;

/// <summary>The server for <see cref="ComplaintAndBarsTests"/>: no per-device limit (every browser page is one device).</summary>
public sealed class SurveyLiveServer : LiveServer
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var s = base.Settings;
            s["Kinerja:Survey:PerDevicePerDay"] = "0";
            return s;
        }
    }
}

/// <summary>
/// Issue 18 in Chromium: a complaint a citizen just sent with the survey reaches the unit's queue, is answered there
/// (state and response time shown) with its hostile text rendered as text; the leaders' board's per-element bars
/// move when surveys arrive, without a reload. Each test has a unit of its own.
/// </summary>
public sealed class ComplaintAndBarsTests(SurveyLiveServer server) : IClassFixture<SurveyLiveServer>
{
    private const string Region = ShowcaseData.RegionId;

    [Fact]
    public async Task Complaint_sent_with_the_survey_is_answered_in_the_queue_and_its_hostile_text_stays_text()
    {
        const string unit = "disdukcapil";
        var marker = Guid.NewGuid().ToString("N")[..8];
        var hostile = $"Antre lama {marker} <script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">";
        var phone = await server.NewPageAsync(width: 390, height: 844);
        await phone.GotoAsync($"/survei/{unit}");
        for (var i = 1; i <= 9; i++)
        {
            await phone.Locator($"label[for='u{i}-{(i == 8 ? 2 : 3)}']").ClickAsync();
        }
        await phone.Locator("#comment").FillAsync(hostile);
        await phone.Locator("#kirim").ClickAsync();
        await Assertions.Expect(phone.Locator("#pesan")).ToHaveTextAsync("Terima kasih! Jawaban Anda sudah kami terima.");

        var queue = await server.NewPageAsync(user: LiveServer.HrUser);
        await queue.GotoAsync($"/pengaduan/{unit}");
        var item = queue.Locator("li.aduan", new() { HasText = marker });
        await Assertions.Expect(item.Locator(".status")).ToHaveTextAsync("Baru");
        await Assertions.Expect(item.Locator("blockquote.isi")).ToHaveTextAsync(hostile);
        Assert.Equal(0, await item.Locator("blockquote.isi img, blockquote.isi script").CountAsync());

        await item.Locator("button[data-to='diproses']").ClickAsync();
        await Assertions.Expect(item.Locator(".status")).ToHaveTextAsync("Diproses");
        await Assertions.Expect(item.Locator("p.langkah").First).ToContainTextAsync("Diproses oleh ");
        await item.Locator("form.langkah-selesai textarea").FillAsync("Loket tambahan dibuka <b>mulai Senin</b>.");
        await item.Locator("form.langkah-selesai button").ClickAsync();

        await Assertions.Expect(item.Locator(".status")).ToHaveTextAsync("Selesai");
        await Assertions.Expect(item.Locator("p.langkah").Nth(1)).ToContainTextAsync("Dijawab oleh ");
        await Assertions.Expect(item.Locator("p.langkah").Nth(1)).ToContainTextAsync(new Regex(@"\(\d+(,\d)? hari\)"));
        await Assertions.Expect(item.Locator("p.jawaban")).ToHaveTextAsync("Loket tambahan dibuka <b>mulai Senin</b>.");
        await LiveServer.ScreenshotAsync(queue, "07-pengaduan-dijawab");
        Assert.Equal("undefined", await queue.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Equal("undefined", await phone.EvaluateAsync<string>("() => typeof window.__xss"));
    }

    [Fact]
    public async Task Board_element_bars_move_when_surveys_arrive_without_reload()
    {
        const string unit = "dinas-perhubungan";
        var board = await server.NewPageAsync();
        await board.GotoAsync($"/papan/{Region}/{unit}");
        var u3 = board.Locator("#survei-unsur li[data-unsur='u3']");
        await Assertions.Expect(board.Locator("#unsur-terendah")).ToHaveTextAsync("Belum ada survei bulan ini");
        await board.EvaluateAsync("() => { window.__belumMuatUlang = true; }");

        using var citizen = new HttpClient { BaseAddress = server.BaseUri };
        await SurveysAsync(citizen, unit, 5, u3: 1);

        await Assertions.Expect(u3.Locator(".nilai")).ToHaveTextAsync("1,00");
        await Assertions.Expect(board.Locator("#survei-unsur li[data-unsur='u1'] .nilai")).ToHaveTextAsync("4,00");
        await Assertions.Expect(u3).ToHaveClassAsync(new Regex(@"\bterendah\b"));
        await Assertions.Expect(u3.Locator(".bar span")).ToHaveAttributeAsync("style", new Regex(@"width: 0(\.0)?%"));
        await Assertions.Expect(board.Locator("#unsur-terendah")).ToContainTextAsync("U3");

        await SurveysAsync(citizen, unit, 5, u3: 4);

        await Assertions.Expect(u3.Locator(".nilai")).ToHaveTextAsync("2,50");
        await Assertions.Expect(u3.Locator(".bar span")).ToHaveAttributeAsync("style", new Regex(@"width: 50(\.0)?%"));
        await LiveServer.ScreenshotAsync(board, "08-papan-unsur");
        Assert.True(await board.EvaluateAsync<bool>("() => window.__belumMuatUlang === true"), "the board was reloaded");
    }

    /// <summary>Anonymous surveys answering 4 on every element but u3.</summary>
    private static async Task SurveysAsync(HttpClient citizen, string unit, int count, int u3)
    {
        for (var n = 0; n < count; n++)
        {
            var answers = Enumerable.Range(1, 9).ToDictionary(i => "u" + i, i => i == 3 ? u3 : 4);
            var response = await citizen.PostAsJsonAsync($"/api/v1/survey/{unit}", new { responseId = Guid.NewGuid(), answers });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }
}
