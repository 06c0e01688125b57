using Kinerja.Ingest.Http;
using Kinerja.Ingest.Http.Documentation;
using Kinerja.Ingest.Streams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Ingest;

/// <summary>
/// <c>POST /api/v1/{stream}</c> for every stream in <see cref="IngestStreams"/> (activities, attendance, ratings,
/// reviews): a JSON array (<c>application/json</c>) or NDJSON (<c>application/x-ndjson</c>) of items; 200 with
/// per-item statuses after commit; 400/401/403/413/415 as problem details; 503 + Retry-After when the queue is full or
/// PostgreSQL is down. Each route's handler is its stream's <see cref="IngestEndpoint{TItem}"/>; the answers are the
/// types of <c>IngestResults.cs</c>, which the handler's return type lists and the OpenAPI document describes.
/// </summary>
public static class IngestApi
{
    public const string Ndjson = "application/x-ndjson";

    /// <summary>
    /// Maps every registered stream relative to <paramref name="group"/> (the host maps them under <c>/api/v1</c> and decides
    /// who may use them: <c>src/Dashboard/Apis/IngestEndpoints.cs</c>).
    /// </summary>
    public static RouteGroupBuilder MapIngestEndpoints(this RouteGroupBuilder group)
    {
        var api = group.MapGroup("").WithTags("Ingest");
        // every registered stream (the product's, IngestStreams.All, plus any a host added with AddIngestStream)
        foreach (var handler in ((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IngestStreamRegistry>().Handlers)
        {
            // The stream's typed endpoint (Http/IngestEndpoint.cs), created once when the stream was registered.
            var stream = handler.Stream;
            api.MapPost("/" + stream.Name, handler.Endpoint)
                .WithName(stream.EndpointName).WithSummary(stream.Summary).DescribeIngest(stream);
        }
        return group;
    }

    /// <summary>
    /// Handles the request body as <c>POST /api/v1/{stream}</c> does (same reading, validation, pipeline and answers),
    /// with a scope the host decided instead of the <see cref="IIngestScopeResolver"/>'s (e.g. a signed-in employee's
    /// own writes); goes forward into the stream's handler.
    /// </summary>
    public static Task<Microsoft.AspNetCore.Http.HttpResults.Results<IngestAccepted, UnreadableBody, SourceRefused, BodyTooLarge,
        UnsupportedContentType, IngestUnavailable>> SubmitBodyAsync(HttpContext ctx, Contracts.IngestStream stream, IngestScope scope) =>
        (ctx.RequestServices.GetRequiredService<IngestStreamRegistry>().Handlers.FirstOrDefault(h => h.Stream.Stream == stream)
         ?? throw new ArgumentException($"No registered stream {stream}.", nameof(stream))).SubmitBodyAsync(ctx, scope);
}
