using System.Net;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Pages;

/// <summary>
/// <c>/saya</c> as a browser meets it with the production sign-in (cookie from <c>/masuk</c>, no test header): the
/// employee's own frame with their name escaped, the <c>/tim</c> link only for a superior, anonymous sent to sign in,
/// an account without a NIP told why.
/// </summary>
public sealed class SayaPageAccessTests(EmployeeServerFactory app) : IClassFixture<EmployeeServerFactory>, IAsyncLifetime
{
    private const string HostileName = "Siti <script>alert(1)</script> & \"Co\"";
    private EmployeeWorld _w = null!;
    private string _hostileNip = "";
    private readonly List<IDisposable> _clients = [];

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "sy", 7300);
        _hostileNip = TestNips.Make(7310);
        if (await app.Services.GetRequiredService<UserStore>().FindAsync(_w.Account("xss")) is null)
        {
            await TestData.SeedEmployeeAsync(app.DataSource, _hostileNip, _w.UnitA, _w.B, name: HostileName);
            await app.Services.GetRequiredService<EmployeeAccountStore>()
                .AddAsync(_w.Account("xss"), _hostileNip, Passwords.Hash(EmployeeWorld.Password), "test");
        }
    }

    public Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        return Task.CompletedTask;
    }

    private async Task<HttpClient> AsAsync(string who)
    {
        var signIn = await FormSignIn.SignInAsync(app.BaseUri, _w.Account(who), EmployeeWorld.Password);
        _clients.Add(signIn);
        return signIn.Client;
    }

    private static async Task<HttpResponseMessage> PageAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html");
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Saya_ForAnEmployee_IsTheirOwnFrame_WithTheTeamLinkOnlyForASuperior()
    {
        using var staff = await PageAsync(await AsAsync("s1"), "saya");
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        var html = await staff.Content.ReadAsStringAsync();
        Assert.Contains($"data-nip=\"{_w.S1}\"", html);
        Assert.Contains("Staf Satu", html);
        Assert.Contains("data-tz=\"Asia/Jakarta\"", html);
        Assert.DoesNotContain("id=\"tautan-tim\"", html);

        using var superior = await PageAsync(await AsAsync("b"), "saya");
        var superiorHtml = await superior.Content.ReadAsStringAsync();
        Assert.Contains($"data-nip=\"{_w.B}\"", superiorHtml);
        Assert.Contains("<a id=\"tautan-tim\" href=\"/tim\">", superiorHtml);
    }

    [Fact]
    public async Task SayaAndTim_CarryTheSkpSections_AndSayaTheEvidenceLimitsTheUploadChecks()
    {
        var superior = await AsAsync("b");
        using var saya = await PageAsync(superior, "saya");
        var html = await saya.Content.ReadAsStringAsync();
        Assert.Contains("id=\"skp-saya\"", html);
        Assert.Contains("data-skp-max-bytes=\"5242880\"", html);
        Assert.Contains("data-skp-types=\"application/pdf,image/png,image/jpeg\"", html);
        Assert.Contains("src=\"/js/saya-skp.js\"", html);

        using var tim = await PageAsync(superior, "tim");
        var timHtml = await tim.Content.ReadAsStringAsync();
        Assert.Contains("id=\"skp-tim\"", timHtml);
        Assert.Contains("src=\"/js/tim-skp.js\"", timHtml);
    }

    [Fact]
    public async Task Saya_ShowsTheEmployeesNameEscaped()
    {
        using var response = await PageAsync(await AsAsync("xss"), "saya");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Siti &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;", html);
        Assert.DoesNotContain("<script>alert(1)", html);
    }

    [Fact]
    public async Task Saya_Anonymous_IsSentToSignIn()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseUri };
        using var response = await PageAsync(client, "saya");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/masuk?ReturnUrl=%2Fsaya", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Saya_ForAnAccountWithoutANip_IsRefusedWithAPageSayingSo()
    {
        foreach (var who in new[] { "admin", "pimpinan", "sdm" })
        {
            var client = await AsAsync(who);
            using var refused = await PageAsync(client, "saya");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/akses-ditolak?ReturnUrl=%2Fsaya", refused.Headers.Location?.PathAndQuery);
            using var page = await PageAsync(client, refused.Headers.Location!.PathAndQuery.TrimStart('/'));
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Contains("Akun ini tidak terhubung dengan pegawai", await page.Content.ReadAsStringAsync());
        }
        // Other refusals keep the general page.
        using var other = await PageAsync(await AsAsync("s1"), "akses-ditolak?ReturnUrl=%2Faturan");
        Assert.Contains("Akses ditolak", await other.Content.ReadAsStringAsync());
    }
}
