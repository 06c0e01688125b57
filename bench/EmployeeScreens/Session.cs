using System.Net;
using System.Text.RegularExpressions;

namespace Kinerja.Bench.EmployeeScreens;

/// <summary>A person's browser session: <c>GET /masuk</c> for the antiforgery token, POST the form, keep <c>kinerja.sesi</c>.</summary>
public sealed partial class Session : IDisposable
{
    private Session(Person person, HttpClient client, CookieContainer cookies)
    {
        Person = person;
        Client = client;
        Cookies = cookies;
    }

    public Person Person { get; }

    /// <summary>Carries the session cookie.</summary>
    public HttpClient Client { get; }

    /// <summary>The same cookies, for this person's hub connection.</summary>
    public CookieContainer Cookies { get; }

    public static async Task<Session> SignInAsync(Uri server, Person person, string password)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var page = await client.GetStringAsync("/masuk");
        var token = Token().Match(page);
        if (!token.Success)
        {
            client.Dispose();
            throw new InvalidOperationException("No antiforgery token on /masuk");
        }
        using var response = await client.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["username"] = person.Nip,
            ["password"] = password,
            ["returnUrl"] = "/saya",
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(server)["kinerja.sesi"] is null)
        {
            client.Dispose();
            throw new InvalidOperationException($"Sign-in as {person.Nip} failed: {(int)response.StatusCode}");
        }
        return new Session(person, client, cookies);
    }

    /// <summary>Signs everybody in, <paramref name="parallel"/> at a time (each sign-in is one PBKDF2 check on the server).</summary>
    public static async Task<Dictionary<string, Session>> SignInAllAsync(Uri server, IEnumerable<Person> people, string password, int parallel)
    {
        var sessions = new Dictionary<string, Session>();
        using var gate = new SemaphoreSlim(parallel);
        await Task.WhenAll(people.Select(async p =>
        {
            await gate.WaitAsync();
            try
            {
                var s = await SignInAsync(server, p, password);
                lock (sessions)
                {
                    sessions[p.Nip] = s;
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        return sessions;
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
