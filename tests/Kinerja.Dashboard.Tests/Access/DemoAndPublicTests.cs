using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Kinerja.Core.Privacy;
using Kinerja.Dashboard.Access;
using Kinerja.Ingest.Http.Documentation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>
/// Demo mode creates one user per role and a demo source (hashed, printed once); every anonymous GET response of the
/// seeded demo app is scanned for NIPs and employee names.
/// </summary>
public sealed partial class DemoAndPublicTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task DemoMode_CreatesOneUserPerRole_WithHashedPasswords()
    {
        var users = await app.Services.GetRequiredService<UserStore>().ListAsync();
        foreach (var role in AccessRoles.All)
        {
            var user = Assert.Single(users, u => u.Username == "demo-" + role);
            Assert.Equal(role, user.Role);
            Assert.StartsWith("AQAAAA", user.PasswordHash); // PasswordHasher v3 format
        }
        var pimpinan = users.Single(u => u.Role == AccessRoles.Pimpinan);
        Assert.Single(pimpinan.Regions);
        var source = await app.Services.GetRequiredService<SourceStore>().FindByNameAsync(DemoAccess.SourceName);
        Assert.NotNull(source);
        Assert.True(source.Scope.Length >= 5);
        Assert.All(source.Scope, s => Assert.StartsWith("region:", s));
    }

    [Fact]
    public async Task DemoAccess_SecondStart_CreatesNothing_AndPrintsNoSecrets()
    {
        var before = (await app.Services.GetRequiredService<UserStore>().ListAsync()).Count;
        var lines = await app.Services.EnsureDemoAccessAsync();
        Assert.Equal(before, (await app.Services.GetRequiredService<UserStore>().ListAsync()).Count);
        Assert.All(lines, l => Assert.Contains("sudah ada", l));
    }

    [Fact]
    public async Task DemoAccess_PrintedPassword_SignsIn()
    {
        Assert.NotNull(app.Services); // start the app (and its demo set-up) first
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("delete from app_user where username = 'demo-admin'");
        }
        var lines = await app.Services.EnsureDemoAccessAsync();
        var password = Regex.Match(string.Join("\n", lines), @"demo-admin / (\S+)").Groups[1].Value;
        Assert.NotEmpty(password);
        var response = await new LoginForm(app).SubmitAsync("demo-admin", password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task DemoAccess_PrintsPegawaiAndTheirAtasan_WithNips_AndTheirPasswordsSignIn()
    {
        Assert.NotNull(app.Services); // start the app (and its demo set-up) first
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("delete from app_user where username in ('demo-pegawai', 'demo-atasan')");
        }
        var text = string.Join("\n", await app.Services.EnsureDemoAccessAsync());
        var pegawai = Regex.Match(text, @"pegawai\s+demo-pegawai / (\S+)  \(NIP (\d{18})");
        var atasan = Regex.Match(text, @"atasan\s+demo-atasan / (\S+)  \(NIP (\d{18})");
        Assert.True(pegawai.Success && atasan.Success, text);
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            Assert.Equal(atasan.Groups[2].Value, await conn.ExecuteScalarAsync<string>(
                "select supervisor_nip::text from employee where nip = @nip", new { nip = pegawai.Groups[2].Value }));
            Assert.NotNull(await conn.ExecuteScalarAsync<string?>(
                "select supervisor_nip::text from employee where nip = @nip", new { nip = atasan.Groups[2].Value }));
        }
        var form = new LoginForm(app);
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync("demo-pegawai", pegawai.Groups[1].Value)).StatusCode);
        var me = await form.Client.GetStringAsync("/api/v1/me");
        Assert.Contains($"\"supervisorNip\":\"{atasan.Groups[2].Value}\"", me);
        Assert.Equal(HttpStatusCode.Redirect,
            (await new LoginForm(app).SubmitAsync("demo-atasan", atasan.Groups[1].Value)).StatusCode);
        Assert.All(await app.Services.EnsureDemoAccessAsync(), l => Assert.Contains("sudah ada", l));
    }

    [Fact]
    public async Task EveryAnonymousGet_CarriesNoNipOrEmployeeName()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var names = (await conn.QueryAsync<string>("select distinct name from employee")).ToHashSet();
        var employeeNips = (await conn.QueryAsync<string>("select nip from employee")).ToHashSet();
        var regions = (await conn.QueryAsync<string>("select id from region")).ToList();
        var units = (await conn.QueryAsync<string>("select id from unit limit 3")).ToList();
        Assert.True(names.Count > 100);
        Assert.Equal(0L, await conn.ExecuteScalarAsync<long>("select count(*) from employee where nip = any(@nips)",
            new { nips = IngestExamples.Nips.ToArray() }));
        var client = app.CreateClient();
        var anonymous = EndpointCatalog.All(app.Services).Where(e => e.Anonymous && e.Method == "GET").ToList();
        Assert.Contains(anonymous, e => e.Pattern == "/");
        var scanned = 0;
        foreach (var e in anonymous)
        {
            foreach (var region in regions)
            {
                var url = e.Url(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                {
                    ["region"] = region, ["regionId"] = region, ["unit"] = units[0], ["unitId"] = units[0],
                    ["documentName"] = "v1", ["id"] = region,
                });
                using var response = await client.GetAsync(url);
                var type = response.Content.Headers.ContentType?.MediaType ?? "";
                if (type.Contains("javascript") || type.Contains("css") || type.StartsWith("font/", StringComparison.Ordinal))
                {
                    continue; // bundled static code, not data
                }
                var body = await response.Content.ReadAsStringAsync();
                scanned++;
                // Only a stored employee's NIP is a leak: an 18-digit run also occurs in the decimals of a metric
                // value (/metrics once printed 1.962105580875916137), and the API reference's examples name two
                // fictitious NIPs (born 1900).
                var nips = Nip().Matches(body).Select(m => m.Value).Where(employeeNips.Contains).ToList();
                Assert.True(nips.Count == 0, $"{url} contains an 18-digit number (NIP) {string.Join(", ", nips)}");
                var leaked = names.FirstOrDefault(n => body.Contains(n, StringComparison.Ordinal));
                Assert.True(leaked is null, $"{url} contains the employee name '{leaked}'");
            }
        }
        Assert.True(scanned >= regions.Count);
    }

    [Fact]
    public void SmallGroups_SuppressesBelowTheConfiguredMinimum()
    {
        var groups = app.Services.GetRequiredService<SmallGroups>();
        Assert.Equal(5, app.Services.GetRequiredService<IOptions<PrivacyOptions>>().Value.MinGroupSize);
        Assert.Null(groups.Suppress(87.5, 4));
        Assert.Equal(87.5, groups.Suppress(87.5, 5));
        Assert.Null(groups.Suppress((double?)null, 50));
        Assert.Equal(SmallGroups.Dash, SmallGroups.Show(groups.Suppress(3.2, 1)));
        Assert.Equal("3,2", SmallGroups.Show(groups.Suppress(3.2, 9)));
        Assert.Null(SmallGroups.Suppress(1m, 9, minGroupSize: 10));
        Assert.False(groups.IsPublishable(0));
    }

    [GeneratedRegex(@"(?<!\d)\d{18}(?!\d)")]
    private static partial Regex Nip();
}
