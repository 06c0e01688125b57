using System.Text.Json;
using Kinerja.Dashboard.Access;
using Kinerja.Ingest;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Http;
using Microsoft.AspNetCore.Http.HttpResults;

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
        var (read, bad) = await EmployeeItemBatch.ReadJsonAsync(ctx, root => TeamReviewReader.Read(root, MaxItems), "review items");
        if (read is null)
        {
            return bad!;
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
        IngestResult? submitted = null;
        if (toSubmit.Count > 0)
        {
            try
            {
                submitted = await pipeline.SubmitReviewsAsync(toSubmit, IngestScope.OfEmployee(reviewer.Nip, reviewer.UnitId, reviewer.RegionId),
                    Backpressure.Reject, ct);
            }
            catch (IngestUnavailableException ex)
            {
                log.LogWarning("Team review of {Count} items by {Reviewer} answered 503: {Reason}", toSubmit.Count, reviewer.Nip, ex.Reason);
                return EmployeeItemBatch.Unavailable(ex);
            }
        }
        return EmployeeItemBatch.Answer(results, submitted, indexOf, i => read[i].RawEventId);
    }
}
