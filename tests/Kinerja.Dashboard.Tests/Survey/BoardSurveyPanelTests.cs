using System.Text.RegularExpressions;
using Kinerja.Dashboard.Tests.Board;

namespace Kinerja.Dashboard.Tests.Survey;

/// <summary>The unit board carries the survey panel (nine element bars, the complaint counts) and its script.</summary>
public sealed class BoardSurveyPanelTests(SurveyAppFactory app) : IClassFixture<SurveyAppFactory>
{
    [Fact]
    public async Task Unit_board_has_the_nine_element_bars_with_their_official_names_and_the_complaint_line()
    {
        var html = await app.Admin.GetStringAsync($"/papan/{BoardAppFactory.RegionId}/{BoardAppFactory.BigUnit}");

        Assert.Contains($"id=\"survei-unsur\" data-unit=\"{BoardAppFactory.BigUnit}\"", html);
        Assert.Equal(["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"],
            Regex.Matches(html, "data-unsur=\"(u[0-9])\"").Select(m => m.Groups[1].Value));
        Assert.Contains("U8 Penanganan pengaduan, saran dan masukan", html);
        Assert.Contains("id=\"pengaduan-ringkas\"", html);
        Assert.Contains("<script src=\"/js/papan-survei.js\"></script>", html);
    }

    [Fact]
    public async Task Unit_IKM_trend_chart_draws_the_official_survey_IKM_of_the_month()
    {
        // u1 = 2, the rest 4: NRR (2 + 8 × 4) / 9 = 3.7778 → IKM 94.44, drawn as "94,44" (id-ID).
        var body = SurveyRequests.Body(answer: 4);
        body["answers"]!["u1"] = 2;
        Assert.Equal(System.Net.HttpStatusCode.OK,
            (await SurveyRequests.PostAsync(SurveyRequests.Device(app), BoardAppFactory.BigUnit, body)).StatusCode);
        await using var screen = await HubClient.ConnectAsync(app);
        await screen.SubscribeAsync("unit:" + BoardAppFactory.BigUnit);

        var svg = "";
        await Kinerja.Testing.Eventually.TrueAsync(async () =>
        {
            var response = await app.Admin.GetAsync($"/charts/u.{BoardAppFactory.BigUnit}.ikm.svg");
            svg = response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "";
            return svg.Contains("94,44");
        }, "the unit IKM trend shows 94,44", TimeSpan.FromSeconds(10));
        Assert.Contains("94,44", svg);
    }
}
