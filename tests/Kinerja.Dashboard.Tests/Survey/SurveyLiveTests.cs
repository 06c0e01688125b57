using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Kinerja.Dashboard.Tests.Board;
using static Kinerja.Dashboard.Tests.Survey.SurveyRequests;

namespace Kinerja.Dashboard.Tests.Survey;

/// <summary>
/// A submitted survey reaches the public display over a real <c>HubConnection</c> (group <c>public:{region}</c>), with the
/// privacy floor on respondents, and the unit indicators API carries the official figures.
/// </summary>
public sealed class SurveyLiveTests(SurveyAppFactory app) : IClassFixture<SurveyAppFactory>
{
    private const string Region = BoardAppFactory.RegionId;
    private const string Unit = BoardAppFactory.BigUnit;

    [Fact]
    public async Task Survey_moves_the_public_IKM_and_respondents_within_a_second_and_the_unit_api_gives_the_elements()
    {
        await using var client = await HubClient.ConnectAsync(app, user: null);
        await client.SubscribeAsync("public:" + Region);
        await client.WaitForAsync("Indicators", _ => true, TimeSpan.FromSeconds(3));

        // Four respondents: below the privacy minimum (5), the public IKM stays withheld, the count is shown.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(Device(app), Unit, Body(answer: 4))).StatusCode);
        }
        var (few, _) = await client.WaitForAsync("Indicators", p => Row(p).GetProperty("ikmRespondents").GetInt32() == 4,
            TimeSpan.FromSeconds(3));
        Assert.Equal(JsonValueKind.Null, Row(few).GetProperty("ikm").ValueKind);
        Assert.Equal(JsonValueKind.Null, few.GetProperty("figures").GetProperty("ikm").ValueKind);

        // The fifth (all 2): sums 18 per element over 5 → NRR 3.6 → IKM 90.00, A.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Device(app), Unit, Body(answer: 2))).StatusCode);
        var accepted = Stopwatch.StartNew();
        var (after, _) = await client.WaitForAsync("Indicators", p => Row(p).GetProperty("ikmRespondents").GetInt32() == 5,
            TimeSpan.FromSeconds(3));
        var elapsed = accepted.Elapsed;

        Assert.Equal(90.00, Row(after).GetProperty("ikm").GetDouble());
        Assert.Equal(90.00, after.GetProperty("figures").GetProperty("ikm").GetDouble());
        Assert.Equal("A", after.GetProperty("figures").GetProperty("ikmBand").GetString());
        Assert.Equal(5, after.GetProperty("figures").GetProperty("ikmRespondents").GetInt32());
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"the public display moved after {elapsed.TotalMilliseconds:0} ms");

        var period = after.GetProperty("period").GetString();
        var unit = JsonDocument.Parse(await app.Admin.GetStringAsync($"/api/v1/indicators/unit/{Unit}?period={period}")).RootElement;
        Assert.Equal(90.00, unit.GetProperty("ikm").GetDouble());
        Assert.Equal("A", unit.GetProperty("ikmGrade").GetString());
        Assert.Equal(5, unit.GetProperty("ikmRespondents").GetInt32());
        Assert.Equal(3.6m, unit.GetProperty("ikmElements").GetProperty("u8").GetDecimal());
        Assert.Equal("survey", unit.GetProperty("ikmSource").GetString());
    }

    private static JsonElement Row(JsonElement payload) =>
        payload.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == Unit);
}
