using Kinerja.Ingest.Http;
using Kinerja.Ingest.Http.Documentation;
using Kinerja.Ingest.Json;
using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Streams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using IngestAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<Kinerja.Ingest.Http.IngestAccepted,
    Kinerja.Ingest.Http.UnreadableBody, Kinerja.Ingest.Http.SourceRefused, Kinerja.Ingest.Http.BodyTooLarge,
    Kinerja.Ingest.Http.UnsupportedContentType, Kinerja.Ingest.Http.IngestUnavailable>;

namespace Kinerja.Ingest;

/// <summary>
/// <c>POST /api/v1/{stream}</c> for every stream in <see cref="IngestStreams"/> (activities, attendance, ratings,
/// reviews): a JSON array (<c>application/json</c>) or NDJSON (<c>application/x-ndjson</c>) of items; 200 with
/// per-item statuses after commit; 400/401/403/413/415 as problem details; 503 + Retry-After when the queue is full or
/// PostgreSQL is down. The answers are the types of <c>IngestResults.cs</c>; the handler's return type lists them,
/// which is what the OpenAPI document describes.
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
        foreach (var stream in ((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IngestStreamRegistry>().All)
        {
            // A typed handler (not a RequestDelegate): the endpoint gets the answers of its Results<…> return type as
            // metadata and appears in the OpenAPI document. It binds only HttpContext and reads the raw body itself.
            api.MapPost("/" + stream.Name, (Func<HttpContext, Task<IngestAnswer>>)(ctx => stream.Accept(new Request(ctx))))
                .WithName(stream.EndpointName).WithSummary(stream.Summary).DescribeIngest(stream);
        }
        return group;
    }

    /// <summary>
    /// Handles the request body as <c>POST /api/v1/{stream}</c> does (same reading, validation, pipeline and answers),
    /// with a scope the host decided instead of the <see cref="IIngestScopeResolver"/>'s: the in-app writes of a
    /// signed-in employee (<c>POST /api/v1/me/activities</c>) use <see cref="IngestScope.OfEmployee"/>.
    /// </summary>
    public static Task<IngestAnswer> SubmitBodyAsync(HttpContext ctx, Contracts.IngestStream stream, IngestScope scope)
    {
        var definition = ctx.RequestServices.GetRequiredService<IngestStreamRegistry>().All.FirstOrDefault(s => s.Stream == stream)
                         ?? throw new ArgumentException($"No registered stream {stream}.", nameof(stream));
        return definition.Accept(new Request(ctx, scope));
    }

    /// <summary>One request to a stream's endpoint, handled with the stream's item type known.</summary>
    private readonly struct Request(HttpContext ctx, IngestScope? scope = null) : IStreamVisitor<Task<IngestAnswer>>
    {
        public Task<IngestAnswer> Visit<TItem>(IngestStreamDefinition<TItem> stream) where TItem : class, new() =>
            HandleAsync(ctx, stream, scope);
    }

    private static async Task<IngestAnswer> HandleAsync<T>(HttpContext ctx, IngestStreamDefinition<T> stream, IngestScope? given)
        where T : class, new()
    {
        var services = ctx.RequestServices;
        var options = services.GetRequiredService<IOptions<IngestOptions>>().Value;
        var ct = ctx.RequestAborted;
        if (!MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var mediaType)
            || !(mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                 || mediaType.MediaType.Equals(Ndjson, StringComparison.OrdinalIgnoreCase)))
        {
            return new UnsupportedContentType(
                $"Send Content-Type application/json (a JSON array) or {Ndjson} (one JSON object per line); got '{ctx.Request.ContentType ?? "none"}'.");
        }
        if (ctx.Request.ContentLength > options.MaxBodyBytes)
        {
            return new BodyTooLarge(
                $"The body of {ctx.Request.ContentLength} bytes is over the limit of {options.MaxBodyBytes} bytes; send smaller batches.");
        }
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = options.MaxBodyBytes;
        }
        var scope = given ?? await services.GetRequiredService<IIngestScopeResolver>().ResolveAsync(ctx, stream.Stream, ct);
        if (scope is null)
        {
            return SourceRefused.Instance;
        }
        List<Parsed<T>> items;
        try
        {
            var ndjson = mediaType.MediaType.Equals(Ndjson, StringComparison.OrdinalIgnoreCase);
            items = await ItemStreamReader.ReadAsync(ctx.Request.BodyReader, ndjson, options.MaxBodyBytes, stream.ReadJson, ct);
        }
        catch (BodyTooLargeException ex)
        {
            return new BodyTooLarge(ex.Message);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new BodyTooLarge($"The body is over the limit of {options.MaxBodyBytes} bytes; send smaller batches.");
        }
        catch (BodyFormatException ex)
        {
            return new UnreadableBody(ex.Message);
        }
        try
        {
            return new IngestAccepted(
                await services.GetRequiredService<IngestPipeline>().SubmitAsync(stream, items, scope, Backpressure.Reject, ct));
        }
        catch (IngestUnavailableException ex)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IngestApi))
                .LogWarning("Ingest of {Count} {Stream} answered 503: {Reason}", items.Count, stream.Stream, ex.Reason);
            return new IngestUnavailable(ex.Reason == UnavailableReason.QueueFull ? "Ingest queue full" : "Ingest unavailable",
                ex.Message, ex.RetryAfter);
        }
    }
}
