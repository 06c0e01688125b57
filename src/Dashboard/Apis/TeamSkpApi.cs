using System.Security.Claims;
using Kinerja.Core.Skp;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Skp;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Dashboard.Apis;

/// <summary>The body of <c>POST /api/v1/team/skp/{nip}/decision</c>; <c>year</c> is only needed when several plans wait.</summary>
public sealed record SkpDecisionRequest(bool? Approve, string? Note, int? Year);

/// <summary>
/// The superior's side of the SKP plans (issue 17), under <see cref="Policies.Employee"/>. Superior rights are derived
/// from <c>supervisor_nip</c> (<see cref="TeamScope"/>): <c>GET /api/v1/team/skp?year=</c> lists the direct reports'
/// plans (submitted first), <c>POST /api/v1/team/skp/{nip}/decision</c> approves or returns a submitted plan (only the
/// direct superior; a note is required when returning).
/// </summary>
public static class TeamSkpApi
{
    public static RouteGroupBuilder MapTeamSkpReads(this RouteGroupBuilder group)
    {
        group.MapGet("", GetTeamPlans).WithName("GetTeamSkp")
            .WithSummary("My direct reports' current plans of a year with their status: submitted (diajukan) first, then by name.")
            .Produces<TeamSkpResponse>().ProducesValidationProblem();
        group.MapGet("/years", GetTeamYears).WithName("GetTeamSkpYears")
            .WithSummary("The years in which one of my direct reports has an SKP plan, and the range of years the SKP API opens (the year picker of /tim).")
            .Produces<SkpYears>();
        return group;
    }

    public static RouteGroupBuilder MapTeamSkpWrites(this RouteGroupBuilder group)
    {
        group.MapPost("/{nip}/decision", Decide).WithName("DecideTeamSkp")
            .WithSummary("Approves ({ approve: true }) or returns ({ approve: false, note }) the submitted plan of my direct report.")
            .Produces<SkpPlanView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<IResult> GetTeamPlans(ClaimsPrincipal user, [FromQuery] string? year, TeamScope team, SkpPlanReads plans,
        SkpProgressReads progressReads, TimeProvider time, CancellationToken ct)
    {
        var (me, problem) = await EmployeeSession.ResolveAsync(user, team, ct);
        if (me is null)
        {
            return problem!;
        }
        if (!SkpAnswers.TryYear(year, time, out var y, out var bad))
        {
            return bad!;
        }
        var reports = await team.DirectReportsAsync(me.Nip, ct);
        var current = await plans.CurrentOfAsync(reports, y, ct);
        var progress = await progressReads.ForAsync([.. current.Keys], y, ct);
        var members = new List<TeamSkpMember>();
        foreach (var nip in reports)
        {
            if (await team.EmployeeAsync(nip, ct) is { } report)
            {
                var plan = current.GetValueOrDefault(nip) is { } p ? p with { Progress = progress.GetValueOrDefault(nip) } : null;
                members.Add(new TeamSkpMember(nip, report.Name, plan?.Status, plan));
            }
        }
        var ordered = members.OrderBy(m => m.Status == SkpStatus.Diajukan ? 0 : 1).ThenBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Nip).ToList();
        return TypedResults.Json(new TeamSkpResponse(me.Nip, y, ordered), EmployeeJson.Options);
    }

    public static async Task<IResult> GetTeamYears(ClaimsPrincipal user, TeamScope team, SkpPlanReads plans, TimeProvider time, CancellationToken ct)
    {
        var (me, problem) = await EmployeeSession.ResolveAsync(user, team, ct);
        return me is null ? problem! : TypedResults.Json(await SkpAnswers.YearsAsync(plans, await team.DirectReportsAsync(me.Nip, ct), time, ct), EmployeeJson.Options);
    }

    public static async Task<IResult> Decide(HttpContext ctx, ClaimsPrincipal user, string nip, SkpDecisionRequest? request, TeamScope team,
        SkpPlanWrites writes, TimeProvider time, ILoggerFactory logs)
    {
        var ct = ctx.RequestAborted;
        var (me, problem) = await EmployeeSession.ResolveAsync(user, team, ct);
        if (me is null)
        {
            return problem!;
        }
        // the same answer whether the NIP exists or not: no probing of who works where
        if (!await team.IsDirectReportAsync(me.Nip, nip, ct))
        {
            return TypedResults.Problem(title: "Forbidden", detail: $"{nip} is not your direct report: only the direct superior decides on a plan.",
                statusCode: StatusCodes.Status403Forbidden);
        }
        var errors = new List<SkpFieldError>();
        if (request?.Approve is not { } approve)
        {
            errors.Add(new("approve", "approve is required: true to approve the plan, false to return it with a note."));
            approve = true;
        }
        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        if (!approve && note is null)
        {
            errors.Add(new("note", "note is required when returning a plan: tell your report what to change."));
        }
        if (note is { Length: > SkpLimits.MaxNote })
        {
            errors.Add(new("note", $"note is at most {SkpLimits.MaxNote} characters; got {note.Length}."));
        }
        if (request?.Year is { } y && SkpDraftReader.YearError(y, time.GetUtcNow().Year) is { } yearError)
        {
            errors.Add(yearError);
        }
        if (errors.Count > 0)
        {
            return SkpAnswers.Invalid(errors);
        }
        var outcome = await writes.DecideAsync(me.Nip, nip, request!.Year, approve, note, ct);
        if (outcome is SkpOutcome.Stored)
        {
            await SkpPush.AfterCommitAsync(ctx.RequestServices, nip, me.Nip, time, logs.CreateLogger(typeof(TeamSkpApi)));
        }
        return SkpAnswers.Of(outcome);
    }
}
