using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kinerja.Ingest.Http.Documentation;

/// <summary>
/// OpenAPI description of one ingest endpoint: both body forms, and the wording of the answers its handler's
/// return type declares (<c>IngestResults.cs</c>: 200, 400, 401, 403, 413, 415, 503) plus the 503's
/// <c>Retry-After</c> header, which response metadata cannot carry. 429 and the API-key scheme come from the host's
/// access layer, which knows the endpoint's policy and rate limit.
/// </summary>
internal static class IngestEndpointDescription
{
    public static RouteHandlerBuilder DescribeIngest(this RouteHandlerBuilder endpoint, IngestStreamDefinition stream) =>
        endpoint
            // No .Accepts<T>(): its metadata makes routing answer a wrong Content-Type with a bare 415 before the
            // handler can explain it; the request body is described by the transformer below instead.
            .WithDescription(Description(stream, stream.ItemType.Name))
            .AddOpenApiOperationTransformer(async (operation, context, ct) =>
            {
                var item = stream.ItemType.Name;
                var schema = await context.GetOrCreateSchemaAsync(stream.ItemType, null, ct);
                context.Document!.AddComponent(item, schema);
                operation.RequestBody = RequestBody(stream, item, new OpenApiSchemaReference(item, context.Document));
                Complete(operation);
            });

    private static string Description(IngestStreamDefinition stream, string item) => $"""
        {stream.Purpose}

        The body is a batch of `{item}` items: a JSON array (`application/json`) or NDJSON (`application/x-ndjson`, one
        JSON object per line). Every item carries a client-made `eventId` (UUID): retrying a batch is safe, items already
        stored are answered `duplicate` and stored once. Items are checked one by one; the good items of a batch are
        stored even when others are `rejected`, each rejection naming the field and the reason.

        **Acknowledged after commit**: a `200` means every `accepted` item is durably in PostgreSQL. When the ingest
        queue is full or the database is unreachable the answer is `503` with `Retry-After` and nothing of the request
        was written: send the same batch again after that many seconds.
        """;

    private static OpenApiRequestBody RequestBody(IngestStreamDefinition stream, string item, IOpenApiSchema itemSchema) => new()
    {
        Required = true,
        Description = $"A batch of `{item}` items, as a JSON array or as NDJSON.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = itemSchema,
                    MinItems = 1,
                    Description = $"A JSON array of one or more `{item}` objects.",
                },
                Example = IngestExamples.JsonArray(stream.Stream),
            },
            [IngestApi.Ndjson] = new()
            {
                // OpenAPI 3.1 cannot give a schema to the lines of a sequential media type (3.2's itemSchema does), so the
                // body is described as text; each line must validate against the item schema of application/json.
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = $"NDJSON: one `{item}` JSON object per line, UTF-8, lines separated by `\\n` (`\\r\\n` " +
                                  "accepted, blank lines ignored). Each line is the same object as an element of the " +
                                  "application/json array; a malformed line is one rejected item, not a failed batch.",
                },
                Example = IngestExamples.Ndjson(stream.Stream),
            },
        },
    };

    private static void Complete(OpenApiOperation operation)
    {
        if (operation.Responses is not { } responses)
        {
            return;
        }
        Describe(responses, "200", "Per-item results, in submission order, after commit: counts of `accepted`, " +
                                   "`duplicate` and `rejected` items and one entry per item (rejected ones with field and reason).");
        Describe(responses, "400", "The body as a whole is unreadable: not a JSON array or NDJSON at all, an array " +
                                   "not closed, or no items.");
        Describe(responses, "401", "No API key, or an unknown or revoked one.");
        Describe(responses, "403", "The credentials are not an ingest source's API key.");
        Describe(responses, "413", "The body is larger than `Kinerja:Ingest:MaxBodyBytes` (16 MiB by default); send smaller batches.");
        Describe(responses, "415", "Content-Type is neither `application/json` nor `application/x-ndjson`.");
        Describe(responses, "503", "The ingest queue is full or PostgreSQL is unreachable; nothing of the request was " +
                                   "written. Retry the same batch after `Retry-After` seconds.");
        if (responses.TryGetValue("503", out var unavailable) && unavailable is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Retry-After"] = RetryAfter();
        }
    }

    /// <summary>The <c>Retry-After</c> header of 503 (and, from the access layer, 429) answers.</summary>
    public static OpenApiHeader RetryAfter() => new()
    {
        Description = "Seconds to wait before sending the request again.",
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
    };

    private static void Describe(OpenApiResponses responses, string status, string description)
    {
        if (responses.TryGetValue(status, out var r) && r is OpenApiResponse response)
        {
            response.Description = description;
        }
    }
}
