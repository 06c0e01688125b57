using System.Net;
using System.Text.RegularExpressions;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Pages;

/// <summary>
/// A 403 on <c>/css</c> and <c>/js</c> was once seen on <c>/aturan</c> under the test sign-in scheme:
/// an sdm user signed in through the real form, with the session cookie only, must get the console
/// page and every stylesheet and script it references.
/// </summary>
public sealed partial class RulesConsoleAssetsTests(LoginAppFactory app) : IClassFixture<LoginAppFactory>
{
    private const string Password = "kata-sandi-aset-123";

    [Fact]
    public async Task RulesConsole_RealSdmCookieSession_LoadsItsStylesheetsAndScripts()
    {
        await app.Services.GetRequiredService<UserStore>().AddAsync("sdm-aset", AccessRoles.Sdm, "", Passwords.Hash(Password), "test");
        var browser = new LoginForm(app);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync("sdm-aset", Password, "/aturan")).StatusCode);

        var page = await browser.Client.GetAsync("/aturan");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var assets = Asset().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await browser.Client.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0, asset + " is empty");
        }
    }

    [GeneratedRegex("(?:href|src)=\"(/(?:css|js|lib)/[^\"?]+)")]
    private static partial Regex Asset();
}
