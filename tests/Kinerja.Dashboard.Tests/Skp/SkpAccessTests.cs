using System.Net;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Employees;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// Who reaches which SKP endpoint (issue 17): self, the direct superior, a peer, the chain above, another unit, another
/// region, anonymous, HR, a leader, an admin; and the unit predicate endpoint (HR/admin writes, audited).
/// </summary>
public sealed class SkpAccessTests(LoopServerFactory app) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;
    private LoopSessions _as = null!;

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "ska", 7760);
        _as = new LoopSessions(app, _w);
        await SeedIkuAsync(app.DataSource, _w);
        if ((await GetAsync(await _as.ClientAsync("s1"))).Status == HttpStatusCode.NotFound)
        {
            var k = await SaveAsync(await _as.ClientAsync("k"), Plan(0, Rhk("K1", null, "IKU-1")));
            var b = await SaveAsync(await _as.ClientAsync("b"), Plan(0, Rhk("B1", RhkId(k.Body, "K1"))));
            var s1 = await SaveAsync(await _as.ClientAsync("s1"), Plan(0, Rhk("S1", RhkId(b.Body, "B1"))));
            Assert.Equal(HttpStatusCode.OK, s1.Status);
            Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(await _as.ClientAsync("s1"))).Status);
        }
    }

    public Task DisposeAsync()
    {
        _as.Dispose();
        return Task.CompletedTask;
    }

    private (HttpMethod Method, string Url, JsonNode? Body)[] EmployeeEndpoints() =>
    [
        (HttpMethod.Get, $"api/v1/me/skp?year={Year}", null),
        (HttpMethod.Get, $"api/v1/me/skp/parents?year={Year}", null),
        (HttpMethod.Get, "api/v1/me/skp/years", null),
        (HttpMethod.Get, "api/v1/team/skp/years", null),
        (HttpMethod.Post, $"api/v1/me/skp?year={Year}", Plan(0)),
        (HttpMethod.Post, "api/v1/me/skp/submit", new JsonObject { ["year"] = Year }),
        (HttpMethod.Get, $"api/v1/team/skp?year={Year}", null),
        (HttpMethod.Post, $"api/v1/team/skp/{_w.S1}/decision", new JsonObject { ["approve"] = true }),
    ];

    [Fact]
    public async Task Anonymous_Is401_AndAccountsWithoutANip_Are403_OnEveryEmployeeEndpoint()
    {
        using var anonymous = new HttpClient { BaseAddress = app.BaseUri };
        var failures = new List<string>();
        foreach (var (method, url, body) in EmployeeEndpoints())
        {
            Expect(failures, "anonymous", method, url, HttpStatusCode.Unauthorized, (await SendAsync(anonymous, method, url, body)).Status);
            foreach (var who in new[] { "sdm", "admin", "pimpinan" })
            {
                Expect(failures, who, method, url, HttpStatusCode.Forbidden, (await SendAsync(await _as.ClientAsync(who), method, url, body)).Status);
            }
        }
        foreach (var (method, url) in new[] { (HttpMethod.Get, $"api/v1/employees/{_w.S1}/skp?year={Year}"),
                     (HttpMethod.Get, $"api/v1/units/{_w.UnitA}/predicate"), (HttpMethod.Put, $"api/v1/units/{_w.UnitA}/predicate") })
        {
            var body = method == HttpMethod.Put ? new JsonObject { ["period"] = Year.ToString(), ["predikat"] = "Baik" } : null;
            Expect(failures, "anonymous", method, url, HttpStatusCode.Unauthorized, (await SendAsync(anonymous, method, url, body)).Status);
            Expect(failures, "s1", method, url, HttpStatusCode.Forbidden, (await SendAsync(await _as.ClientAsync("s1"), method, url, body)).Status);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task TheYearsWithAPlan_AreOnesOwn_OrOnesDirectReports_WithinTheYearsTheApiOpens()
    {
        if ((await GetAsync(await _as.ClientAsync("k"), Year - 2)).Status == HttpStatusCode.NotFound)
        {
            Assert.Equal(HttpStatusCode.OK, (await SaveAsync(await _as.ClientAsync("k"), Plan(0, Rhk("K1", null, "IKU-1")), Year - 2)).Status);
        }
        async Task<string> YearsAsync(string who, string whose)
        {
            var r = await SendAsync(await _as.ClientAsync(who), HttpMethod.Get, $"api/v1/{whose}/skp/years", null);
            Assert.Equal(HttpStatusCode.OK, r.Status);
            Assert.Equal((Year - 5, Year + 1), (r.Body.GetProperty("from").GetInt32(), r.Body.GetProperty("to").GetInt32()));
            return string.Join(",", r.Body.GetProperty("withPlan").EnumerateArray().Select(y => y.GetInt32()));
        }
        Assert.Equal($"{Year},{Year - 2}", await YearsAsync("k", "me"));
        Assert.Equal($"{Year}", await YearsAsync("k", "team"));    // B, the direct report: not K's own years
        Assert.Equal($"{Year}", await YearsAsync("b", "me"));
        Assert.Equal($"{Year}", await YearsAsync("b", "team"));    // S1 has a plan, S2 none
        Assert.Equal("", await YearsAsync("s2", "me"));            // a peer's plan is not theirs
        Assert.Equal("", await YearsAsync("s1", "team"));          // no reports
        Assert.Equal("", await YearsAsync("u", "me"));
    }

    [Fact]
    public async Task OnlyTheDirectSuperior_DecidesOnAPlan_AndNobodyReadsAnothersPlanThroughTheUrl()
    {
        var failures = new List<string>();
        foreach (var (who, nip) in new[] { ("s2", _w.S1), ("s1", _w.S1), ("k", _w.S1), ("u", _w.S1), ("o", _w.S1), ("b", _w.O), ("b", "199001012020121999") })
        {
            var r = await DecideAsync(await _as.ClientAsync(who), nip, true);
            Expect(failures, who, HttpMethod.Post, $"decision on {nip}", HttpStatusCode.Forbidden, r.Status);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal("diajukan", (await GetAsync(await _as.ClientAsync("s1"))).Body.GetProperty("status").GetString());

        // the NIP always comes from the session: a nip in the query is ignored
        var peer = await SendAsync(await _as.ClientAsync("s2"), HttpMethod.Get, $"api/v1/me/skp?year={Year}&nip={_w.S1}");
        Assert.Equal(HttpStatusCode.NotFound, peer.Status);
        // the team view holds direct reports only: K sees B, not B's reports; U has nobody
        var kTeam = (await SendAsync(await _as.ClientAsync("k"), HttpMethod.Get, $"api/v1/team/skp?year={Year}")).Body.GetProperty("members");
        Assert.Equal([_w.B], kTeam.EnumerateArray().Select(m => m.GetProperty("nip").GetString()!).ToList());
        Assert.Equal(0, (await SendAsync(await _as.ClientAsync("u"), HttpMethod.Get, $"api/v1/team/skp?year={Year}")).Body
            .GetProperty("members").GetArrayLength());
        var bTeam = (await SendAsync(await _as.ClientAsync("b"), HttpMethod.Get, $"api/v1/team/skp?year={Year}")).Body.GetProperty("members");
        Assert.Equal("S1", bTeam[0].GetProperty("plan").GetProperty("rhk")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task HrAndAdmins_ReadAnEmployeesPlan_ALeaderDoesNot()
    {
        var url = $"api/v1/employees/{_w.S1}/skp?year={Year}";
        Assert.Equal(_w.S1, (await SendAsync(await _as.ClientAsync("sdm"), HttpMethod.Get, url)).Body.GetProperty("nip").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(await _as.ClientAsync("admin"), HttpMethod.Get, url)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(await _as.ClientAsync("pimpinan"), HttpMethod.Get, url)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(await _as.ClientAsync("sdm"), HttpMethod.Get,
            $"api/v1/employees/{_w.S2}/skp?year={Year}")).Status);
    }

    [Fact]
    public async Task UnitPredicate_IsSetByHrOrAdmin_Audited_AndBadInputIsNamed()
    {
        var hr = await _as.ClientAsync("sdm");
        var url = $"api/v1/units/{_w.UnitA}/predicate";
        var set = await SendAsync(hr, HttpMethod.Put, url, new JsonObject { ["period"] = $"{Year}-06", ["predikat"] = "Kurang/Misconduct" });
        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal(("KURANG_MISCONDUCT", "Kurang/Misconduct"), (set.Body.GetProperty("predikat").GetString(), set.Body.GetProperty("label").GetString()));
        var replaced = await SendAsync(await _as.ClientAsync("admin"), HttpMethod.Put, url, new JsonObject { ["period"] = $"{Year}-06", ["predikat"] = "baik" });
        Assert.Equal("BAIK", replaced.Body.GetProperty("predikat").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(hr, HttpMethod.Put, url, new JsonObject { ["period"] = $"{Year}", ["predikat"] = "Sangat Baik" })).Status);
        var listed = (await SendAsync(await _as.ClientAsync("pimpinan"), HttpMethod.Get, url)).Body;
        Assert.Equal([$"{Year}-06:BAIK", $"{Year}:SANGAT_BAIK"], listed.EnumerateArray()
            .Select(p => p.GetProperty("period").GetString() + ":" + p.GetProperty("predikat").GetString()).ToList());
        Assert.Equal(3L, await LoopClient.ScalarAsync<long>(app.DataSource,
            "select count(*) from audit where action = 'unit.predicate' and target = @target", new { target = "unit:" + _w.UnitA }));

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(await _as.ClientAsync("pimpinan"), HttpMethod.Put, url,
            new JsonObject { ["period"] = $"{Year}", ["predikat"] = "Baik" })).Status);
        var bad = await SendAsync(hr, HttpMethod.Put, url, new JsonObject { ["period"] = $"{Year}-13", ["predikat"] = "Istimewa" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("period must be a year YYYY or a month YYYY-MM", ErrorAt(bad.Body, "period"));
        Assert.Contains("predikat must be one of Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang; got 'Istimewa'",
            ErrorAt(bad.Body, "predikat"));
        var quarter = await SendAsync(hr, HttpMethod.Put, url, new JsonObject { ["period"] = $"{Year}-Q1", ["predikat"] = "Baik" });
        Assert.Contains($"got '{Year}-Q1'", ErrorAt(quarter.Body, "period"));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(hr, HttpMethod.Put, "api/v1/units/tidak-ada/predicate",
            new JsonObject { ["period"] = $"{Year}", ["predikat"] = "Baik" })).Status);
    }

    private static void Expect(List<string> failures, string who, HttpMethod method, string url, HttpStatusCode expected, HttpStatusCode actual)
    {
        if (actual != expected)
        {
            failures.Add($"{who} {method} {url}: {(int)actual}, expected {(int)expected}");
        }
    }
}
