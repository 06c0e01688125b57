using System.Net;
using Kinerja.Dashboard.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>Cookie sign-in at /masuk: success, wrong password, lockout, sign-out, open-redirect guard, audit rows.</summary>
public sealed class LoginTests(LoginAppFactory app) : IClassFixture<LoginAppFactory>
{
    private const string Password = "kata-sandi-uji-123";

    private async Task<string> NewUserAsync(string name, string role = AccessRoles.Sdm)
    {
        await app.Services.GetRequiredService<UserStore>().AddAsync(name, role, "", Passwords.Hash(Password), "test");
        return name;
    }

    [Fact]
    public async Task LoginPage_IsIndonesianWithAnAntiforgeryToken()
    {
        var response = await app.CreateClient().GetAsync("/masuk");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nama pengguna", html);
        Assert.Contains("Kata sandi", html);
        Assert.Contains("name=\"__af\"", html);
    }

    [Fact]
    public async Task Login_RightPassword_SetsAnHttpOnlyStrictCookieThatOpensTheApi()
    {
        var name = await NewUserAsync("masuk-benar");
        var form = new LoginForm(app);
        var response = await form.SubmitAsync(name, Password, "/api/v1/regions");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/api/v1/regions", response.Headers.Location?.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kinerja.sesi=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await form.Client.GetAsync("/api/v1/regions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await form.Client.GetAsync("/api/v1/audit")).StatusCode);
        Assert.True(await AuditCountAsync(AuditActions.LoginSuccess, "user:" + name) == 1);
    }

    [Fact]
    public async Task Login_WrongPassword_Is401WithAMessageAndAnAuditRow()
    {
        var name = await NewUserAsync("masuk-salah");
        var response = await new LoginForm(app).SubmitAsync(name, "bukan-ini-sandinya");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Nama pengguna atau kata sandi salah", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await AuditCountAsync(AuditActions.LoginFailure, "user:" + name));
    }

    [Fact]
    public async Task Login_UnknownUser_IsTheSameAnswerAsAWrongPassword()
    {
        var response = await new LoginForm(app).SubmitAsync("tidak-ada", "apa-saja-123");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Nama pengguna atau kata sandi salah", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await AuditCountAsync(AuditActions.LoginFailure, "user:tidak-ada"));
    }

    [Fact]
    public async Task FiveFailures_LockTheAccount_EvenForTheRightPassword()
    {
        var name = await NewUserAsync("masuk-kunci");
        var form = new LoginForm(app);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await form.SubmitAsync(name, "salah-" + i + "-xxxxx")).StatusCode);
        }
        var fifth = await form.SubmitAsync(name, "salah-5-xxxxx");
        Assert.Contains("dikunci", await fifth.Content.ReadAsStringAsync());
        var right = await form.SubmitAsync(name, Password);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("dikunci", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await form.Client.GetAsync("/api/v1/regions")).StatusCode);
        Assert.Equal(5, await AuditCountAsync(AuditActions.LoginFailure, "user:" + name));
        Assert.Equal(1, await AuditCountAsync(AuditActions.LoginLocked, "user:" + name));
        var user = await app.Services.GetRequiredService<UserStore>().FindAsync(name);
        Assert.True(user!.LockedUntil > DateTime.UtcNow.AddMinutes(14));

        // An admin reset clears the lockout.
        await app.Services.GetRequiredService<UserStore>().SetPasswordAsync(name, Passwords.Hash(Password), "test");
        Assert.Equal(HttpStatusCode.Redirect, (await new LoginForm(app).SubmitAsync(name, Password)).StatusCode);
    }

    [Fact]
    public async Task Login_WithoutTheAntiforgeryToken_IsRefused()
    {
        var name = await NewUserAsync("masuk-csrf");
        var response = await app.CreateClient().PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = name,
            ["password"] = Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await AuditCountAsync(AuditActions.LoginSuccess, "user:" + name));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task Login_ToAForeignReturnUrl_GoesHomeInstead(string returnUrl)
    {
        var name = await NewUserAsync("masuk-arah-" + Math.Abs(returnUrl.GetHashCode() % 10000));
        var response = await new LoginForm(app).SubmitAsync(name, Password, returnUrl);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Logout_EndsTheSession_AndIsAudited()
    {
        var name = await NewUserAsync("keluar-uji");
        var form = new LoginForm(app);
        await form.SubmitAsync(name, Password);
        Assert.Equal(HttpStatusCode.OK, (await form.Client.GetAsync("/api/v1/regions")).StatusCode);
        var page = await form.Client.GetStringAsync("/keluar");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__af\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await form.Client.PostAsync("/keluar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await form.Client.GetAsync("/api/v1/regions")).StatusCode);
        Assert.Equal(1, await AuditCountAsync(AuditActions.Logout, "user:" + name));
    }

    [Fact]
    public async Task DisabledUser_LosesTheirSession()
    {
        var name = await NewUserAsync("nonaktif-uji");
        var form = new LoginForm(app);
        await form.SubmitAsync(name, Password);
        Assert.Equal(HttpStatusCode.OK, (await form.Client.GetAsync("/api/v1/regions")).StatusCode);
        await app.Services.GetRequiredService<UserStore>().SetDisabledAsync(name, true, "test");
        await EndpointPolicyTests.WaitUntilAsync(async () =>
            (await form.Client.GetAsync("/api/v1/regions")).StatusCode == HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task StoredPassword_IsAHashNotThePassword()
    {
        var name = await NewUserAsync("hash-uji");
        var user = await app.Services.GetRequiredService<UserStore>().FindAsync(name);
        Assert.DoesNotContain(Password, user!.PasswordHash);
        Assert.True(Passwords.Verify(user.PasswordHash, Password));
    }

    private async Task<int> AuditCountAsync(string action, string actor)
    {
        var rows = await app.Services.GetRequiredService<AuditReader>().ReadAsync(new AuditFilter(action, actor), default);
        return rows.Count;
    }
}
