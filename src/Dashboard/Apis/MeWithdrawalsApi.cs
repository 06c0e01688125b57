using System.Security.Claims;
using System.Text.Json;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Employees;
using Kinerja.Ingest;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// <c>POST /api/v1/me/activities/withdrawals</c> (issue 16): the signed-in employee withdraws pending or returned
/// activities of their own (an edit is a new activity plus a withdrawal naming it in <c>replacedBy</c>), as
/// <c>withdrawals</c> stream events through the ingest pipeline with the employee's scope (same validation,
/// idempotency and commit as <c>POST /api/v1/withdrawals</c>). The NIP is the session's, <c>occurredAt</c> the server
/// clock. JSON only, like the other employee writes (no antiforgery token: SameSite=Strict cookie, JSON body).
/// </summary>
public static class MeWithdrawalsApi
{
    /// <summary>The most withdrawal items one request may carry.</summary>
    public const int MaxItems = 200;

    /// <summary>Maps <c>POST /activities/withdrawals</c> under the <c>/api/v1/me</c> group (needs the ingest role), rate-limited per account.</summary>
    public static RouteGroupBuilder MapMeWithdrawalsWrites(this RouteGroupBuilder group)
    {
        group.MapPost("/activities/withdrawals", PostWithdrawals)
            .WithName("PostMyWithdrawals")
            .WithSummary("Withdraws the signed-in employee's pending or returned activities: [{ eventId, activityEventId, replacedBy }], " +
                         "per-item results like ingest.")
            .Accepts<WithdrawalRequest[]>("application/json")
            .RequireRateLimiting(RateLimits.AccountWrite);
        return group;
    }

    public static async Task<Results<IngestAccepted, IngestUnavailable, ProblemHttpResult>> PostWithdrawals(HttpContext ctx,
        ClaimsPrincipal user, TeamScope team, IIngestPipeline pipeline, TimeProvider time, ILoggerFactory logs)
    {
        var ct = ctx.RequestAborted;
        var (me, problem) = await EmployeeSession.ResolveAsync(user, team, ct);
        if (me is null)
        {
            return problem!;
        }
        var (read, bad) = await EmployeeItemBatch.ReadJsonAsync(ctx, root => WithdrawalReader.Read(root, MaxItems), "withdrawal items");
        if (read is null)
        {
            return bad!;
        }
        var results = new ItemResult?[read.Count];
        var toSubmit = new List<WithdrawalItem>();
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
            toSubmit.Add(new WithdrawalItem
            {
                EventId = request.EventId, ActivityEventId = request.ActivityEventId, Nip = me.Nip, ReplacedBy = request.ReplacedBy,
                OccurredAt = now,
            });
            indexOf.Add(i);
        }
        IngestResult? submitted = null;
        if (toSubmit.Count > 0)
        {
            try
            {
                submitted = await pipeline.SubmitAsync(toSubmit, EmployeeSession.ScopeOf(me), Backpressure.Reject, ct);
            }
            catch (IngestUnavailableException ex)
            {
                logs.CreateLogger(typeof(MeWithdrawalsApi)).LogWarning("Withdrawal of {Count} items by {Nip} answered 503: {Reason}",
                    toSubmit.Count, me.Nip, ex.Reason);
                return EmployeeItemBatch.Unavailable(ex);
            }
        }
        return EmployeeItemBatch.Answer(results, submitted, indexOf, i => read[i].RawEventId);
    }
}
