using System.Net;
using System.Text.RegularExpressions;

namespace Kinerja.Bench.Fanout;

/// <summary>
/// The demo accounts a fresh demo server prints once on its first start (README "Running it safely"):
/// the <c>demo-admin</c> password (screens of every region, board stats) and the <c>demo-sumber</c>
/// ingest key. The bench signs in through the login form like a browser and posts with the key.
/// </summary>
public sealed partial record DemoCredentials(string AdminPassword, string SourceKey)
{
    public static DemoCredentials Parse(string serverOutput)
    {
        var admin = AdminLine().Match(serverOutput);
        var key = SourceLine().Match(serverOutput);
        if (!admin.Success || !key.Success)
        {
            throw new InvalidOperationException("The server did not print the demo credentials (was its data folder fresh?)");
        }
        return new DemoCredentials(admin.Groups[1].Value, key.Groups[1].Value);
    }

    /// <summary>Signs in as <c>demo-admin</c> at <c>/masuk</c> (antiforgery token and cookie from the form); returns the session cookies.</summary>
    public async Task<CookieContainer> SignInAsync(Uri server)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        var form = await http.GetStringAsync("/masuk");
        var token = AntiforgeryField().Match(form);
        if (!token.Success)
        {
            throw new InvalidOperationException("No antiforgery token on /masuk");
        }
        using var response = await http.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["returnUrl"] = "/",
            ["username"] = "demo-admin",
            ["password"] = AdminPassword,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(server)["kinerja.sesi"] is null)
        {
            throw new InvalidOperationException($"Sign-in as demo-admin failed: {(int)response.StatusCode}");
        }
        return cookies;
    }

    [GeneratedRegex(@"demo-admin / (\S+)")]
    private static partial Regex AdminLine();

    [GeneratedRegex(@"demo-sumber: Authorization: Bearer (\S+)")]
    private static partial Regex SourceLine();

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
