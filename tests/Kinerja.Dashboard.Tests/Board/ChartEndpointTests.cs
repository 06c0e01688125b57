using System.Net;
using System.Net.Http.Headers;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary><c>GET /charts/{id}.svg|.png</c>: the cached rendering with ETag = version, 304 on a match.</summary>
public sealed class ChartEndpointTests(BoardAppFactory app) : IClassFixture<BoardAppFactory>
{
    private const string ChartId = "r." + BoardAppFactory.RegionId + ".pengisian";

    [Fact]
    public async Task Svg_AfterASubscribe_ServedWithETagAnd304OnMatch()
    {
        await using var screen = await HubClient.ConnectAsync(app);
        await screen.SubscribeAsync("region:" + BoardAppFactory.RegionId);
        var http = app.Admin;

        var first = await http.GetAsync($"/charts/{ChartId}.svg");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/svg+xml", first.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", await first.Content.ReadAsStringAsync());
        var etag = first.Headers.ETag!;
        Assert.StartsWith($"\"{ChartId}-", etag.Tag);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/charts/{ChartId}.svg");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(again)).StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/charts/{ChartId}.svg");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{ChartId}-1\""));
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task Png_SameVersionAsSvg_IsAPngImage()
    {
        await using var screen = await HubClient.ConnectAsync(app);
        await screen.SubscribeAsync("region:" + BoardAppFactory.RegionId);
        var http = app.Admin;

        var svg = await http.GetAsync($"/charts/{ChartId}.svg");
        var png = await http.GetAsync($"/charts/{ChartId}.png");

        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        var bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        Assert.Equal(svg.Headers.ETag!.Tag, png.Headers.ETag!.Tag);
    }

    [Theory]
    [InlineData("/charts/r.tidak-ada.pengisian.svg")]
    [InlineData("/charts/" + ChartId + ".gif")]
    public async Task UnknownChartOrFormat_IsNotFound(string path)
    {
        var response = await app.Admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Pages_CarrySecurityHeaders()
    {
        var response = await app.Admin.GetAsync("/papan/" + BoardAppFactory.RegionId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        // One policy: the screens send the same Content-Security-Policy as every other page.
        var home = await app.Admin.GetAsync("/");
        Assert.Equal(home.Headers.GetValues("Content-Security-Policy").Single(), response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var kiosk = await app.Admin.GetAsync("/papan/" + BoardAppFactory.RegionId + "?kiosk=1");
        var kioskCsp = kiosk.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'self'", kioskCsp);
        Assert.DoesNotContain("frame-ancestors 'none'", kioskCsp);
        Assert.Equal("SAMEORIGIN", kiosk.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin.GetAsync("/papan/tidak-ada")).StatusCode);
    }
}
