using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kinerja.Dashboard.Tests.Board;
using static Kinerja.Dashboard.Tests.Survey.SurveyRequests;

namespace Kinerja.Dashboard.Tests.Survey;

/// <summary><c>POST /api/v1/survey/{unitId}</c>: the anonymous contract, its errors by field, replays and the device limit.</summary>
public sealed class SurveyEndpointTests(SurveyAppFactory app) : IClassFixture<SurveyAppFactory>
{
    private const string Unit = BoardAppFactory.BigUnit;

    [Fact]
    public async Task Post_full_survey_is_accepted_stored_and_summed()
    {
        var body = Body(answer: 4);
        body["serviceId"] = "akta-lahir";
        body["profile"] = new JsonObject { ["ageBand"] = "30-39", ["sex"] = "P", ["education"] = "SMA", ["occupation"] = "SWASTA" };
        body["comment"] = "Pelayanan cepat.";

        var response = await PostAsync(Device(app), Unit, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted", (await Json(response)).GetProperty("status").GetString());
        var row = await app.DataSource.OpenConnection().QuerySingleAsync<(string, string, short, string, string)>(
            "select unit_id, service_id, u9, sex, comment from survey_response where event_id = @id",
            new { id = Guid.Parse(body["responseId"]!.GetValue<string>()) });
        Assert.Equal((Unit, "akta-lahir", (short)4, "P", "Pelayanan cepat."), row);
        Assert.Equal(1, await app.DataSource.OpenConnection().ExecuteScalarAsync<int>(
            "select respondents from survey_rollup where unit_id = @Unit and service_id = 'akta-lahir'", new { Unit }));
    }

    [Fact]
    public async Task Replay_of_the_same_responseId_is_a_duplicate_even_from_a_device_at_its_limit()
    {
        var device = Device(app);
        var body = Body();
        Assert.Equal("accepted", (await Json(await PostAsync(device, Unit, body))).GetProperty("status").GetString());

        var again = await PostAsync(device, Unit, body);
        var elsewhere = await PostAsync(Device(app), Unit, body);

        Assert.Equal((HttpStatusCode.OK, "duplicate"), (again.StatusCode, (await Json(again)).GetProperty("status").GetString()));
        Assert.Equal("duplicate", (await Json(elsewhere)).GetProperty("status").GetString());
        Assert.Equal(1, await app.DataSource.OpenConnection().ExecuteScalarAsync<int>(
            "select count(*) from survey_response where event_id = @id", new { id = Guid.Parse(body["responseId"]!.GetValue<string>()) }));
    }

    [Fact]
    public async Task Second_survey_of_a_device_for_the_same_unit_and_service_that_day_is_429()
    {
        var device = Device(app);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(device, Unit, Body())).StatusCode);

        var second = await PostAsync(device, Unit, Body());
        var otherService = Body();
        otherService["serviceId"] = "ktp";
        var third = await PostAsync(device, Unit, otherService);

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("already answered", (await Json(second)).GetProperty("detail").GetString());
        Assert.True(second.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { """{"responseId":"@id","answers":{"u1":3,"u2":3,"u3":3,"u4":3,"u5":3,"u6":3,"u7":3,"u8":3}}""", "answers.u9", "answers.u9 is required (a whole number from 1 to 4)." },
        { """{"responseId":"@id","answers":{"u1":3,"u2":3,"u3":3,"u4":3,"u5":3,"u6":3,"u7":3,"u8":3,"u9":3,"u10":4}}""", "answers.u10", "answers.u10 is not a field of the survey" },
        { """{"responseId":"@id","answers":{"u1":3,"u2":3,"u3":5,"u4":3,"u5":3,"u6":3,"u7":3,"u8":3,"u9":3}}""", "answers.u3", "answers.u3 must be a whole number from 1 to 4; got 5." },
        { """{"responseId":"@id","answers":{"u1":0,"u2":3,"u3":3,"u4":3,"u5":3,"u6":3,"u7":3,"u8":3,"u9":3}}""", "answers.u1", "got 0." },
        { """{"responseId":"@id","answers":{"u1":"4","u2":3,"u3":3,"u4":3,"u5":3,"u6":3,"u7":3,"u8":3,"u9":3}}""", "answers.u1", "answers.u1 must be a whole number from 1 to 4; got a string." },
        { """{"responseId":"@id","answers":{"u1":3.5,"u2":3,"u3":3,"u4":3,"u5":3,"u6":3,"u7":3,"u8":3,"u9":3}}""", "answers.u1", "got the number 3.5." },
        { """{"responseId":"@id","answers":[3,3,3,3,3,3,3,3,3]}""", "answers", "answers must be an object with u1..u9; got an array." },
        { """{"responseId":"@id"}""", "answers", "answers is required" },
        { """{"answers":{"u1":3,"u2":3,"u3":3,"u4":3,"u5":3,"u6":3,"u7":3,"u8":3,"u9":3}}""", "responseId", "responseId is required" },
        { """{"responseId":"not-a-uuid","answers":{"u1":3,"u2":3,"u3":3,"u4":3,"u5":3,"u6":3,"u7":3,"u8":3,"u9":3}}""", "responseId", "responseId must be a non-empty UUID string; got a string." },
        { """{"responseId":"@id","answers":{"u1":3,"u2":3,"u3":3,"u4":3,"u5":3,"u6":3,"u7":3,"u8":3,"u9":3},"score":5}""", "score", "score is not a field of the survey" },
        { """{"responseId":"@id","answers":{"u1":3,"u2":3,"u3":3,"u4":3,"u5":3,"u6":3,"u7":3,"u8":3,"u9":3},"profile":{"sex":"X"}}""", "profile.sex", "sex 'X' is not one of: L, P." },
        { """{"responseId":"@id","answers":{"u1":3,"u2":3,"u3":3,"u4":3,"u5":3,"u6":3,"u7":3,"u8":3,"u9":3},"profile":{"income":"tinggi"}}""", "profile.income", "profile.income is not a field of the survey" },
        { """{"responseId":"@id","answers":{"u1":3,"u2":3,"u3":3,"u4":3,"u5":3,"u6":3,"u7":3,"u8":3,"u9":3},"comment":42}""", "comment", "comment must be a string; got the number 42." },
        { """{"responseId":"@id","answers":{"u1":3,"u2":3,"u3":3,"u4":3,"u5":3,"u6":3,"u7":3,"u8":3,"u9":3},"comment":"a\ud800b"}""", "comment", "not valid Unicode text" },
        { """{"responseId":"@id","answers":{"u1":3,"u2":3,"u3":3,"u4":3,"u5":3,"u6":3,"u7":3,"u8":3,"u9":3},"serviceId":"KTP Baru"}""", "serviceId", "serviceId must be 1 to 64 lower-case letters" },
        { """[1,2]""", "", "The body must be a JSON object; got an array." },
        { """{"responseId":""", "", "The body is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_body_is_400_problem_naming_the_field(string json, string field, string message)
    {
        var response = await PostRawAsync(json.Replace("@id", Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var list), $"no error for '{field}': {errors}");
        Assert.Contains(message, list[0].GetString());
    }

    [Fact]
    public async Task Comment_over_2000_characters_is_refused_and_a_body_over_the_limit_is_413()
    {
        var longComment = Body();
        longComment["comment"] = new string('x', 2001);
        var tooLong = await PostAsync(Device(app), Unit, longComment);
        var huge = Body();
        huge["comment"] = new string('x', 20000);
        var tooBig = await PostAsync(Device(app), Unit, huge);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("comment must be at most 2000 characters; got 2001.",
            (await Json(tooLong)).GetProperty("errors").GetProperty("comment")[0].GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
    }

    [Fact]
    public async Task Script_in_the_comment_is_stored_verbatim()
    {
        const string script = "<script>alert('x')</script> & \"kutip\"";
        var body = Body();
        body["comment"] = script;

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Device(app), Unit, body)).StatusCode);

        Assert.Equal(script, await app.DataSource.OpenConnection().ExecuteScalarAsync<string>(
            "select comment from survey_response where event_id = @id", new { id = Guid.Parse(body["responseId"]!.GetValue<string>()) }));
    }

    [Fact]
    public async Task Filled_honeypot_looks_accepted_but_is_not_stored()
    {
        var body = Body();
        body["website"] = "http://spam.example";

        var response = await PostAsync(Device(app), Unit, body);

        Assert.Equal((HttpStatusCode.OK, "accepted"), (response.StatusCode, (await Json(response)).GetProperty("status").GetString()));
        Assert.Equal(0, await app.DataSource.OpenConnection().ExecuteScalarAsync<int>(
            "select count(*) from survey_response where event_id = @id", new { id = Guid.Parse(body["responseId"]!.GetValue<string>()) }));
    }

    [Fact]
    public async Task Unknown_unit_is_404_and_other_content_types_415()
    {
        var unknown = await PostAsync(Device(app), "dinas-hilang", Body());
        var form = await Device(app).PostAsync("/api/v1/survey/" + Unit,
            new StringContent("responseId=1", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("dinas-hilang", (await Json(unknown)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
    }

    private Task<HttpResponseMessage> PostRawAsync(string json) =>
        Device(app).PostAsync("/api/v1/survey/" + Unit, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
