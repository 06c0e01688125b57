using System.Globalization;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Http;
using Kinerja.Ingest.Http.Documentation;
using Kinerja.Ingest.Json;
using Kinerja.Ingest.Pipeline;
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
/// <c>POST /api/v1/activities|attendance|ratings|reviews</c>: a JSON array (<c>application/json</c>) or NDJSON
/// (<c>application/x-ndjson</c>) of items; 200 with per-item statuses after commit; 400/413/415 as problem
/// details; 503 + Retry-After when the queue is full or PostgreSQL is down.
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
        // Mapped as Delegate (not RequestDelegate) so the endpoints carry the metadata API Explorer needs and appear
        // in the OpenAPI document; the handlers still read the raw body themselves.
        api.MapPost("/activities", (Func<HttpContext, Task>)Activities).WithName("IngestActivities")
            .WithSummary("Ingest daily activity claims").DescribeIngest<ActivityItem>(IngestStream.Activities);
        api.MapPost("/attendance", (Func<HttpContext, Task>)Attendance).WithName("IngestAttendance")
            .WithSummary("Ingest attendance records").DescribeIngest<AttendanceItem>(IngestStream.Attendance);
        api.MapPost("/ratings", (Func<HttpContext, Task>)Ratings).WithName("IngestRatings")
            .WithSummary("Ingest ratings (360-degree and citizen satisfaction)").DescribeIngest<RatingItem>(IngestStream.Ratings);
        api.MapPost("/reviews", (Func<HttpContext, Task>)Reviews).WithName("IngestReviews")
            .WithSummary("Ingest supervisors' reviews of activities").DescribeIngest<ReviewItem>(IngestStream.Reviews);
        return group;
    }

    private static Task Activities(HttpContext ctx) => HandleAsync(ctx, IngestStream.Activities, ActivityJson.Parse,
        static (p, items, scope, ct) => p.SubmitActivitiesAsync(items, scope, Backpressure.Reject, ct));

    private static Task Attendance(HttpContext ctx) => HandleAsync(ctx, IngestStream.Attendance, AttendanceJson.Parse,
        static (p, items, scope, ct) => p.SubmitAttendanceAsync(items, scope, Backpressure.Reject, ct));

    private static Task Ratings(HttpContext ctx) => HandleAsync(ctx, IngestStream.Ratings, RatingJson.Parse,
        static (p, items, scope, ct) => p.SubmitRatingsAsync(items, scope, Backpressure.Reject, ct));

    private static Task Reviews(HttpContext ctx) => HandleAsync(ctx, IngestStream.Reviews, ReviewJson.Parse,
        static (p, items, scope, ct) => p.SubmitReviewsAsync(items, scope, Backpressure.Reject, ct));

    private delegate Task<IngestResult> Submit<T>(IngestPipeline pipeline, IReadOnlyList<Parsed<T>> items,
        IngestScope scope, CancellationToken ct) where T : class;

    private static async Task HandleAsync<T>(HttpContext ctx, IngestStream stream, ItemParser<T> parse, Submit<T> submit)
        where T : class, new()
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
        var scope = await services.GetRequiredService<IIngestScopeResolver>().ResolveAsync(ctx, stream, ct);
        if (scope is null)
        {
            return;
        }
        List<Parsed<T>> items;
        try
        {
            var ndjson = mediaType.MediaType.Equals(Ndjson, StringComparison.OrdinalIgnoreCase);
            items = await ItemStreamReader.ReadAsync(ctx.Request.BodyReader, ndjson, options.MaxBodyBytes, parse, ct);
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
            var result = await submit(services.GetRequiredService<IngestPipeline>(), items, scope, ct);
            await IngestResponseWriter.WriteAsync(ctx, result, ct);
        }
        catch (IngestUnavailableException ex)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IngestApi))
                .LogWarning("Ingest of {Count} {Stream} answered 503: {Reason}", items.Count, stream, ex.Reason);
            ctx.Response.Headers.RetryAfter = Math.Ceiling(ex.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await ProblemAsync(ctx, StatusCodes.Status503ServiceUnavailable,
                ex.Reason == UnavailableReason.QueueFull ? "Ingest queue full" : "Ingest unavailable", ex.Message);
        }
    }

    private static Task ProblemAsync(HttpContext ctx, int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(ctx);
}
