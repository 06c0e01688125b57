using System.Globalization;
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

namespace Kinerja.Ingest;

/// <summary>
/// <c>POST /api/v1/{stream}</c> for every stream in <see cref="IngestStreams"/> (activities, attendance, ratings,
/// reviews): a JSON array (<c>application/json</c>) or NDJSON (<c>application/x-ndjson</c>) of items; 200 with
/// per-item statuses after commit; 400/413/415 as problem details; 503 + Retry-After when the queue is full or
/// PostgreSQL is down.
/// </summary>
public static class IngestApi
{
    public const string Ndjson = "application/x-ndjson";

    /// <summary>
    /// Maps the four streams relative to <paramref name="group"/> (the host maps them under <c>/api/v1</c> and decides
    /// who may use them: <c>src/Dashboard/Apis/IngestEndpoints.cs</c>).
    /// </summary>
    public static RouteGroupBuilder MapIngestEndpoints(this RouteGroupBuilder group)
    {
        var api = group.MapGroup("").WithTags("Ingest");
        foreach (var stream in IngestStreams.All)
        {
            // Mapped as Delegate (not RequestDelegate) so the endpoints carry the metadata API Explorer needs and appear
            // in the OpenAPI document; the handler still reads the raw body itself.
            api.MapPost("/" + stream.Name, (Func<HttpContext, Task>)(ctx => stream.Accept(new Request(ctx))))
                .WithName(stream.EndpointName).WithSummary(stream.Summary).DescribeIngest(stream);
        }
        return group;
    }

    /// <summary>One request to a stream's endpoint, handled with the stream's item type known.</summary>
    private readonly struct Request(HttpContext ctx) : IStreamVisitor<Task>
    {
        public Task Visit<TItem>(IngestStreamDefinition<TItem> stream) where TItem : class, new() => HandleAsync(ctx, stream);
    }

    private static async Task HandleAsync<T>(HttpContext ctx, IngestStreamDefinition<T> stream) where T : class, new()
    {
        var services = ctx.RequestServices;
        var options = services.GetRequiredService<IOptions<IngestOptions>>().Value;
        var ct = ctx.RequestAborted;
        if (!MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var mediaType)
            || !(mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                 || mediaType.MediaType.Equals(Ndjson, StringComparison.OrdinalIgnoreCase)))
        {
            await ProblemAsync(ctx, StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send Content-Type application/json (a JSON array) or {Ndjson} (one JSON object per line); got '{ctx.Request.ContentType ?? "none"}'.");
            return;
        }
        if (ctx.Request.ContentLength > options.MaxBodyBytes)
        {
            await ProblemAsync(ctx, StatusCodes.Status413PayloadTooLarge, "Body too large",
                $"The body of {ctx.Request.ContentLength} bytes is over the limit of {options.MaxBodyBytes} bytes; send smaller batches.");
            return;
        }
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = options.MaxBodyBytes;
        }
        var scope = await services.GetRequiredService<IIngestScopeResolver>().ResolveAsync(ctx, stream.Stream, ct);
        if (scope is null)
        {
            return;
        }
        List<Parsed<T>> items;
        try
        {
            var ndjson = mediaType.MediaType.Equals(Ndjson, StringComparison.OrdinalIgnoreCase);
            items = await ItemStreamReader.ReadAsync(ctx.Request.BodyReader, ndjson, options.MaxBodyBytes, stream.ReadJson, ct);
        }
        catch (BodyTooLargeException ex)
        {
            await ProblemAsync(ctx, StatusCodes.Status413PayloadTooLarge, "Body too large", ex.Message);
            return;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ProblemAsync(ctx, StatusCodes.Status413PayloadTooLarge, "Body too large",
                $"The body is over the limit of {options.MaxBodyBytes} bytes; send smaller batches.");
            return;
        }
        catch (BodyFormatException ex)
        {
            await ProblemAsync(ctx, StatusCodes.Status400BadRequest, "Unreadable body", ex.Message);
            return;
        }
        try
        {
            var result = await services.GetRequiredService<IngestPipeline>().SubmitAsync(stream, items, scope, Backpressure.Reject, ct);
            await IngestResponseWriter.WriteAsync(ctx, result, ct);
        }
        catch (IngestUnavailableException ex)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IngestApi))
                .LogWarning("Ingest of {Count} {Stream} answered 503: {Reason}", items.Count, stream.Stream, ex.Reason);
            ctx.Response.Headers.RetryAfter = Math.Ceiling(ex.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await ProblemAsync(ctx, StatusCodes.Status503ServiceUnavailable,
                ex.Reason == UnavailableReason.QueueFull ? "Ingest queue full" : "Ingest unavailable", ex.Message);
        }
    }

    private static Task ProblemAsync(HttpContext ctx, int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(ctx);
}
