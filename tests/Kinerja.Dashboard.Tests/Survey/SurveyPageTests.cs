using System.Net;
using Kinerja.Core.Survey;
using Kinerja.Dashboard.Tests.Board;

namespace Kinerja.Dashboard.Tests.Survey;

/// <summary>The survey page and its QR codes, anonymous.</summary>
public sealed class SurveyPageTests(SurveyAppFactory app) : IClassFixture<SurveyAppFactory>
{
    [Fact]
    public async Task Page_lists_the_nine_official_elements_with_four_answers_each_and_the_honeypot()
    {
        var html = await app.CreateClient().GetStringAsync("/survei/" + BoardAppFactory.BigUnit + "?kiosk=1");

        foreach (var name in SurveyElements.OfficialNames)
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(name), html);
        }
        Assert.Equal(36, html.Split("type=\"radio\"").Length - 1);
        Assert.Contains("name=\"website\" tabindex=\"-1\"", html);
        Assert.Contains("data-kiosk=\"1\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/survei/dinas-hilang")).StatusCode);
    }

    [Fact]
    public async Task Qr_codes_are_served_as_svg_and_png_for_known_units_only()
    {
        var client = app.CreateClient();
        var svg = await client.GetAsync($"/survei/{BoardAppFactory.BigUnit}/qr.svg");
        var png = await client.GetAsync($"/survei/{BoardAppFactory.BigUnit}/qr.png");
        var other = await client.GetStringAsync($"/survei/{BoardAppFactory.SmallUnit}/qr.svg");

        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        var svgText = await svg.Content.ReadAsStringAsync();
        Assert.Contains("<svg", svgText);
        Assert.NotEqual(svgText, other); // another address, another code
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, (await png.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/survei/dinas-hilang/qr.svg")).StatusCode);
    }
}
