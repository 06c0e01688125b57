using System.Buffers;
using System.Globalization;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Survey;
using Kinerja.Ingest;
using Kinerja.Ingest.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// <c>POST /api/v1/survey/{unitId}</c> (ingest role): a citizen's answered satisfaction survey, anonymous. The answer is
/// durably stored (through <see cref="IIngestPipeline"/>, ack after commit) before the 200. No antiforgery token: the
/// endpoint reads no cookie and no credential (there is no ambient authority a cross-site request could borrow) and
/// takes only <c>application/json</c>, which a cross-site form cannot send without a CORS preflight this server never
/// grants; a forged request can do no more than a direct one, which the limits bound.
/// </summary>
public static class SurveyApi
{
    public static IEndpointRouteBuilder MapSurveyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/survey/{unitId}", PostAsync)
            .AllowAnonymous()
            .WithMetadata(new BodyLimitMetadata(null))
            .WithTags("Survey")
            .WithName("SubmitSurvey")
            .WithSummary("A citizen's satisfaction survey of a unit (anonymous; one per device, unit and service a day).")
            .Produces<SurveyAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>The answer: <c>accepted</c> (stored now) or <c>duplicate</c> (this responseId was stored before).</summary>
    public sealed record SurveyAnswer(string Status);

    public static async Task<IResult> PostAsync(string unitId, HttpContext http, IIngestPipeline pipeline, SurveyLimiter limiter,
        SurveyClientKeys keys, SurveyResponses responses, IOptions<SurveyOptions> options, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        if (!limiter.TryAddress(keys.Address(http), out var addressRetry))
        {
            return TooMany(http, addressRetry, "Too many survey requests from this address; try again in a minute.");
        }
        if (!(http.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(title: "Unsupported content type",
                detail: $"Send the survey as application/json; got '{http.Request.ContentType}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        var max = options.Value.MaxBodyBytes;
        var body = await ReadBodyAsync(http.Request, max, ct);
        if (body is null)
        {
            return TypedResults.Problem(title: "Body too large", detail: $"A survey body may have at most {max} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        var read = SurveyRequestReader.Parse(body, unitId, time.GetUtcNow());
        if (read.Trap)
        {
            // Looks accepted to the robot that filled the hidden field; nothing is stored.
            logs.CreateLogger(typeof(SurveyApi)).LogInformation("Survey for unit {UnitId} dropped: honeypot filled", unitId);
            return TypedResults.Ok(new SurveyAnswer("accepted"));
        }
        if (read.Item is not { } item)
        {
            return Invalid(read.Errors);
        }
        if (!limiter.TryDevice(keys.Device(http), unitId, item.ServiceId, out var deviceRetry))
        {
            // A retry of a stored answer is still told "duplicate" (the client lost our first answer).
            return await responses.IsStoredAsync(item.EventId, ct)
                ? TypedResults.Ok(new SurveyAnswer("duplicate"))
                : TooMany(http, deviceRetry, "This device has already answered the survey of this unit and service today.");
        }
        IngestResult result;
        try
        {
            result = await pipeline.SubmitAsync([item], backpressure: Backpressure.Reject, ct: ct);
        }
        catch (IngestUnavailableException e)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(e.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(title: "Survey not stored", detail: "The server cannot store answers right now; try again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var outcome = result.Items[0];
        return outcome.Status switch
        {
            ItemStatus.Accepted => TypedResults.Ok(new SurveyAnswer("accepted")),
            ItemStatus.Duplicate => TypedResults.Ok(new SurveyAnswer("duplicate")),
            _ when outcome.Errors.Any(e => e.Field == "unitId") => TypedResults.Problem(title: "Unknown unit",
                detail: outcome.Errors.First(e => e.Field == "unitId").Message, statusCode: StatusCodes.Status404NotFound),
            _ => Invalid(outcome.Errors.ToDictionary(e => SurveyRequestReader.PathOf(e.Field), e => new[] { e.Message })),
        };
    }

    private static IResult Invalid(IReadOnlyDictionary<string, string[]> errors)
    {
        var first = errors.First();
        var detail = first.Key.Length == 0 ? first.Value[0] : $"{first.Key}: {first.Value[0]}";
        return TypedResults.ValidationProblem(errors, detail, title: "Invalid survey");
    }

    private static IResult TooMany(HttpContext http, TimeSpan retry, string detail)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "Too many requests", detail: detail, statusCode: StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The body, or null when it is longer than <paramref name="max"/> bytes (declared or read).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max)
        {
            return null;
        }
        var buffer = new ArrayBufferWriter<byte>(Math.Min(max, 4096));
        while (true)
        {
            var memory = buffer.GetMemory(1024);
            var n = await request.Body.ReadAsync(memory, ct);
            if (n == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }
            buffer.Advance(n);
            if (buffer.WrittenCount > max)
            {
                return null;
            }
        }
    }
}
