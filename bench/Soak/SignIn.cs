using System.Net;
using System.Text.RegularExpressions;

namespace Kinerja.Bench.Soak;

/// <summary>A person's session the way a browser gets one: GET /masuk for the antiforgery token, POST the form, keep the cookie.</summary>
public sealed partial class SignIn : IDisposable
{
    private SignIn(HttpClient client, CookieContainer cookies)
    {
        Client = client;
        Cookies = cookies;
    }

    /// <summary>Carries the session cookie (<c>kinerja.sesi</c>).</summary>
    public HttpClient Client { get; }

    /// <summary>The same cookies, for SignalR connections of this person.</summary>
    public CookieContainer Cookies { get; }

    public static async Task<SignIn> AsAsync(Uri baseUri, string user, string password, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var page = await client.GetStringAsync("/masuk", ct);
        var token = Token().Match(page).Groups[1].Value;
        using var response = await client.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = WebUtility.HtmlDecode(token),
            ["username"] = user,
            ["password"] = password,
            ["returnUrl"] = "/",
        }), ct);
        if (response.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(baseUri)["kinerja.sesi"] is null)
        {
            client.Dispose();
            throw new InvalidOperationException($"Sign-in as {user} failed: {(int)response.StatusCode}");
        }
        return new SignIn(client, cookies);
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
