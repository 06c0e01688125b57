using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Kinerja.Dashboard.Tests.Infrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Kinerja.Dashboard.Tests.OpenApi;

/// <summary>
/// The OpenAPI document and its reference page, fetched anonymously from the running server: the ingest API is in it
/// with both body forms, every answer and the API-key schemes, and the document passes validators that are not its
/// generator (Microsoft.OpenApi's reader and rule set; JsonSchema.Net's 2020-12 meta-schema for every schema).
/// </summary>
public sealed class OpenApiDocumentTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>
{
    public static readonly string[] IngestPaths = ["/api/v1/activities", "/api/v1/attendance", "/api/v1/ratings", "/api/v1/reviews"];

    internal static async Task<string> FetchDocumentAsync(KinerjaAppFactory app)
    {
        using var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Document_WithoutSigningIn_DescribesTheFourIngestOperations()
    {
        var doc = JsonNode.Parse(await FetchDocumentAsync(app))!;
        foreach (var path in IngestPaths)
        {
            var op = doc["paths"]?[path]?["post"];
            Assert.True(op is not null, $"POST {path} is missing from the OpenAPI document.");
            var content = op["requestBody"]!["content"]!;
            Assert.Equal("array", (string?)content["application/json"]!["schema"]!["type"]);
            Assert.StartsWith("#/components/schemas/", (string?)content["application/json"]!["schema"]!["items"]!["$ref"]);
            Assert.Equal("string", (string?)content["application/x-ndjson"]!["schema"]!["type"]);
            Assert.True((bool?)op["requestBody"]!["required"]);
            var responses = op["responses"]!.AsObject();
            Assert.Equal(["200", "400", "401", "403", "413", "415", "429", "503"], responses.Select(r => r.Key).Order());
            Assert.Equal("#/components/schemas/IngestResult", (string?)responses["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
            foreach (var status in new[] { "400", "401", "403", "413", "415", "429", "503" })
            {
                Assert.Equal("#/components/schemas/ProblemDetails",
                    (string?)responses[status]!["content"]!["application/problem+json"]!["schema"]!["$ref"]);
            }
            Assert.NotNull(responses["503"]!["headers"]!["Retry-After"]);
            Assert.NotNull(responses["429"]!["headers"]!["Retry-After"]);
            var security = op["security"]!.AsArray().Select(r => r!.AsObject().Single().Key).Order().ToList();
            Assert.Equal(["apiKeyBearer", "apiKeyHeader"], security);
        }
        var schemes = doc["components"]!["securitySchemes"]!;
        Assert.Equal("http", (string?)schemes["apiKeyBearer"]!["type"]);
        Assert.Equal("bearer", (string?)schemes["apiKeyBearer"]!["scheme"]);
        Assert.Equal("apiKey", (string?)schemes["apiKeyHeader"]!["type"]);
        Assert.Equal("header", (string?)schemes["apiKeyHeader"]!["in"]);
        Assert.Equal("X-Api-Key", (string?)schemes["apiKeyHeader"]!["name"]);
        Assert.Equal("cookie", (string?)schemes["cookieSession"]!["in"]);
        // A data endpoint says it needs the session cookie; the document itself needs nothing.
        Assert.Equal("cookieSession", doc["paths"]!["/api/v1/employees"]!["get"]!["security"]![0]!.AsObject().Single().Key);
    }

    [Fact]
    public async Task ItemSchemas_CarryTheContractConstraints()
    {
        var schemas = JsonNode.Parse(await FetchDocumentAsync(app))!["components"]!["schemas"]!;
        var activity = schemas["ActivityItem"]!;
        Assert.Equal(["description", "eventId", "minutes", "nip", "occurredAt"], Required(activity));
        Assert.Equal("uuid", (string?)activity["properties"]!["eventId"]!["format"]);
        Assert.Equal(Kinerja.Core.Domain.Nip.Pattern, (string?)activity["properties"]!["nip"]!["pattern"]);
        Assert.Equal("date-time", (string?)activity["properties"]!["occurredAt"]!["format"]);
        Assert.Equal(1, (int?)activity["properties"]!["minutes"]!["minimum"]);
        Assert.Equal("integer", (string?)activity["properties"]!["minutes"]!["type"]);
        var rating = schemas["RatingItem"]!["properties"]!;
        Assert.Equal((1, 5), ((int)rating["score"]!["minimum"]!, (int)rating["score"]!["maximum"]!));
        Assert.Equal(Kinerja.Core.Domain.RaterRole.All, rating["raterRole"]!["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(Kinerja.Core.Domain.Aspect.All, rating["aspect"]!["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(Kinerja.Core.Domain.AttendanceStatus.All,
            schemas["AttendanceItem"]!["properties"]!["status"]!["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("date", (string?)schemas["AttendanceItem"]!["properties"]!["day"]!["format"]);
        Assert.Equal(["accepted", "duplicate", "rejected"], schemas["ItemStatus"]!["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(["errors", "eventId", "index", "status"], Required(schemas["ItemResult"]!));
    }

    [Fact]
    public async Task Document_PassesTheOpenApiReaderAndItsValidationRules()
    {
        var text = await FetchDocumentAsync(app);
        var read = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings { RuleSet = ValidationRuleSet.GetDefaultRuleSet() });
        Assert.True(read.Diagnostic is not null, "The reader gave no diagnostic.");
        Assert.True(read.Diagnostic.Errors.Count == 0,
            "OpenAPI errors:\n" + string.Join("\n", read.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        Assert.NotNull(read.Document?.Paths["/api/v1/activities"]);
    }

    [Fact]
    public async Task EverySchema_IsValidJsonSchema202012_AndEveryReferenceResolves()
    {
        var doc = JsonNode.Parse(await FetchDocumentAsync(app))!;
        var failures = new List<string>();
        foreach (var (name, schema) in doc["components"]!["schemas"]!.AsObject())
        {
            var result = MetaSchemas.Draft202012.Evaluate(JsonSerializer.SerializeToElement(schema),
                new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!result.IsValid)
            {
                failures.Add($"{name}: not a valid JSON Schema 2020-12");
            }
        }
        foreach (var reference in DocumentSchemas.Descendants(doc).OfType<JsonObject>()
                     .Select(o => o["$ref"]).OfType<JsonValue>().Select(v => (string)v!).Distinct())
        {
            if (!reference.StartsWith("#/", StringComparison.Ordinal) || Resolve(doc, reference[2..]) is null)
            {
                failures.Add($"unresolved reference {reference}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task ReferencePage_WithoutSigningIn_IsServedWithSelfOnlyAssetsAndPolicy()
    {
        var client = app.CreateClient();
        using var page = await client.GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("connect-src 'self'", csp);
        var nonce = Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(nonce), "The page's policy allows its inline script by nonce: " + csp);
        var scripts = Regex.Matches(html, "<script[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce}\"", s));
        Assert.DoesNotContain("https://", html);
        foreach (var asset in Regex.Matches(html, "src=\"([^\"]+)\"").Select(m => m.Groups[1].Value))
        {
            using var response = await client.GetAsync(new Uri(new Uri("http://localhost/scalar/"), asset));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
        }
    }

    private static List<string> Required(JsonNode schema) => schema["required"]!.AsArray().Select(v => (string)v!).Order().ToList();

    private static JsonNode? Resolve(JsonNode doc, string pointer)
    {
        JsonNode? node = doc;
        foreach (var token in pointer.Split('/'))
        {
            node = node?[token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }
        return node;
    }
}
