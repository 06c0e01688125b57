using System.Text.Json;
using Kinerja.Dashboard.Access;
using Kinerja.Ingest;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Kinerja.Dashboard.Employees;

/// <summary>
/// <c>POST /api/v1/team/reviews</c>: a superior's verdicts as review stream events through the ingest pipeline (the
/// same validation, idempotency and commit as <c>POST /api/v1/reviews</c>). The reviewer is the signed-in employee,
/// <c>at</c> the server clock; an item whose activity is not one of the reviewer's direct reports' is rejected before
/// the pipeline, with the same answer whether the activity exists or not (no probing of other people's activities).
/// </summary>
public sealed class TeamReviews(EmployeeActivities activities, TeamScope team, IIngestPipeline pipeline, TimeProvider time,
    ILogger<TeamReviews> log)
{
    /// <summary>The most review items one request may carry.</summary>
    public const int MaxItems = 200;

    internal async Task<Results<IngestAccepted, IngestUnavailable, ProblemHttpResult>> SubmitAsync(HttpContext ctx, EmployeeEntry reviewer)
    {
        var ct = ctx.RequestAborted;
        if (!MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var type)
            || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(title: "Unsupported content type",
                detail: $"Send Content-Type application/json (a JSON array of review items); got '{ctx.Request.ContentType ?? "none"}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        List<ReadReview> read;
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, new JsonDocumentOptions { MaxDepth = 16 }, ct);
            read = TeamReviewReader.Read(doc.RootElement, MaxItems);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return TypedResults.Problem(title: "Unreadable body", detail: ex is JsonException ? "The body is not valid JSON: " + ex.Message : ex.Message,
                statusCode: StatusCodes.Status400BadRequest);
        }
        var results = new ItemResult?[read.Count];
        var owners = await activities.OwnersAsync(read.Where(r => r.Request is not null).Select(r => r.Request!.ActivityEventId).ToHashSet(), ct);
        var toSubmit = new List<ReviewItem>();
        var indexOf = new List<int>();
        var now = time.GetUtcNow();
        for (var i = 0; i < read.Count; i++)
        {
            var (request, raw, errors) = read[i];
            if (request is null)
            {
                results[i] = new ItemResult(i, raw, ItemStatus.Rejected, errors!);
                continue;
            }
            if (!owners.TryGetValue(request.ActivityEventId, out var owner) || !await team.IsDirectReportAsync(reviewer.Nip, owner, ct))
            {
                results[i] = new ItemResult(i, raw, ItemStatus.Rejected, [new FieldError("activityEventId",
                    $"Activity {request.ActivityEventId} is not an activity of one of your direct reports.")]);
                continue;
            }
            toSubmit.Add(new ReviewItem
            {
                EventId = request.EventId, ActivityEventId = request.ActivityEventId, Approved = request.Approved,
                ReviewerNip = reviewer.Nip, At = now, Note = request.Note,
            });
            indexOf.Add(i);
        }
        if (toSubmit.Count > 0)
        {
            IngestResult submitted;
            try
            {
                submitted = await pipeline.SubmitReviewsAsync(toSubmit, IngestScope.OfEmployee(reviewer.Nip, reviewer.UnitId, reviewer.RegionId),
                    Backpressure.Reject, ct);
            }
            catch (IngestUnavailableException ex)
            {
                log.LogWarning("Team review of {Count} items by {Reviewer} answered 503: {Reason}", toSubmit.Count, reviewer.Nip, ex.Reason);
                return new IngestUnavailable(ex.Reason == UnavailableReason.QueueFull ? "Ingest queue full" : "Ingest unavailable",
                    ex.Message, ex.RetryAfter);
            }
            foreach (var item in submitted.Items)
            {
                var i = indexOf[item.Index];
                results[i] = item with { Index = i, EventId = read[i].RawEventId ?? item.EventId };
            }
        }
        return new IngestAccepted(new IngestResult(results.Select(r => r!).ToList()));
    }
}
