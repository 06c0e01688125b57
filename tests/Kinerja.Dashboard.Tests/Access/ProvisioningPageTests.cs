using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Employees;
using Kinerja.Testing;
using static Kinerja.Dashboard.Tests.Employees.LoopClient;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>
/// HR's console action "Buat akun pegawai" (<c>/akun-pegawai</c>) over a real socket with real sign-in and PostgreSQL:
/// sdm and admin provision a unit's employees and download the activation codes as the CLI's CSV; a second run issues
/// nothing new (reissue gives new codes to accounts not activated yet); the form needs its antiforgery token; everybody
/// else is turned away and creates nothing.
/// </summary>
public sealed partial class ProvisioningPageTests(LoopServerFactory app) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;
    private LoopSessions _as = null!;
    private string[] _fresh = null!;
    private string[] _untouched = null!;
    private string FreshUnit => _w.Prefix + "-a-baru";
    private string UntouchedUnit => _w.Prefix + "-a-sisa"; // never provisioned: the refusals below must leave it so

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "ap", 8000);
        _as = new LoopSessions(app, _w);
        _fresh = [TestNips.Make(8010), TestNips.Make(8011), TestNips.Make(8012, '2')];
        await TestData.SeedUnitAsync(app.DataSource, FreshUnit, _w.RegionA);
        foreach (var (nip, i) in _fresh.Select((n, i) => (n, i)))
        {
            await TestData.SeedEmployeeAsync(app.DataSource, nip, FreshUnit, name: i == 0 ? "=Rumus Berbahaya" : "Pegawai Baru " + i);
        }
        _untouched = [TestNips.Make(8020), TestNips.Make(8021)];
        await TestData.SeedUnitAsync(app.DataSource, UntouchedUnit, _w.RegionA);
        foreach (var nip in _untouched)
        {
            await TestData.SeedEmployeeAsync(app.DataSource, nip, UntouchedUnit);
        }
    }

    public Task DisposeAsync()
    {
        _as.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Sdm_ProvisionsAUnit_DownloadsTheCodesCsv_ASecondRunIssuesNothing_ReissueGivesNewCodes()
    {
        var sdm = await _as.ClientAsync("sdm");
        var page = await sdm.GetStringAsync("akun-pegawai");
        Assert.Contains("Buat akun pegawai", page);
        Assert.Contains($"value=\"unit:{FreshUnit}\"", page);

        using var first = await SubmitAsync(sdm, $"unit:{FreshUnit}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/csv", first.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"kode-aktivasi-unit-{FreshUnit}-", first.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await first.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(CodesFile.Header, lines[0]);
        Assert.Equal(_fresh.Order(StringComparer.Ordinal), lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains(lines, l => l.StartsWith($"{_fresh[0]},'=Rumus Berbahaya,{_fresh[0]},", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.True(l.Split(',')[3].Length >= 8, l));
        Assert.Equal(3, await AccountsAsync(_fresh));
        Assert.Equal(1, await ScalarAsync<int>(app.DataSource,
            "select count(*)::int from audit where action = 'user.provision' and actor = @a and target = @t",
            new { a = "user:" + _w.Account("sdm"), t = "unit:" + FreshUnit }));

        using var second = await SubmitAsync(sdm, $"unit:{FreshUnit}");
        Assert.Equal("text/html", second.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Tidak ada kode baru: 3 pegawai aktif di sini sudah memiliki akun", await second.Content.ReadAsStringAsync());
        Assert.Equal(3, await AccountsAsync(_fresh));

        using var reissued = await SubmitAsync(await _as.ClientAsync("admin"), $"unit:{FreshUnit}", reissue: true);
        var again = (await reissued.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(3, again.Count);
        Assert.Empty(again.Select(l => l.TrimEnd('\r')).Intersect(lines.Skip(1)));
        Assert.Equal(3, await AccountsAsync(_fresh));
    }

    [Fact]
    public async Task AFormWithoutItsToken_OrABadScope_GetsASpecificIndonesianMessage_AndCreatesNothing()
    {
        var sdm = await _as.ClientAsync("sdm");
        using var noToken = await sdm.PostAsync("akun-pegawai", new FormUrlEncodedContent(new Dictionary<string, string> { ["scope"] = $"unit:{UntouchedUnit}" }));
        using var unknown = await SubmitAsync(sdm, "unit:tidak-ada");
        using var garbage = await SubmitAsync(sdm, "semua");

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("Formulir kedaluwarsa", await noToken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Unit &#39;tidak-ada&#39; tidak dikenal.", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Contains("Pilih unit atau wilayah yang akan dibuatkan akun.", await garbage.Content.ReadAsStringAsync());
        Assert.Equal(0, await AccountsAsync(_untouched));
    }

    [Fact]
    public async Task AnonymousPegawaiAndPimpinan_AreTurnedAway_AndCreateNothing()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseUri };
        using var anonymousGet = await anonymous.SendAsync(Browser(HttpMethod.Get));
        using var anonymousPost = await anonymous.SendAsync(Browser(HttpMethod.Post));
        Assert.Equal(HttpStatusCode.Redirect, anonymousGet.StatusCode);
        Assert.Contains("/masuk", anonymousGet.Headers.Location?.ToString());
        Assert.NotEqual(HttpStatusCode.OK, anonymousPost.StatusCode);
        foreach (var who in new[] { "s1", "b", "pimpinan" })
        {
            var client = await _as.ClientAsync(who);
            using var get = await client.SendAsync(Browser(HttpMethod.Get));
            using var post = await client.SendAsync(Browser(HttpMethod.Post));
            using var script = await client.GetAsync("akun-pegawai"); // not a browser: a problem, not a redirect
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.Contains("akses-ditolak", get.Headers.Location?.ToString());
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, script.StatusCode);
        }
        Assert.Equal(0, await AccountsAsync(_untouched));
    }

    private HttpRequestMessage Browser(HttpMethod method)
    {
        var request = new HttpRequestMessage(method, "akun-pegawai");
        request.Headers.Accept.ParseAdd("text/html");
        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["scope"] = $"unit:{UntouchedUnit}" });
        }
        return request;
    }

    private Task<int> AccountsAsync(string[] nips) =>
        ScalarAsync<int>(app.DataSource, "select count(*)::int from app_user where nip = any(@n::char(18)[])", new { n = nips });

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string scope, bool reissue = false)
    {
        var page = await client.GetStringAsync("akun-pegawai");
        var form = new Dictionary<string, string> { ["__af"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value), ["scope"] = scope };
        if (reissue)
        {
            form["reissue"] = "true";
        }
        return await client.PostAsync("akun-pegawai", new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
