using System.Globalization;
using System.Security.Claims;
using Kinerja.Core.Indicators;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Employees;
using Kinerja.Ingest;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Apis;

/// <summary>The signed-in employee's activities of one month (<c>period</c>, <c>YYYY-MM</c>), newest first.</summary>
public sealed record MyActivitiesResponse(string Nip, string Period, IReadOnlyList<ActivityView> Activities);

/// <summary>
/// The employee's daily report in the application (issue 16), under <see cref="Policies.Employee"/>:
/// <c>GET /api/v1/me/activities?period=YYYY-MM</c> and <c>POST /api/v1/me/activities</c>. The POST takes the ingest
/// activity contract (a JSON array or NDJSON, the browser makes each <c>eventId</c>) and goes through the same reading,
/// validation and pipeline as <c>POST /api/v1/activities</c>, with the employee's scope. The NIP comes from the session:
/// an item may leave <c>nip</c> out (or null) and takes the session's (<see cref="MeActivityBody"/>), an item naming the
/// session's own NIP is accepted, an item naming another NIP is rejected on its <c>nip</c> field. Like the rules console's JSON calls, it needs no antiforgery token: the session
/// cookie is SameSite=Strict and only JSON/NDJSON bodies are read (a cross-site form cannot send either).
/// </summary>
public static class MeActivitiesApi
{
    /// <summary>Maps the read endpoint under the <c>/api/v1/me</c> group.</summary>
    public static RouteGroupBuilder MapMeActivitiesReads(this RouteGroupBuilder group)
    {
        group.MapGet("/activities", GetActivities)
            .WithName("GetMyActivities")
            .WithSummary("The signed-in employee's activities of a month (default: the current one in their region), newest first, with their state " +
                         "(menunggu, disetujui, dikembalikan, ditarik with replacedBy) and the latest review's note.")
            .Produces<MyActivitiesResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Maps the write endpoint under the <c>/api/v1/me</c> group (needs the ingest role), rate-limited per account.</summary>
    public static RouteGroupBuilder MapMeActivitiesWrites(this RouteGroupBuilder group)
    {
        group.MapPost("/activities", PostActivities)
            .WithName("PostMyActivities")
            .WithSummary("Logs the signed-in employee's activities (the ingest activity contract; nip is optional and, when given, must be the employee's own).")
            .RequireRateLimiting(RateLimits.AccountWrite);
        group.MapMeWithdrawalsWrites();
        return group;
    }

    public static async Task<Results<JsonHttpResult<MyActivitiesResponse>, ProblemHttpResult>> GetActivities(ClaimsPrincipal user, TeamScope team,
        EmployeeActivities activities, IIndicatorQueries queries, TimeProvider time, [FromQuery] string? period, CancellationToken ct)
    {
        var (employee, problem) = await EmployeeSession.ResolveAsync(user, team, ct);
        if (employee is null)
        {
            return problem!;
        }
        DateOnly month;
        if (period is null)
        {
            // The current month in the employee's region (the snapshot's period), as the activities' local days are.
            var current = (await queries.EmployeeAsync(employee.Nip, null, ct))?.Period;
            month = current is { Length: 7 } && DateOnly.TryParseExact(current + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var local)
                ? local
                : DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        }
        else if (period.Length != 7 || !DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture,
                     DateTimeStyles.None, out month))
        {
            return TypedResults.Problem(title: "Invalid period", detail: $"period must be a month as YYYY-MM, e.g. 2026-03; got '{period}'.",
                statusCode: StatusCodes.Status400BadRequest);
        }
        var list = await activities.OfMonthAsync(employee.Nip, month, ct);
        return TypedResults.Json(new MyActivitiesResponse(employee.Nip, month.ToString("yyyy-MM", CultureInfo.InvariantCulture), list),
            EmployeeJson.Options);
    }

    public static async Task<Results<IngestAccepted, UnreadableBody, SourceRefused, BodyTooLarge, UnsupportedContentType, IngestUnavailable>>
        PostActivities(HttpContext ctx, ClaimsPrincipal user, TeamScope team, IOptions<IngestOptions> ingest)
    {
        var (employee, problem) = await EmployeeSession.ResolveAsync(user, team, ctx.RequestAborted);
        if (employee is null)
        {
            // SourceRefused declares 401/403 and writes nothing: the refusal is written here.
            await problem!.ExecuteAsync(ctx);
            return SourceRefused.Instance;
        }
        if (await MeActivityBody.FillNipAsync(ctx, employee.Nip, ingest.Value.MaxBodyBytes) is { } tooLarge)
        {
            return tooLarge;
        }
        return await IngestApi.SubmitBodyAsync(ctx, IngestStream.Activities, EmployeeSession.ScopeOf(employee));
    }
}
