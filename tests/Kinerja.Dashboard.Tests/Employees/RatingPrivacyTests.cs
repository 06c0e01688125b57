using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Ingest;
using Kinerja.Ingest.Contracts;
using Kinerja.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>
/// The privacy floor of <c>GET /api/v1/me/ratings</c> (issue 16): peer, subordinate and citizen ratings reach the person
/// rated only as a per-role, per-aspect mean over at least <c>Kinerja:Ratings:MinRatersShown</c> (3) raters; the
/// superior's rating as it is. Peers P1–P3 join S1 and S2 under B for this.
/// </summary>
public sealed class RatingPrivacyTests(LoopServerFactory app) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    private const string Period = "2026-10";
    private EmployeeWorld _w = null!;
    private LoopSessions _as = null!;

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "pv", 7300);
        _as = new LoopSessions(app, _w);
        var accounts = app.Services.GetRequiredService<EmployeeAccountStore>();
        if (await app.Services.GetRequiredService<UserStore>().FindAsync(_w.Account("p1")) is not null)
        {
            return;
        }
        for (var i = 1; i <= 3; i++)
        {
            var nip = TestNips.Make(7310 + i);
            await TestData.SeedEmployeeAsync(app.DataSource, nip, _w.UnitA, _w.B, name: $"Rekan {i}");
            await accounts.AddAsync(_w.Account("p" + i), nip, Passwords.Hash(EmployeeWorld.Password), "test");
        }
        app.Services.GetRequiredService<AccessCache>().Clear();
    }

    public Task DisposeAsync()
    {
        _as.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PeerRatings_TwoRatersAreHidden_ThreeAreAnAggregate_NeverAnIndividualScore()
    {
        await RateAsync("s2", _w.S1, "kompeten", 1);
        await RateAsync("p1", _w.S1, "kompeten", 2);
        await RateAsync("b", _w.S1, "kompeten", 4);

        var (raw, mine) = await ReceivedAsync("s1");
        var rekan = Aspect(mine, "rekan", "kompeten");
        Assert.False(rekan.GetProperty("shown").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rekan.GetProperty("average").ValueKind);
        Assert.Equal(JsonValueKind.Null, rekan.GetProperty("raters").ValueKind);
        Assert.DoesNotContain("1.5", raw);
        var atasan = Aspect(mine, "atasan", "kompeten");
        Assert.True(atasan.GetProperty("shown").GetBoolean());
        Assert.Equal(4, atasan.GetProperty("average").GetDouble());
        Assert.Equal(3, mine.GetProperty("minRatersShown").GetInt32());

        await RateAsync("p2", _w.S1, "kompeten", 5);
        (_, mine) = await ReceivedAsync("s1");
        rekan = Aspect(mine, "rekan", "kompeten");
        Assert.True(rekan.GetProperty("shown").GetBoolean());
        Assert.Equal(2.67, rekan.GetProperty("average").GetDouble());
        Assert.Equal(3, rekan.GetProperty("raters").GetInt32());
    }

    [Fact]
    public async Task SubordinateAndCitizenRatings_BelowTheFloor_AreHiddenFromTheSuperior()
    {
        await RateAsync("s1", _w.B, "loyal", 1);
        await RateAsync("s2", _w.B, "loyal", 2);
        var pipeline = app.Services.GetRequiredService<IIngestPipeline>();
        var citizen = await pipeline.SubmitRatingsAsync([new RatingItem
        {
            EventId = Guid.NewGuid(), Nip = _w.B, RaterRole = "masyarakat", RaterRef = "kiosk-1", Aspect = "loyal", Score = 3,
            Period = Period, OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        }]);
        Assert.Equal(1, citizen.Accepted);

        var (raw, mine) = await ReceivedAsync("b");
        Assert.False(Aspect(mine, "bawahan", "loyal").GetProperty("shown").GetBoolean());
        Assert.False(Aspect(mine, "masyarakat", "loyal").GetProperty("shown").GetBoolean());
        Assert.DoesNotContain("\"average\":1", raw);
        Assert.DoesNotContain("\"average\":3", raw);

        await RateAsync("p1", _w.B, "loyal", 3);
        (_, mine) = await ReceivedAsync("b");
        Assert.Equal(2, Aspect(mine, "bawahan", "loyal").GetProperty("average").GetDouble());
    }

    [Fact]
    public async Task ReceivedRatings_AreAlwaysTheSignedInEmployees_WhateverTheRequestNames()
    {
        await RateAsync("s2", _w.S1, "adaptif", 3);
        var s2 = await _as.ClientAsync("s2");
        var other = await s2.GetFromJsonAsync<JsonElement>($"api/v1/me/ratings?period={Period}&nip={_w.S1}");
        Assert.Equal(_w.S2, other.GetProperty("nip").GetString());
        Assert.DoesNotContain(other.GetProperty("roles").EnumerateArray(),
            r => r.GetProperty("aspects").EnumerateArray().Any(a => a.GetProperty("aspect").GetString() == "adaptif"));
    }

    [Fact]
    public async Task OwnSnapshot_OfMeTheHubAndTheSuperiorsTeamView_CarriesNoMeanOfOnePeer()
    {
        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await RateAsync("b", _w.S2, "kolaboratif", 5, month);
        await RateAsync("s1", _w.S2, "kolaboratif", 1, month);
        // the leaders' view moves (live indicators), so the snapshot holds the peer's score
        var sdm = await _as.ClientAsync("sdm");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement indicators;
        do
        {
            indicators = await sdm.GetFromJsonAsync<JsonElement>($"api/v1/indicators/employee/{_w.S2}");
        }
        while (indicators.GetProperty("rekanCount").GetInt32() == 0 && DateTime.UtcNow < deadline && await Delay());
        Assert.Equal(1, indicators.GetProperty("rekanAvg").GetDouble());

        var me = (await (await _as.ClientAsync("s2")).GetFromJsonAsync<JsonElement>("api/v1/me")).GetProperty("snapshot");
        AssertNoPeerMean(me);
        Assert.Equal(5, me.GetProperty("atasanAvg").GetDouble());

        // the superior B knows their own score 5: the team view's peer mean of one would give S1's score away
        var team = await (await _as.ClientAsync("b")).GetFromJsonAsync<JsonElement>("api/v1/team");
        var member = team.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("nip").GetString() == _w.S2);
        AssertNoPeerMean(member.GetProperty("snapshot"));

        var signIn = await _as.AsAsync("s2");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseUri, "/hubs/employee"), o => o.Cookies = signIn.Cookies).Build();
        var snapshot = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("Snapshot", x => snapshot.TrySetResult(x));
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", "employee:" + _w.S2);
        AssertNoPeerMean(await snapshot.Task.WaitAsync(TimeSpan.FromSeconds(15)));
    }

    private static void AssertNoPeerMean(JsonElement snapshot)
    {
        foreach (var mixed in new[] { "rekanAvg", "kolaboratifAvg", "berAkhlakAvg" })
        {
            Assert.True(snapshot.GetProperty(mixed).ValueKind == JsonValueKind.Null, $"{mixed}: {snapshot.GetProperty(mixed)}");
        }
        Assert.Equal(0, snapshot.GetProperty("rekanCount").GetInt32());
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }

    private async Task RateAsync(string who, string ratee, string aspect, int score, string period = Period)
    {
        using var response = await (await _as.ClientAsync(who)).PostAsJsonAsync("api/v1/me/ratings", new JsonArray(new JsonObject
        {
            ["eventId"] = Guid.NewGuid().ToString(), ["rateeNip"] = ratee, ["aspect"] = aspect, ["score"] = score, ["period"] = period,
        }));
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("accepted", result.GetProperty("items")[0].GetProperty("status").GetString());
    }

    private async Task<(string Raw, JsonElement Json)> ReceivedAsync(string who)
    {
        var raw = await (await _as.ClientAsync(who)).GetStringAsync($"api/v1/me/ratings?period={Period}");
        return (raw, JsonDocument.Parse(raw).RootElement);
    }

    private static JsonElement Aspect(JsonElement mine, string role, string aspect) =>
        mine.GetProperty("roles").EnumerateArray().Single(r => r.GetProperty("role").GetString() == role)
            .GetProperty("aspects").EnumerateArray().Single(a => a.GetProperty("aspect").GetString() == aspect);
}
