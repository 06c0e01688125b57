using System.Security.Claims;
using Kinerja.Core.Indicators;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Employees;
using Kinerja.Ingest.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kinerja.Dashboard.Apis;

/// <summary>A direct report and their current month's indicator snapshot (null when none could be computed).</summary>
public sealed record TeamMember(string Nip, string Name, string UnitId, IndicatorSnapshot? Snapshot);

/// <summary>The signed-in superior's direct reports (empty for an employee without reports).</summary>
public sealed record TeamResponse(string SupervisorNip, IReadOnlyList<TeamMember> Members);

/// <summary>The pending activities of the signed-in superior's direct reports, newest first.</summary>
public sealed record TeamQueueResponse(string SupervisorNip, IReadOnlyList<ActivityView> Pending);

/// <summary>
/// The superior's side of the review loop (issue 16), under <see cref="Policies.Employee"/>; superior rights are
/// derived from <c>supervisor_nip</c> (<see cref="TeamScope"/>), never granted: <c>GET /api/v1/team</c>,
/// <c>GET /api/v1/team/reviews</c>, <c>POST /api/v1/team/reviews</c> (<see cref="TeamReviews"/>).
/// </summary>
public static class TeamApi
{
    public static RouteGroupBuilder MapTeamReads(this RouteGroupBuilder group)
    {
        group.MapGet("", GetTeam)
            .WithName("GetTeam")
            .WithSummary("The signed-in employee's direct reports with their current indicator snapshots.");
        group.MapGet("/reviews", GetQueue)
            .WithName("GetTeamReviews")
            .WithSummary("Pending activities of the signed-in employee's direct reports, newest first (at most 500).")
            .Produces<TeamQueueResponse>();
        return group;
    }

    /// <summary>Maps <c>POST /reviews</c> (needs the ingest role), rate-limited per account.</summary>
    public static RouteGroupBuilder MapTeamWrites(this RouteGroupBuilder group)
    {
        group.MapPost("/reviews", PostReviews)
            .WithName("PostTeamReviews")
            .WithSummary("Approves or returns direct reports' activities: [{ eventId, activityEventId, approved, note }], per-item results " +
                         "like ingest; a note is required when returning.")
            .Accepts<TeamReviewRequest[]>("application/json")
            .RequireRateLimiting(RateLimits.AccountWrite);
        return group;
    }

    public static async Task<Results<Ok<TeamResponse>, ProblemHttpResult>> GetTeam(ClaimsPrincipal user, TeamScope team,
        IIndicatorQueries queries, SnapshotPrivacy privacy, CancellationToken ct)
    {
        var (me, problem) = await EmployeeSession.ResolveAsync(user, team, ct);
        if (me is null)
        {
            return problem!;
        }
        var members = new List<TeamMember>();
        foreach (var nip in await team.DirectReportsAsync(me.Nip, ct))
        {
            if (await team.EmployeeAsync(nip, ct) is { } report)
            {
                // the superior knows their own score: a report's peer/subordinate means over fewer raters than the
                // floor would give those raters' scores away, as on the report's own page
                var snapshot = await queries.EmployeeAsync(nip, null, ct);
                members.Add(new TeamMember(nip, report.Name, report.UnitId,
                    snapshot is null ? null : await privacy.ForPersonAsync(snapshot, ct)));
            }
        }
        return TypedResults.Ok(new TeamResponse(me.Nip, members));
    }

    public static async Task<Results<JsonHttpResult<TeamQueueResponse>, ProblemHttpResult>> GetQueue(ClaimsPrincipal user, TeamScope team,
        EmployeeActivities activities, CancellationToken ct)
    {
        var (me, problem) = await EmployeeSession.ResolveAsync(user, team, ct);
        if (me is null)
        {
            return problem!;
        }
        var pending = await activities.PendingOfAsync(await team.DirectReportsAsync(me.Nip, ct), ct);
        return TypedResults.Json(new TeamQueueResponse(me.Nip, pending), EmployeeJson.Options);
    }

    public static async Task<Results<IngestAccepted, IngestUnavailable, ProblemHttpResult>> PostReviews(HttpContext ctx, ClaimsPrincipal user,
        TeamScope team, TeamReviews reviews)
    {
        var (me, problem) = await EmployeeSession.ResolveAsync(user, team, ctx.RequestAborted);
        if (me is null)
        {
            return problem!;
        }
        return await reviews.SubmitAsync(ctx, me);
    }
}
