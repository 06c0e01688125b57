using System.Net;
using System.Text.RegularExpressions;
using Kinerja.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>Drives the real sign-in form: GET /masuk for the antiforgery token, POST the form, keep the cookie.</summary>
public sealed partial class LoginForm(KinerjaAppFactory app)
{
    public HttpClient Client { get; } = app.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    public async Task<HttpResponseMessage> SubmitAsync(string username, string password, string returnUrl = "/")
    {
        var page = await Client.GetStringAsync("/masuk");
        var token = Token().Match(page).Groups[1].Value;
        return await Client.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = WebUtility.HtmlDecode(token),
            ["username"] = username,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
