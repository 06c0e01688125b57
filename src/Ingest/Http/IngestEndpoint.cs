using Kinerja.Ingest.Json;
using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Streams;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using IngestAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<Kinerja.Ingest.Http.IngestAccepted,
    Kinerja.Ingest.Http.UnreadableBody, Kinerja.Ingest.Http.SourceRefused, Kinerja.Ingest.Http.BodyTooLarge,
    Kinerja.Ingest.Http.UnsupportedContentType, Kinerja.Ingest.Http.IngestUnavailable>;

namespace Kinerja.Ingest.Http;

/// <summary>
/// The handler of one stream's <c>POST /api/v1/{name}</c>, created once per registered stream
/// (<see cref="IngestStreamHandler{TItem}"/>) and mapped by <see cref="IngestApi"/>: it checks the content type and
/// size, resolves the source's scope, reads the items one by one while the body streams in, and submits them with the
/// stream's submission builder. It binds only <see cref="HttpContext"/> and reads the raw body itself.
/// </summary>
internal sealed class IngestEndpoint<TItem>(IngestStreamDefinition<TItem> stream, SubmissionBuilder<TItem> builder)
    where TItem : class, new()
{
    // The reader delegate, made once rather than per request.
    private readonly ItemParser<TItem> _read = stream.ReadJson;

    /// <summary>Handles one request: content checks, scope, reading the items, submitting them, the answer.</summary>
    public Task<IngestAnswer> HandleAsync(HttpContext ctx) => SubmitAsync(ctx, null);

    /// <summary>
    /// Handles the request as <see cref="HandleAsync"/> does, with <paramref name="given"/> as the scope when the host
    /// decided it (otherwise the <see cref="IIngestScopeResolver"/>'s).
    /// </summary>
    public async Task<IngestAnswer> SubmitAsync(HttpContext ctx, IngestScope? given)
    {
        var services = ctx.RequestServices;
        var options = services.GetRequiredService<IOptions<IngestOptions>>().Value;
        var ct = ctx.RequestAborted;
        if (!MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var mediaType)
            || !(mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                 || mediaType.MediaType.Equals(IngestApi.Ndjson, StringComparison.OrdinalIgnoreCase)))
        {
            return new UnsupportedContentType(
                $"Send Content-Type application/json (a JSON array) or {IngestApi.Ndjson} (one JSON object per line); got '{ctx.Request.ContentType ?? "none"}'.");
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
        List<Parsed<TItem>> items;
        try
        {
            var ndjson = mediaType.MediaType.Equals(IngestApi.Ndjson, StringComparison.OrdinalIgnoreCase);
            items = await ItemStreamReader.ReadAsync(ctx.Request.BodyReader, ndjson, options.MaxBodyBytes, _read, ct);
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
                await services.GetRequiredService<IngestPipeline>().SubmitAsync(builder, items, scope, Backpressure.Reject, ct));
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
