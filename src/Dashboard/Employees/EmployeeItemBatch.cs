using System.Text.Json;
using Kinerja.Ingest;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Kinerja.Dashboard.Employees;

/// <summary>
/// The frame of an employee-side write of stream items built from the session (team reviews, withdrawals): the JSON
/// body read into per-item requests, and the answer that puts the pipeline's results back at each request's index next
/// to the items refused before the pipeline.
/// </summary>
internal static class EmployeeItemBatch
{
    /// <summary>
    /// Reads a JSON array body with <paramref name="read"/>; a problem (415 for another content type, 400 for a body
    /// that is not JSON or not an array of at most the allowed items) instead when it cannot. <paramref name="what"/>
    /// names the items in the 415 text ("review items").
    /// </summary>
    public static async Task<(List<T>? Read, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpContext ctx,
        Func<JsonElement, List<T>> read, string what)
    {
        if (!MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var type)
            || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TypedResults.Problem(title: "Unsupported content type",
                detail: $"Send Content-Type application/json (a JSON array of {what}); got '{ctx.Request.ContentType ?? "none"}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, new JsonDocumentOptions { MaxDepth = 16 }, ctx.RequestAborted);
            return (read(doc.RootElement), null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return (null, TypedResults.Problem(title: "Unreadable body",
                detail: ex is JsonException ? "The body is not valid JSON: " + ex.Message : ex.Message,
                statusCode: StatusCodes.Status400BadRequest));
        }
    }

    /// <summary>The 503 of a submission the pipeline could not take.</summary>
    public static IngestUnavailable Unavailable(IngestUnavailableException ex) =>
        new(ex.Reason == UnavailableReason.QueueFull ? "Ingest queue full" : "Ingest unavailable", ex.Message, ex.RetryAfter);

    /// <summary>
    /// The per-item answer: <paramref name="results"/> holds the items refused before the pipeline; the pipeline's
    /// results (item k of the submission came from request <c>indexOf[k]</c>) fill the rest, with the event id as sent.
    /// </summary>
    public static IngestAccepted Answer(ItemResult?[] results, IngestResult? submitted, IReadOnlyList<int> indexOf,
        Func<int, string?> rawEventId)
    {
        foreach (var item in submitted?.Items ?? [])
        {
            var i = indexOf[item.Index];
            results[i] = item with { Index = i, EventId = rawEventId(i) ?? item.EventId };
        }
        return new IngestAccepted(new IngestResult(results.Select(r => r!).ToList()));
    }
}
