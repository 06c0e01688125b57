using Microsoft.Playwright;

namespace Kinerja.EndToEnd.Tests;

/// <summary>
/// The API reference page in Chromium, without signing in: it renders the ingest operations from this server alone
/// (no request leaves it, so it works on a closed network) and its Content-Security-Policy blocks nothing it needs.
/// </summary>
public sealed class ApiReferencePageTests(LiveServer server) : IClassFixture<LiveServer>
{
    [Fact]
    public async Task ReferencePage_Anonymous_RendersTheIngestApiFromThisServerOnly()
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 1100 },
            BaseURL = server.BaseUri.ToString(),
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var problems = new List<string>();
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(server.BaseUri.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
                && !r.Url.StartsWith("data:", StringComparison.Ordinal) && !r.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                problems.Add("request outside this server: " + r.Url);
            }
        };
        page.Response += (_, r) => { if (r.Status >= 400) { problems.Add($"{r.Status} {r.Url}"); } };
        page.Console += (_, m) => { if (m.Type == "error") { problems.Add("console error: " + m.Text); } };
        page.PageError += (_, e) => problems.Add("page error: " + e);

        // The reference is one large script bundle: wait for the document, then for the rendered link (not for the
        // load event of every resource, which a loaded 2-core machine can take longer than the default timeout for).
        await page.GotoAsync("/scalar/", new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        await page.Locator("a[href='#tag/ingest']").ClickAsync(new LocatorClickOptions { Timeout = 60_000 });
        await page.Locator("a[href*='api/v1/activities']").First.ClickAsync();
        await Assertions.Expect(page.GetByText("Ingest daily activity claims").Last).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("application/x-ndjson");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Retry-After");
        await LiveServer.ScreenshotAsync(page, "10-api-reference-ingest");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
