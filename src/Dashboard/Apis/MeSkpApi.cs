using System.Security.Claims;
using System.Text.Json;
using Kinerja.Core.Skp;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Skp;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Dashboard.Apis;

/// <summary>The body of <c>POST /api/v1/me/skp/submit</c>.</summary>
public sealed record SkpSubmitRequest(int? Year);

/// <summary>
/// The employee's own SKP plan (issue 17), under <see cref="Policies.Employee"/>; the NIP always comes from the session,
/// so nobody reaches another person's plan through a URL. <c>GET /api/v1/me/skp?year=</c>, <c>GET /api/v1/me/skp/parents?year=</c>,
/// <c>POST /api/v1/me/skp?year=</c> (the whole draft, with the <c>version</c> it edits) and <c>POST /api/v1/me/skp/submit</c>.
/// </summary>
public static class MeSkpApi
{
    public static RouteGroupBuilder MapMeSkpReads(this RouteGroupBuilder group)
    {
        group.MapGet("", GetPlan).WithName("GetMySkp")
            .WithSummary("My current SKP plan of a year: status, version, revision, RHK with indicators, the superior's note, steps and versions.")
            .Produces<SkpPlanView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/parents", GetParents).WithName("GetMySkpParents")
            .WithSummary("What my RHK may cascade from in a year: my direct superior's current plan RHK, or my unit's IKU at the top of a unit.")
            .Produces<SkpParentOptions>().ProducesValidationProblem();
        group.MapGet("/years", GetYears).WithName("GetMySkpYears")
            .WithSummary("The years in which I have an SKP plan, and the range of years the SKP API opens (the year picker of /saya).")
            .Produces<SkpYears>();
        return group;
    }

    public static RouteGroupBuilder MapMeSkpWrites(this RouteGroupBuilder group)
    {
        group.MapPost("", SavePlan).WithName("SaveMySkp")
            .WithSummary("Saves my whole plan of ?year= (draft or dikembalikan in place; after approval as a new version). The body carries the " +
                         "version it edits (0 for a first plan); a stale version or revision is 409.")
            .Accepts<JsonElement>("application/json").Produces<SkpPlanView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/submit", Submit).WithName("SubmitMySkp")
            .WithSummary("Submits my plan of { year } to my direct superior (draft → diajukan); an empty plan or one without an RHK utama is refused.")
            .Produces<SkpPlanView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<IResult> GetPlan(ClaimsPrincipal user, [FromQuery] string? year, TeamScope team, SkpPlanReads plans,
        SkpProgressReads progress, TimeProvider time, CancellationToken ct)
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
        return await plans.CurrentAsync(me.Nip, y, ct) is { } plan
            ? TypedResults.Json(plan with { Progress = (await progress.ForAsync([me.Nip], y, ct))[me.Nip] }, EmployeeJson.Options)
            : TypedResults.Problem(title: "Not found", detail: $"You have no SKP plan for {y} yet.", statusCode: StatusCodes.Status404NotFound);
    }

    public static async Task<IResult> GetYears(ClaimsPrincipal user, TeamScope team, SkpPlanReads plans, TimeProvider time, CancellationToken ct)
    {
        var (me, problem) = await EmployeeSession.ResolveAsync(user, team, ct);
        return me is null ? problem! : TypedResults.Json(await SkpAnswers.YearsAsync(plans, [me.Nip], time, ct), EmployeeJson.Options);
    }

    public static async Task<IResult> GetParents(ClaimsPrincipal user, [FromQuery] string? year, TeamScope team, SkpPlanReads plans,
        TimeProvider time, CancellationToken ct)
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
        var owner = await SkpAnswers.OwnerAsync(me, team, ct);
        var (rhk, iku) = await plans.ParentsAsync(owner.CascadeNip, me.UnitId, y, ct);
        return TypedResults.Json(new SkpParentOptions(y, owner.SuperiorNip, owner.CascadeNip is null, rhk, owner.CascadeNip is null ? iku : []),
            EmployeeJson.Options);
    }

    public static async Task<IResult> SavePlan(HttpContext ctx, ClaimsPrincipal user, [FromQuery] string? year, JsonElement body, TeamScope team,
        SkpPlanWrites writes, TimeProvider time, ILoggerFactory logs)
    {
        var ct = ctx.RequestAborted;
        var (me, problem) = await EmployeeSession.ResolveAsync(user, team, ct);
        if (me is null)
        {
            return problem!;
        }
        if (!SkpAnswers.TryYear(year, time, out var y, out var bad))
        {
            return bad!;
        }
        var (draft, errors) = SkpDraftReader.Read(body, y, time.GetUtcNow().Year);
        if (draft is null)
        {
            return SkpAnswers.Invalid(errors);
        }
        var owner = await SkpAnswers.OwnerAsync(me, team, ct);
        var outcome = await writes.SaveAsync(owner, draft, ct);
        if (outcome is SkpOutcome.Stored)
        {
            await SkpPush.AfterCommitAsync(ctx.RequestServices, me.Nip, owner.SuperiorNip, time, logs.CreateLogger(typeof(MeSkpApi)));
        }
        return SkpAnswers.Of(outcome);
    }

    public static async Task<IResult> Submit(HttpContext ctx, ClaimsPrincipal user, SkpSubmitRequest? request, TeamScope team, SkpPlanWrites writes,
        TimeProvider time, ILoggerFactory logs)
    {
        var ct = ctx.RequestAborted;
        var (me, problem) = await EmployeeSession.ResolveAsync(user, team, ct);
        if (me is null)
        {
            return problem!;
        }
        if (request?.Year is not { } y)
        {
            return SkpAnswers.Invalid([new("year", "year is required: { \"year\": YYYY }, the plan's year.")]);
        }
        if (SkpDraftReader.YearError(y, time.GetUtcNow().Year) is { } yearError)
        {
            return SkpAnswers.Invalid([yearError]);
        }
        var owner = await SkpAnswers.OwnerAsync(me, team, ct);
        var outcome = await writes.SubmitAsync(owner, y, ct);
        if (outcome is SkpOutcome.Stored)
        {
            await SkpPush.AfterCommitAsync(ctx.RequestServices, me.Nip, owner.SuperiorNip, time, logs.CreateLogger(typeof(MeSkpApi)));
        }
        return SkpAnswers.Of(outcome);
    }
}
