using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Caps request bodies at <see cref="AccessOptions.MaxRequestBodyBytes"/> unless the endpoint declares its own
/// limit (<see cref="IRequestSizeLimitMetadata"/>; null there means the endpoint enforces one itself, as ingest does).
/// A declared Content-Length over the cap is answered 413 before the body is read.
/// </summary>
internal sealed class BodySizeLimit(RequestDelegate next, IOptions<AccessOptions> options)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        var declared = ctx.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var limit = declared is null ? options.Value.MaxRequestBodyBytes : declared.MaxRequestBodySize;
        if (limit is { } max)
        {
            if (ctx.Request.ContentLength > max)
            {
                ctx.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await Results.Problem(title: "Body too large",
                    detail: $"The body of {ctx.Request.ContentLength} bytes is over the limit of {max} bytes.",
                    statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(ctx);
                return;
            }
            if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = max;
            }
        }
        await next(ctx);
    }
}

/// <summary>Endpoint metadata: the endpoint enforces its own body limit (null) or this one.</summary>
public sealed record BodyLimitMetadata(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
