using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kinerja.Dashboard.Tests.Board;
using static Kinerja.Dashboard.Tests.Survey.SurveyRequests;

namespace Kinerja.Dashboard.Tests.Survey;

/// <summary>
/// The complaints and suggestions queue (element U8): who may read and answer a unit's complaints, the transitions
/// baru → diproses → selesai | ditutup with who/when and response time, the errors, and hostile text shown escaped.
/// </summary>
public sealed class ComplaintQueueTests(ComplaintAppFactory app) : IClassFixture<ComplaintAppFactory>
{
    private const string Big = BoardAppFactory.BigUnit;

    [Fact]
    public async Task Access_matrix_HR_and_the_units_own_staff_where_the_region_allows_and_nobody_else()
    {
        await app.ReadyAsync();
        var id = await ComplaintAsync(app, Big, "Antrean terlalu lama.");
        var other = await ComplaintAsync(app, ComplaintAppFactory.OtherUnit, "Loket tutup lebih awal.");
        var sdm = await Access.AccessClients.ClientAsAsync(app, "sdm");
        var pimpinan = await Access.AccessClients.ClientAsAsync(app, "pimpinan", BoardAppFactory.RegionId);

        async Task<HttpStatusCode> List(HttpClient c, string unit) => (await c.GetAsync($"/api/v1/complaints?unitId={unit}")).StatusCode;

        Assert.Equal(HttpStatusCode.OK, await List(sdm, Big));
        Assert.Equal(HttpStatusCode.OK, await List(sdm, ComplaintAppFactory.OtherUnit));
        Assert.Equal(HttpStatusCode.OK, await List(app.As("c-besar"), Big));
        Assert.Equal(HttpStatusCode.Forbidden, await List(app.As("c-kecil"), Big)); // same region, another unit
        Assert.Equal(HttpStatusCode.Forbidden, await List(app.As("c-lain"), ComplaintAppFactory.OtherUnit)); // region does not allow staff
        Assert.Equal(HttpStatusCode.Forbidden, await List(pimpinan, Big)); // leaders get counts on the board only
        Assert.Equal(HttpStatusCode.Forbidden, await List(app.Admin, Big));
        Assert.Equal(HttpStatusCode.Unauthorized, await List(app.CreateClient(), Big));
        // The same rules for a step and for the page.
        Assert.Equal(HttpStatusCode.Forbidden, (await Move(app.As("c-kecil"), id, new { to = "diproses" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Move(app.As("c-lain"), other, new { to = "diproses" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As("c-kecil").GetAsync($"/pengaduan/{Big}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.As("c-besar").GetAsync($"/pengaduan/{Big}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Move(app.As("c-besar"), id, new { to = "diproses" })).StatusCode);
    }

    [Fact]
    public async Task Baru_diproses_selesai_records_who_and_when_and_the_response_time_and_a_finished_complaint_cannot_move()
    {
        await app.ReadyAsync();
        var id = await ComplaintAsync(app, Big, "Petugas tidak ramah.");
        var sdm = await Access.AccessClients.ClientAsAsync(app, "sdm");

        var fresh = await ItemAsync(sdm, Big, id);
        var processing = await Move(sdm, id, new { to = "diproses" });
        var answered = await Move(app.As("c-besar"), id, new { to = "selesai", response = "  Petugas sudah kami tegur. Terima kasih.  " });
        var again = await Move(sdm, id, new { to = "ditutup", reason = "ganda" });
        var item = await ItemAsync(sdm, Big, id);
        var finished = await Json(await sdm.GetAsync($"/api/v1/complaints?unitId={Big}&state=selesai"));

        Assert.Equal("baru", fresh.GetProperty("state").GetString());
        Assert.Equal("Petugas tidak ramah.", fresh.GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.OK, processing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("'selesai'", (await Json(again)).GetProperty("detail").GetString());
        Assert.Equal("selesai", item.GetProperty("state").GetString());
        Assert.Equal("user:t-sdm", item.GetProperty("processing").GetProperty("by").GetString());
        Assert.Equal("user:c-besar", item.GetProperty("closed").GetProperty("by").GetString());
        Assert.Equal("Petugas sudah kami tegur. Terima kasih.", item.GetProperty("response").GetString());
        var hours = item.GetProperty("responseHours").GetDouble();
        Assert.InRange(hours, 0, 0.1);
        Assert.Contains(finished.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.All(finished.GetProperty("items").EnumerateArray(), c => Assert.Equal("selesai", c.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_new_complaint_may_be_closed_with_a_reason_but_not_finished_without_being_processed()
    {
        await app.ReadyAsync();
        var id = await ComplaintAsync(app, Big, "iklan judi online");
        var sdm = await Access.AccessClients.ClientAsAsync(app, "sdm");

        var skip = await Move(sdm, id, new { to = "selesai", response = "Sudah." });
        var closed = await Move(sdm, id, new { to = "ditutup", reason = "Bukan pengaduan: iklan." });
        var item = await ItemAsync(sdm, Big, id);

        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("ditutup", item.GetProperty("state").GetString());
        Assert.Equal("Bukan pengaduan: iklan.", item.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("processing").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("responseHours").ValueKind);
    }

    [Theory]
    [InlineData("""{ "to": "dibuang" }""", "to")]
    [InlineData("""{ }""", "to")]
    [InlineData("""{ "to": "baru" }""", "to")]
    [InlineData("""{ "to": "ditutup" }""", "reason")]
    [InlineData("""{ "to": "ditutup", "reason": "   " }""", "reason")]
    [InlineData("""[ "ditutup" ]""", "to")]
    public async Task A_bad_step_is_400_naming_the_field(string body, string field)
    {
        await app.ReadyAsync();
        var id = await ComplaintAsync(app, Big, "Formulir membingungkan.");
        var sdm = await Access.AccessClients.ClientAsAsync(app, "sdm");

        var response = await sdm.PostAsync($"/api/v1/complaints/{id}/transitions",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Bad_ids_states_and_units_get_specific_errors_and_long_responses_are_refused()
    {
        await app.ReadyAsync();
        var id = await ComplaintAsync(app, Big, "Toilet kotor.");
        var sdm = await Access.AccessClients.ClientAsAsync(app, "sdm");
        await Move(sdm, id, new { to = "diproses" });

        var notUuid = await Move(sdm, "bukan-uuid", new { to = "diproses" });
        var unknown = await Move(sdm, Guid.NewGuid().ToString(), new { to = "diproses" });
        var tooLong = await Move(sdm, id, new { to = "selesai", response = new string('a', 2001) });
        var noUnit = await sdm.GetAsync("/api/v1/complaints");
        var badState = await sdm.GetAsync($"/api/v1/complaints?unitId={Big}&state=hilang");
        var unknownUnit = await sdm.GetAsync("/api/v1/complaints?unitId=tidak-ada");

        Assert.Equal(HttpStatusCode.BadRequest, notUuid.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 2000", (await Json(tooLong)).GetProperty("errors").GetProperty("response")[0].GetString());
        Assert.True((await Json(noUnit)).GetProperty("errors").TryGetProperty("unitId", out _));
        Assert.Contains("baru, diproses, selesai, ditutup", (await Json(badState)).GetProperty("errors").GetProperty("state")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownUnit.StatusCode);
        Assert.Equal("diproses", (await ItemAsync(sdm, Big, id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_script_in_a_complaint_and_in_a_response_is_shown_escaped_on_the_page()
    {
        await app.ReadyAsync();
        const string script = "<script>alert('aduan')</script><img src=x onerror=alert(1)>";
        var id = await ComplaintAsync(app, Big, script);
        var sdm = await Access.AccessClients.ClientAsAsync(app, "sdm");
        await Move(sdm, id, new { to = "diproses" });
        await Move(sdm, id, new { to = "selesai", response = "<b>dijawab</b><script>x()</script>" });

        var html = await sdm.GetStringAsync($"/pengaduan/{Big}");

        Assert.Equal(script, (await ItemAsync(sdm, Big, id)).GetProperty("text").GetString()); // stored verbatim
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<b>dijawab</b>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;aduan&#39;)&lt;/script&gt;", html);
        Assert.Contains("&lt;b&gt;dijawab&lt;/b&gt;", html);
    }

    /// <summary>Submits a survey with <paramref name="comment"/> about <paramref name="unit"/> from a fresh device; its id.</summary>
    internal static async Task<Guid> ComplaintAsync(ComplaintAppFactory app, string unit, string comment)
    {
        var id = Guid.NewGuid();
        var body = Body(answer: 2, responseId: id);
        body["comment"] = comment;
        var response = await PostAsync(Device(app), unit, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return id;
    }

    internal static Task<HttpResponseMessage> Move(HttpClient client, object id, object body) =>
        client.PostAsJsonAsync($"/api/v1/complaints/{id}/transitions", body);

    internal static async Task<JsonElement> ItemAsync(HttpClient client, string unit, Guid id) =>
        (await Json(await client.GetAsync($"/api/v1/complaints?unitId={unit}"))).GetProperty("items").EnumerateArray()
        .Single(c => c.GetProperty("id").GetGuid() == id);

    internal static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
