using System.Globalization;
using System.Reflection;
using Kinerja.Ingest.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Ingest.Http;

// The answers of an ingest endpoint, one type each. Every type declares its status and body for OpenAPI
// (IEndpointMetadataProvider), so the endpoint's Results<…> return type is its list of answers.

/// <summary>200: the per-item results after commit, written by <see cref="IngestResponseWriter"/>.</summary>
public sealed class IngestAccepted(IngestResult result) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult,
    IValueHttpResult<IngestResult>
{
    public IngestResult Value => result;

    public int? StatusCode => StatusCodes.Status200OK;

    object? IValueHttpResult.Value => result;

    public Task ExecuteAsync(HttpContext httpContext) =>
        IngestResponseWriter.WriteAsync(httpContext, result, httpContext.RequestAborted);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(IngestResult), ["application/json"]));
}

/// <summary>
/// 400: the body as a whole is unreadable (not a JSON array or NDJSON, no items). Besides <c>detail</c> the problem
/// carries <c>errors</c> like the per-item results do: the field at fault (<c>""</c>, the body itself) and the message
/// naming the expected JSON type and the one given, so a client reads body and item errors the same way.
/// </summary>
public sealed class UnreadableBody(string detail, string field = "")
    : IngestProblem(StatusCodes.Status400BadRequest, "Unreadable body", detail, new Dictionary<string, string[]> { [field] = [detail] }),
    IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status400BadRequest);
}

/// <summary>413: the body is over <c>Kinerja:Ingest:MaxBodyBytes</c>.</summary>
public sealed class BodyTooLarge(string detail) : IngestProblem(StatusCodes.Status413PayloadTooLarge, "Body too large", detail),
    IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status413PayloadTooLarge);
}

/// <summary>415: the content type is neither JSON nor NDJSON.</summary>
public sealed class UnsupportedContentType(string detail)
    : IngestProblem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status415UnsupportedMediaType);
}

/// <summary>503 with <c>Retry-After</c>: the queue is full or PostgreSQL is unreachable; nothing was written.</summary>
public sealed class IngestUnavailable(string title, string detail, TimeSpan retryAfter)
    : IngestProblem(StatusCodes.Status503ServiceUnavailable, title, detail), IEndpointMetadataProvider
{
    /// <summary>Whole seconds, rounded up (a client waiting that long finds room).</summary>
    public string RetryAfter { get; } = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    public override Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfter;
        return base.ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status503ServiceUnavailable);
}

/// <summary>
/// 401/403: the caller is not an ingest source. The <see cref="IIngestScopeResolver"/> seam has already written the
/// problem (its wording belongs to the host's access layer), so this result only declares the two answers.
/// </summary>
public sealed class SourceRefused : IResult, IEndpointMetadataProvider
{
    public static SourceRefused Instance { get; } = new();

    private SourceRefused()
    {
    }

    public Task ExecuteAsync(HttpContext httpContext) => Task.CompletedTask;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        IngestProblem.Declare(builder, StatusCodes.Status401Unauthorized);
        IngestProblem.Declare(builder, StatusCodes.Status403Forbidden);
    }
}

/// <summary>A problem-details answer (<c>application/problem+json</c>), written as <see cref="TypedResults.Problem(string?, string?, int?, string?, string?, IDictionary{string, object?}?, IDictionary{string, string[]}?)"/> writes it.</summary>
public abstract class IngestProblem(int status, string title, string detail, IDictionary<string, string[]>? errors = null)
    : IResult, IStatusCodeHttpResult
{
    private readonly ProblemHttpResult _problem = TypedResults.Problem(detail: detail, statusCode: status, title: title,
        extensions: errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    public int? StatusCode => status;

    public ProblemDetails Problem => _problem.ProblemDetails;

    public virtual Task ExecuteAsync(HttpContext httpContext) => _problem.ExecuteAsync(httpContext);

    internal static void Declare(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
}
