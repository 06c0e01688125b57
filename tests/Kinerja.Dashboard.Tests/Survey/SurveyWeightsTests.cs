using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kinerja.Dashboard.Tests.Board;
using static Kinerja.Dashboard.Tests.Survey.SurveyRequests;

namespace Kinerja.Dashboard.Tests.Survey;

/// <summary><c>PUT /api/v1/units/{unitId}/survey-weights</c>: HR sets weights summing to 1; the unit IKM follows them.</summary>
public sealed class SurveyWeightsTests(SurveyAppFactory app) : IClassFixture<SurveyAppFactory>
{
    private const string Unit = BoardAppFactory.SmallUnit;

    [Fact]
    public async Task Weights_not_summing_to_1_are_400_naming_the_sum_and_an_unknown_element_is_named()
    {
        var hr = await Access.AccessClients.ClientAsAsync(app, "sdm");

        var wrongSum = await hr.PutAsJsonAsync($"/api/v1/units/{Unit}/survey-weights",
            new { u1 = 0.1, u2 = 0.1, u3 = 0.1, u4 = 0.1, u5 = 0.1, u6 = 0.1, u7 = 0.1, u8 = 0.1, u9 = 0.1 });
        var unknown = await hr.PutAsJsonAsync($"/api/v1/units/{Unit}/survey-weights", new { u10 = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, wrongSum.StatusCode);
        Assert.Equal("The weights must sum to 1 (within 0.001); they sum to 0.9.",
            (await Json(wrongSum)).GetProperty("errors").GetProperty("weights")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await Json(unknown)).GetProperty("errors").TryGetProperty("u10", out _));
    }

    [Fact]
    public async Task Weights_are_stored_and_weigh_the_unit_IKM()
    {
        var hr = await Access.AccessClients.ClientAsAsync(app, "sdm");
        // One respondent answering 4 to u1 and 2 to the rest: 1/9 each → (4 + 16) / 9 = 2.2222 → 55.56;
        // u1 weighing 0.2 and the others 0.1 → 0.8 + 1.6 = 2.4 → 60.00.
        var body = Body(answer: 2);
        body["answers"]!["u1"] = 4;
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Device(app), Unit, body)).StatusCode);
        var before = await UnitAsync();

        var put = await hr.PutAsJsonAsync($"/api/v1/units/{Unit}/survey-weights",
            new { u1 = 0.2, u2 = 0.1, u3 = 0.1, u4 = 0.1, u5 = 0.1, u6 = 0.1, u7 = 0.1, u8 = 0.1, u9 = 0.1 });
        var stored = await Json(await hr.GetAsync($"/api/v1/units/{Unit}/survey-weights"));

        Assert.Equal(55.56, before.GetProperty("ikm").GetDouble());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.False(stored.GetProperty("isDefault").GetBoolean());
        Assert.Equal(0.2m, stored.GetProperty("weights").GetProperty("u1").GetDecimal());
        Assert.Equal(60.00, (await UnitAsync()).GetProperty("ikm").GetDouble());
    }

    private async Task<JsonElement> UnitAsync() =>
        JsonDocument.Parse(await app.Admin.GetStringAsync($"/api/v1/indicators/unit/{Unit}")).RootElement;

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
