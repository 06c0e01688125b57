using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;

namespace Kinerja.Ingest.Tests;

/// <summary>Body formats and the HTTP status codes around them.</summary>
public sealed class HttpProtocolTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private IngestHost _host = null!;
    private Org _org = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource);
        _host = await IngestHost.StartAsync(db.DataSource, new Dictionary<string, string?>
        {
            ["Kinerja:Ingest:MaxBodyBytes"] = "4096",
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_JsonArray_AnswersExactContractShape()
    {
        var item = Items.Activity(_org.Staff[0], TestDays.MorningWib(TestDays.Next()));
        var response = await _host.Client.PostJsonAsync("activities", item, new JsonObject { ["nip"] = "1" });
        var result = await response.ResultAsync();

        Assert.Equal(["accepted", "duplicates", "rejected", "items"], result.Select(p => p.Key));
        var first = result["items"]![0]!.AsObject();
        Assert.Equal(["index", "eventId", "status", "errors"], first.Select(p => p.Key));
        Assert.Equal(0, (int)first["index"]!);
        Assert.Equal(Items.IdOf(item).ToString(), (string)first["eventId"]!);
        Assert.Empty(first["errors"]!.AsArray());
        var second = result["items"]![1]!.AsObject();
        Assert.Null(second["eventId"]);
        Assert.Equal(["field", "message"], second["errors"]![0]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Post_Ndjson_AcceptsEveryLine()
    {
        var day = TestDays.Next();
        var response = await _host.Client.PostNdjsonAsync("attendance",
            Items.Attendance(_org.Staff[0], day), Items.Attendance(_org.Staff[1], day, "sakit"));
        var result = await response.ResultAsync();
        Assert.Equal(2, result.Count("accepted"));
    }

    [Fact]
    public async Task Post_NdjsonWithMalformedLine_RejectsThatLineOnly()
    {
        var day = TestDays.Next();
        var body = Items.Attendance(_org.Staff[2], day).ToJsonString() + "\r\n{\"eventId\": oops\n\n"
                   + Items.Attendance(_org.Staff[3], day).ToJsonString();
        var result = await (await _host.Client.PostRawAsync("attendance", body, "application/x-ndjson; charset=utf-8")).ResultAsync();
        Assert.Equal(["accepted", "rejected", "accepted"], Enumerable.Range(0, 3).Select(result.StatusAt));
        Assert.StartsWith("Line 2 is not valid JSON", result.ErrorAt(1).Message);
    }

    [Fact]
    public async Task Post_EmptyArray_AnswersZeroCounts()
    {
        var result = await (await _host.Client.PostRawAsync("ratings", " [ ] ", "application/json")).ResultAsync();
        Assert.Equal((0, 0, 0), (result.Count("accepted"), result.Count("duplicates"), result.Count("rejected")));
    }

    [Theory]
    [InlineData("application/json", "hello world")]
    [InlineData("application/json", "{\"eventId\":\"x\"}")]
    [InlineData("application/json", "[{\"a\":1}, {\"b\":")]
    [InlineData("application/json", "[{\"a\":1}] trailing")]
    [InlineData("application/json", "")]
    [InlineData("application/x-ndjson", "garbage\nmore garbage\n")]
    [InlineData("application/x-ndjson", "\n\n")]
    public async Task Post_UnreadableBody_Answers400ProblemDetails(string contentType, string body)
    {
        var response = await _host.Client.PostRawAsync("activities", body, contentType);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertProblemAsync(response, 400);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task Post_WrongContentType_Answers415(string? contentType)
    {
        var response = await _host.Client.PostRawAsync("reviews", "[]", contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertProblemAsync(response, 415);
    }

    [Fact]
    public async Task Post_BodyOverLimit_Answers413AndStoresNothing()
    {
        var day = TestDays.Next();
        var items = Enumerable.Range(0, 40).Select(_ => (JsonNode)Items.Attendance(_org.Staff[4], day)).ToArray();
        var response = await _host.Client.PostJsonAsync("attendance", items);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertProblemAsync(response, 413);
        Assert.Equal(0, await Sql.ScalarAsync<long>(db.DataSource, "select count(*) from attendance where nip = @nip",
            new { nip = _org.Staff[4] }));
    }

    [Fact]
    public async Task Post_StreamedBodyOverLimitWithoutLength_Answers413()
    {
        var day = TestDays.Next();
        var body = string.Join('\n', Enumerable.Range(0, 40).Select(_ => Items.Attendance(_org.Staff[5], day).ToJsonString()));
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new("application/x-ndjson");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/attendance") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(status, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
    }
}
