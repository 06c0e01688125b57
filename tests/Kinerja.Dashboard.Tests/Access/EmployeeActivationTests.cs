using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Reference;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>
/// First sign-in of provisioned accounts (activation code → chosen password, nothing reachable before, code single-use,
/// expiry) and leavers disabled by the reference import, through the real forms and session cookie.
/// </summary>
public sealed partial class EmployeeActivationTests(LoginAppFactory app) : IClassFixture<LoginAppFactory>, IAsyncLifetime
{
    private const string NewPassword = "kata-sandi-baru-123";
    private IReadOnlyList<string> _nips = [];

    public async Task InitializeAsync() =>
        _nips = await TestData.SeedUnitWithStaffAsync(app.DataSource, "ak-a", "ak-a-dinas", 6, nipOffset: 8300);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Provisions the account of <paramref name="nip"/> and returns its activation code.</summary>
    private async Task<string> ProvisionAsync(string nip)
    {
        var result = await app.Services.GetRequiredService<EmployeeProvisioning>().ForNipsAsync([new NipList.Row(1, nip)], "test");
        return Assert.Single(result.Created).Code;
    }

    private async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__af"] = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
        return await client.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    private Task<HttpResponseMessage> ActivateAsync(HttpClient client, string nip, string code, string password = NewPassword,
        string? repeat = null) =>
        PostFormAsync(client, "/aktivasi", new()
        {
            ["username"] = nip, ["code"] = code, ["password"] = password, ["repeat"] = repeat ?? password,
        });

    [Fact]
    public async Task FirstSignIn_WithTheCode_GivesNoSession_UntilAPasswordIsChosen()
    {
        var nip = _nips[1];
        var code = await ProvisionAsync(nip);
        var form = new LoginForm(app);
        // The code typed as a password on /masuk: the activation form, the code carried, and no session cookie.
        using var masuk = await form.SubmitAsync(nip, code.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.OK, masuk.StatusCode);
        var page = await masuk.Content.ReadAsStringAsync();
        Assert.Contains("Aktivasi akun", page);
        Assert.Contains("Pilih kata sandi baru", page);
        Assert.DoesNotContain(masuk.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("kinerja.sesi"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await form.Client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await form.Client.GetAsync("/aturan")).StatusCode);

        // A too short or mismatched password keeps the account pending.
        Assert.Equal(HttpStatusCode.BadRequest, (await ActivateAsync(form.Client, nip, code, "pendek")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ActivateAsync(form.Client, nip, code, NewPassword, NewPassword + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await form.Client.GetAsync("/api/v1/me")).StatusCode);

        using var activated = await ActivateAsync(form.Client, nip, code);
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        var me = await form.Client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(nip, me.GetProperty("nip").GetString());

        // From now on the chosen password signs in, the code does not.
        Assert.Equal(HttpStatusCode.Redirect, (await new LoginForm(app).SubmitAsync(nip, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new LoginForm(app).SubmitAsync(nip, code)).StatusCode);
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.Equal(1L, await conn.ExecuteScalarAsync<long>(
            "select count(*) from audit where action = 'user.activate' and target = @t", new { t = "user:" + nip }));
    }

    [Fact]
    public async Task ActivationCode_WorksOnce()
    {
        var nip = _nips[2];
        var code = await ProvisionAsync(nip);
        Assert.Equal(HttpStatusCode.Redirect, (await ActivateAsync(new LoginForm(app).Client, nip, code)).StatusCode);
        using var reuse = await ActivateAsync(new LoginForm(app).Client, nip, code, "kata-sandi-lain-456");
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Contains("kode sudah dipakai", await reuse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await new LoginForm(app).SubmitAsync(nip, "kata-sandi-lain-456")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await new LoginForm(app).SubmitAsync(nip, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task ExpiredCode_IsRefused_OnBothForms()
    {
        var nip = _nips[3];
        var code = await ProvisionAsync(nip);
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                update activation_code set expires_at = now() - interval '1 minute'
                where user_id = (select id from app_user where nip = @nip)
                """, new { nip });
        }
        using var activation = await ActivateAsync(new LoginForm(app).Client, nip, code);
        Assert.Equal(HttpStatusCode.Unauthorized, activation.StatusCode);
        Assert.Contains("kedaluwarsa", await activation.Content.ReadAsStringAsync());
        using var masuk = await new LoginForm(app).SubmitAsync(nip, code);
        Assert.Equal(HttpStatusCode.Unauthorized, masuk.StatusCode);
        Assert.Contains("kedaluwarsa", await masuk.Content.ReadAsStringAsync());
        Assert.True((await app.Services.GetRequiredService<UserStore>().FindAsync(nip))!.MustChangePassword);
    }

    [Fact]
    public async Task WrongCodes_LockThePendingAccount_LikeWrongPasswords()
    {
        var nip = _nips[4];
        var code = await ProvisionAsync(nip);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ActivateAsync(new LoginForm(app).Client, nip, "AAAAA-AAAAA-AAAAA")).StatusCode);
        }
        using var locked = await ActivateAsync(new LoginForm(app).Client, nip, code);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("dikunci", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Leaver_IsDisabledByTheReferenceImport_AndTheirSessionEnds()
    {
        var nip = _nips[5];
        var code = await ProvisionAsync(nip);
        var form = new LoginForm(app);
        Assert.Equal(HttpStatusCode.Redirect, (await ActivateAsync(form.Client, nip, code)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await form.Client.GetAsync("/api/v1/me")).StatusCode);

        var file = Path.Combine(Directory.CreateTempSubdirectory("kinerja-leaver-").FullName, "employees.json");
        await File.WriteAllTextAsync(file, $$"""
            { "employees": [ { "nip": "{{nip}}", "name": "Pegawai Uji", "unitId": "ak-a-dinas", "position": "Pelaksana",
                               "status": "PNS", "supervisorNip": "{{_nips[0]}}", "active": false } ] }
            """);
        var importer = new ReferenceImporter(app.Services.GetRequiredService<ReferenceRepository>(),
            app.Services.GetRequiredService<EmployeeAccountStore>());
        var result = await importer.ImportAsync(file, default);
        Assert.Empty(result.Errors);
        Assert.Equal([nip], result.DisabledAccounts);

        await Eventually.TrueAsync(async () => (await form.Client.GetAsync("/api/v1/me")).StatusCode == HttpStatusCode.Unauthorized,
            "the leaver's session ends");
        Assert.True((await app.Services.GetRequiredService<UserStore>().FindAsync(nip))!.Disabled);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new LoginForm(app).SubmitAsync(nip, NewPassword)).StatusCode);
        // Importing again disables nothing more.
        Assert.Empty((await importer.ImportAsync(file, default)).DisabledAccounts);
    }

    [Fact]
    public async Task SuperiorRelations_FollowAReferenceImport_AtOnce_NotAfterTheCacheLifetime()
    {
        var (head, kabid, moved) = (_nips[0], _nips[1], _nips[6]);
        var team = app.Services.GetRequiredService<TeamScope>();
        Assert.Equal([head], await team.ChainAboveAsync(moved)); // now cached (30 s by default)
        Assert.True(await team.IsDirectReportAsync(head, moved));

        var file = Path.Combine(Directory.CreateTempSubdirectory("kinerja-move-").FullName, "employees.csv");
        await File.WriteAllTextAsync(file, $"nip,name,unitId,position,status,supervisorNip\n{moved},Pegawai Uji,ak-a-dinas,Pelaksana,PNS,{kabid}\n");
        var importer = new ReferenceImporter(app.Services.GetRequiredService<ReferenceRepository>(),
            app.Services.GetRequiredService<EmployeeAccountStore>());
        Assert.Empty((await importer.ImportAsync(file, default)).Errors);

        await Eventually.TrueAsync(async () => (await team.ChainAboveAsync(moved)).SequenceEqual([kabid, head]),
            "the moved employee's chain is re-read", TimeSpan.FromSeconds(10));
        Assert.False(await team.IsDirectReportAsync(head, moved));
        Assert.True(await team.IsDirectReportAsync(kabid, moved));
        Assert.Contains(moved, await team.DirectReportsAsync(kabid));
        Assert.True(await team.IsSuperiorAsync(head, moved)); // still above, one step further up
    }

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
