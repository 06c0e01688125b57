using System.Net;
using System.Text.RegularExpressions;

namespace Kinerja.Testing;

/// <summary>
/// Signs in to a running server process the way a person does: <c>GET /masuk</c> for the antiforgery token, then the
/// form. The returned client keeps the session cookie; hand <see cref="Cookies"/> to a HubConnection
/// (<c>o.Cookies = signIn.Cookies</c>) to connect as the same user.
/// </summary>
public sealed partial class FormSignIn : IDisposable
{
    private FormSignIn(HttpClient client, CookieContainer cookies)
    {
        Client = client;
        Cookies = cookies;
    }

    public HttpClient Client { get; }

    public CookieContainer Cookies { get; }

    /// <summary>Signs in at <paramref name="baseUri"/>; fails with the server's answer when the sign-in is refused.</summary>
    public static async Task<FormSignIn> SignInAsync(Uri baseUri, string username, string password, TimeSpan? timeout = null)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = baseUri,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
        var page = await client.GetStringAsync("masuk");
        var token = Token().Match(page).Groups[1].Value;
        using var response = await client.PostAsync("masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = WebUtility.HtmlDecode(token),
            ["username"] = username,
            ["password"] = password,
            ["returnUrl"] = "/",
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException(
                $"Sign-in of '{username}' at {baseUri} was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return new FormSignIn(client, cookies);
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
