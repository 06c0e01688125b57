using System.Security.Claims;
using Kinerja.Core.Domain;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Board;
using Kinerja.Dashboard.FollowUp;
using Kinerja.Rules.FollowUp;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// Follow-up items (tindak lanjut, issue 19): <c>GET /api/v1/followups</c> (<c>?assignee=me</c>, <c>?unit=</c>,
/// <c>?region=</c>, <c>&amp;state=</c>, <c>&amp;overdue=</c>), <c>POST /api/v1/followups/{id}/transitions</c>, the leaders'
/// per-unit counts <c>GET /api/v1/followups/units?region=</c> and the public counts
/// <c>GET /api/v1/public/{regionId}/followups?period=</c>. Who sees and moves what: <see cref="FollowUpViewer"/>.
/// </summary>
public static class FollowUpApi
{
    public static IEndpointRouteBuilder MapFollowUpApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/followups").WithTags("Tindak lanjut").RequireAuthorization(Policies.Person);
        group.MapGet("", GetItems)
            .WithName("GetFollowUps")
            .WithSummary("Follow-up items: assignee=me (assigned to the signed-in person, or about them), or unit/region (HR and " +
                         "leaders of the region); optional state and overdue filters; soonest due first, at most 500, with history.")
            .Produces<IReadOnlyList<FollowUpItemView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/{id:long}/transitions", PostTransition)
            .WithName("PostFollowUpTransition")
            .WithSummary("Moves an item: { to: diproses|selesai|dibatalkan, note, evidenceUrl? }. Only the assignee or HR of the " +
                         "region; illegal moves answer 409.")
            .Accepts<FollowUpTransitionRequest>("application/json")
            .Produces<FollowUpItemView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/api/v1/followups/units", GetUnitCounts).WithTags("Tindak lanjut").RequireAuthorization(Policies.ReadRegion)
            .WithName("GetFollowUpUnitCounts")
            .WithSummary("Per unit of a region: follow-ups done on time, done late, open, overdue and coaching completed (optional period).")
            .Produces<IReadOnlyList<UnitFollowUpCounts>>();
        app.MapGet("/api/v1/public/{regionId}/followups", GetPublicCounts).WithTags("Tindak lanjut").AllowAnonymous()
            .WithName("GetPublicFollowUpCounts")
            .WithSummary("Public: rewards given and coaching held in a region and month; a count behind fewer people than the privacy floor is null.")
            .Produces<PublicFollowUpCounts>();
        return app;
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    public static async Task<IResult> GetItems(ClaimsPrincipal user, [FromQuery] string? assignee, [FromQuery] string? unit,
        [FromQuery] string? region, [FromQuery] string? state, [FromQuery] bool? overdue, RegionAccess access, TeamScope team,
        AccessCache cache, FollowUpReads reads, TimeProvider time, CancellationToken ct)
    {
        if (await FollowUpViewer.ResolveAsync(user, access, team, ct) is not { } viewer)
        {
            return Problem(403, "Forbidden", "The session is no longer valid, or its employee is no longer active.");
        }
        if (state is not null && !FollowUpStates.All.Contains(state))
        {
            return Problem(400, "Bad request", $"'state' must be one of {string.Join(", ", FollowUpStates.All)} (got '{state}').");
        }
        if (assignee is not null && assignee != "me")
        {
            return Problem(400, "Bad request", $"'assignee' can only be 'me' (got '{assignee}').");
        }
        if ((assignee is null) == (unit is null && region is null))
        {
            return Problem(400, "Bad request", "Give either assignee=me, or unit and/or region.");
        }
        FollowUpFilter filter;
        if (assignee is not null)
        {
            filter = viewer.Employee is { } me ? new FollowUpFilter(Mine: me.Nip)
                : viewer.IsHr ? new FollowUpFilter(HrOnly: true, Regions: viewer.HrRegions)
                : new FollowUpFilter(Regions: []); // leaders and admins are assigned nothing
        }
        else
        {
            if (viewer.Employee is not null)
            {
                return Problem(403, "Forbidden", "Follow-ups of a unit or region are for HR and leaders of the region; use assignee=me.");
            }
            var unitRegion = unit is null ? null : await cache.RegionOfUnitAsync(unit, ct);
            if (unit is not null && unitRegion is null)
            {
                return Problem(404, "Unknown unit", $"No unit has the id '{unit}'.");
            }
            if (region is not null && unitRegion is not null && region != unitRegion)
            {
                return Problem(400, "Bad request", $"Unit '{unit}' is not in region '{region}'.");
            }
            var target = unitRegion ?? region!;
            if (!viewer.MayReadRegion(target))
            {
                return Problem(403, "Forbidden", $"You may not read follow-ups of region '{target}'.");
            }
            filter = new FollowUpFilter(Unit: unit, Region: target);
        }
        var rows = await reads.ItemsAsync(filter with { State = state, Overdue = overdue }, time.GetUtcNow(), ct);
        return TypedResults.Json(await ViewsAsync(rows, viewer, team, reads, ct), EmployeeJson.Options);
    }

    public static async Task<IResult> PostTransition(long id, ClaimsPrincipal user, HttpRequest request, RegionAccess access,
        TeamScope team, FollowUpReads reads, FollowUpTransitions transitions, TimeProvider time, IServiceProvider services,
        ILoggerFactory logs, CancellationToken ct)
    {
        if (await FollowUpViewer.ResolveAsync(user, access, team, ct) is not { } viewer)
        {
            return Problem(403, "Forbidden", "The session is no longer valid, or its employee is no longer active.");
        }
        if (!request.HasJsonContentType())
        {
            return Problem(415, "Unsupported media type", "Send the transition as application/json.");
        }
        FollowUpTransitionRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<FollowUpTransitionRequest>(EmployeeJson.Options, ct);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return Problem(400, "Bad request", "The body is not valid JSON: " + ex.Message);
        }
        var (to, note, url, error) = FollowUpRequests.Check(body);
        if (error is not null)
        {
            return Problem(400, "Bad request", error);
        }
        var (outcome, detail) = await transitions.MoveAsync(id, viewer, to, note, url, UserPrincipal.Actor(user), ct);
        switch (outcome)
        {
            case TransitionOutcome.NotFound: return Problem(404, "Not found", detail!);
            case TransitionOutcome.Forbidden: return Problem(403, "Forbidden", detail!);
            case TransitionOutcome.Conflict: return Problem(409, "Illegal transition", detail!);
            case TransitionOutcome.Invalid: return Problem(400, "Bad request", detail!);
        }
        var row = (await reads.ItemsAsync(new FollowUpFilter(Id: id), time.GetUtcNow(), ct)).Single();
        await FollowUpPush.AfterCommitAsync(services, new FollowUpChange(id, row.Nip, row.State, time.GetUtcNow()), row.AssigneeNip,
            logs.CreateLogger(typeof(FollowUpApi)));
        await BoardPanelsPush.ForUnitAsync(services, row.RegionId, row.UnitId, BoardPanelsPush.FollowUp, time, logs.CreateLogger(typeof(FollowUpApi)));
        return TypedResults.Json((await ViewsAsync([row], viewer, team, reads, ct))[0], EmployeeJson.Options);
    }

    public static async Task<IResult> GetUnitCounts([FromQuery] string? region, [FromQuery] string? period, AccessCache cache,
        FollowUpCounts counts, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(region))
        {
            return Problem(400, "Bad request", "Give the region: ?region={regionId}.");
        }
        if (period is not null && !(Period.TryParse(period, out var p) && p.Kind == PeriodKind.Month))
        {
            return Problem(400, "Bad request", $"'period' must be a month YYYY-MM (got '{period}').");
        }
        if (!await counts.RegionExistsAsync(region, ct))
        {
            return Problem(404, "Unknown region", $"No region has the id '{region}'.");
        }
        return TypedResults.Ok(await counts.PerUnitAsync(region, period, time.GetUtcNow(), ct));
    }

    public static async Task<IResult> GetPublicCounts(string regionId, [FromQuery] string? period, FollowUpCounts counts,
        CancellationToken ct)
    {
        if (!(Period.TryParse(period, out var p) && p.Kind == PeriodKind.Month))
        {
            return Problem(400, "Bad request", $"'period' must be a month YYYY-MM (got '{period}').");
        }
        if (!await counts.RegionExistsAsync(regionId, ct))
        {
            return Problem(404, "Unknown region", $"No region has the id '{regionId}'.");
        }
        return TypedResults.Ok(await counts.PublicAsync(regionId, p.Key, ct));
    }

    private static async Task<IReadOnlyList<FollowUpItemView>> ViewsAsync(IReadOnlyList<FollowUpRow> rows, FollowUpViewer viewer,
        TeamScope team, FollowUpReads reads, CancellationToken ct)
    {
        var history = await reads.HistoryAsync(rows.Select(r => r.Id).ToArray(), ct);
        var views = new List<FollowUpItemView>(rows.Count);
        foreach (var r in rows)
        {
            var seePerson = await CanSeePersonAsync(r, viewer, team, ct);
            var role = r.AssigneeNip is null ? "sdm" : r.AssigneeNip == r.Nip ? FollowUpActors.Employee : FollowUpActors.Superior;
            views.Add(new FollowUpItemView(r.Id, r.Kind, r.Code, r.Title, seePerson ? r.Nip : null, seePerson ? r.Name : null, r.UnitId,
                r.UnitName, r.RegionId, r.Period, r.State, r.DueDate, r.Overdue,
                new FollowUpAssignee(role, r.Actor, r.AssigneeNip, r.AssigneeName), r.EvidenceUrl,
                new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)),
                r.DoneAt is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : null,
                viewer.CanAct(r), [.. history[r.Id]]));
        }
        return views;
    }

    private static async Task<bool> CanSeePersonAsync(FollowUpRow r, FollowUpViewer viewer, TeamScope team, CancellationToken ct) =>
        r.Nip is null ? false
        : viewer.Employee is { } me ? r.Nip == me.Nip || r.AssigneeNip == me.Nip || await team.IsSuperiorAsync(me.Nip, r.Nip, ct)
        : viewer.MayReadRegion(r.RegionId);
}
