using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Ingest.Http.Documentation;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.OpenApi;

/// <summary>
/// The document's schemas agree with the server: each stream's documented example request (JSON array and NDJSON)
/// conforms to the item schema and is stored by the server, and wrong items fail the schema and are rejected by the
/// server on the same field.
/// </summary>
public sealed class IngestSchemaConformanceTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await TestData.SeedRegionAsync(app.DataSource, "pauh");
        await TestData.SeedUnitAsync(app.DataSource, IngestExamples.UnitId, "pauh");
        await TestData.SeedEmployeeAsync(app.DataSource, IngestExamples.SupervisorNip, IngestExamples.UnitId);
        await TestData.SeedEmployeeAsync(app.DataSource, IngestExamples.EmployeeNip, IngestExamples.UnitId, IngestExamples.SupervisorNip);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DocumentedExamples_ConformToTheItemSchemas_AndTheServerStoresThem()
    {
        var doc = JsonNode.Parse(await OpenApiDocumentTests.FetchDocumentAsync(app))!;
        var schemas = new DocumentSchemas(doc);
        var client = await app.IngestClientAsync();
        // In this order: the review example reviews the activity example.
        foreach (var path in OpenApiDocumentTests.IngestPaths)
        {
            var (item, json, ndjson) = Examples(doc, path);
            Assert.NotEmpty(json);
            foreach (var example in json)
            {
                var problems = schemas.Problems(item, example);
                Assert.True(problems.Count == 0, $"{path} example {example!.ToJsonString()}:\n{string.Join("\n", problems)}");
            }
            var lines = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
            Assert.Equal(json.Select(j => j!.ToJsonString()), lines.Select(l => l.ToJsonString()));
            foreach (var line in lines)
            {
                Assert.Empty(schemas.Problems(item, line));
            }

            var stored = await PostAsync(client, path, json.ToJsonString(), "application/json");
            Assert.True(stored.All(s => s.Status == "accepted"), $"{path}: {string.Join("; ", stored)}");
            var again = await PostAsync(client, path, ndjson, "application/x-ndjson");
            Assert.True(again.All(s => s.Status == "duplicate"), $"{path} as NDJSON: {string.Join("; ", again)}");
        }
    }

    public static TheoryData<string, string, string?> WrongItems => new()
    {
        // path, field, new value as JSON (null: the field is removed)
        { "/api/v1/activities", "nip", "\"19900101201501100\"" },
        { "/api/v1/activities", "nip", "\"199001012015013001\"" },
        { "/api/v1/activities", "eventId", "\"abc\"" },
        { "/api/v1/activities", "occurredAt", "\"2026-03-02T08:30:00\"" },
        { "/api/v1/activities", "minutes", "0" },
        { "/api/v1/activities", "minutes", "2000" },
        { "/api/v1/activities", "minutes", "\"90\"" },
        { "/api/v1/activities", "volume", "-1" },
        { "/api/v1/activities", "description", null },
        { "/api/v1/activities", "skpIndicator", $"\"{new string('x', 201)}\"" },
        { "/api/v1/attendance", "status", "\"bolos\"" },
        { "/api/v1/attendance", "day", "\"02-03-2026\"" },
        { "/api/v1/attendance", "lateMinutes", "-3" },
        { "/api/v1/attendance", "earlyLeaveMinutes", "-1" },
        { "/api/v1/attendance", "apel", "\"ya\"" },
        { "/api/v1/attendance", "leaveType", "\"liburan\"" },
        { "/api/v1/ratings", "score", "7" },
        { "/api/v1/ratings", "period", "\"2025-13\"" },
        { "/api/v1/ratings", "aspect", "\"ramah\"" },
        { "/api/v1/ratings", "raterRole", "\"tetangga\"" },
        { "/api/v1/ratings", "unitId", $"\"{IngestExamples.UnitId}\"" },
        { "/api/v1/ratings", "occurredAt", null },
        { "/api/v1/reviews", "approved", "\"ya\"" },
        { "/api/v1/reviews", "activityEventId", "\"x\"" },
        { "/api/v1/reviews", "reviewerNip", "\"12345\"" },
    };

    [Theory]
    [MemberData(nameof(WrongItems))]
    public async Task WrongItem_FailsTheSchema_AndTheServerRejectsItOnThatField(string path, string field, string? value)
    {
        var doc = JsonNode.Parse(await OpenApiDocumentTests.FetchDocumentAsync(app))!;
        var schemas = new DocumentSchemas(doc);
        var (item, json, _) = Examples(doc, path);
        var good = json[0]!.DeepClone().AsObject();
        good["eventId"] = Guid.NewGuid().ToString();
        Assert.Empty(schemas.Problems(item, good));
        var wrong = good.DeepClone().AsObject();
        if (value is null)
        {
            wrong.Remove(field);
        }
        else
        {
            wrong[field] = JsonNode.Parse(value);
        }

        Assert.NotEmpty(schemas.Problems(item, wrong));
        var result = await PostAsync(await app.IngestClientAsync(), path, new JsonArray(wrong).ToJsonString(), "application/json");
        var only = Assert.Single(result);
        Assert.Equal("rejected", only.Status);
        Assert.Contains(field, only.Fields);
    }

    private static (string Item, JsonArray Json, string Ndjson) Examples(JsonNode doc, string path)
    {
        var content = doc["paths"]![path]!["post"]!["requestBody"]!["content"]!;
        var item = ((string)content["application/json"]!["schema"]!["items"]!["$ref"]!).Split('/')[^1];
        return (item, content["application/json"]!["example"]!.AsArray(), (string)content["application/x-ndjson"]!["example"]!);
    }

    private sealed record Outcome(string Status, IReadOnlyList<string> Fields)
    {
        public override string ToString() => $"{Status} [{string.Join(", ", Fields)}]";
    }

    private static async Task<IReadOnlyList<Outcome>> PostAsync(HttpClient client, string path, string body, string contentType)
    {
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["items"]!.AsArray()
            .Select(i => new Outcome((string)i!["status"]!, i["errors"]!.AsArray().Select(e => (string)e!["field"]!).ToList()))
            .ToList();
    }
}
