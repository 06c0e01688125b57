using System.Security.Claims;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Employees;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// The signed-in employee (<c>GET /api/v1/me</c>): who they are, where they work, their superior, and the current
/// month's indicator snapshot (the same <see cref="IndicatorSnapshot"/> as <c>GET /api/v1/indicators/employee/{nip}</c>,
/// with the ratings' privacy floor applied: <see cref="SnapshotPrivacy"/>).
/// </summary>
public sealed record MeResponse(string Nip, string Name, string UnitId, string RegionId, string? SupervisorNip,
    IndicatorSnapshot Snapshot);

/// <summary>Endpoints of the signed-in employee, under <see cref="Policies.Employee"/>. The NIP always comes from the session.</summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder group)
    {
        group.MapGet("", GetMe)
            .WithName("GetMe")
            .WithSummary("The signed-in employee: NIP, name, unit, region, superior and the indicator snapshot of the current month, "
                + "or of ?period=YYYY-MM or YYYY (the annual evaluation: its predicate once the year has been evaluated).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMe(ClaimsPrincipal user, TeamScope team,
        IIndicatorQueries queries, SnapshotPrivacy privacy, CancellationToken ct, string? period = null)
    {
        if (UserPrincipal.NipOf(user) is not { } nip)
        {
            return TypedResults.Problem(title: "Forbidden", detail: "This account is not bound to an employee (NIP).",
                statusCode: StatusCodes.Status403Forbidden);
        }
        Period? at = null;
        if (period is not null)
        {
            if (!Period.TryParse(period, out var parsed) || parsed.Kind is not (PeriodKind.Month or PeriodKind.Year))
            {
                return TypedResults.Problem(title: "Bad period", detail: $"period '{period}' is not a month (YYYY-MM) or a year (YYYY).",
                    statusCode: StatusCodes.Status400BadRequest);
            }
            at = parsed;
        }
        var employee = await team.EmployeeAsync(nip, ct);
        var snapshot = employee is null ? null : await queries.EmployeeAsync(nip, at, ct);
        if (employee is null || snapshot is null)
        {
            return TypedResults.Problem(title: "Unknown employee", detail: $"No employee has the NIP '{nip}' any more.",
                statusCode: StatusCodes.Status404NotFound);
        }
        return TypedResults.Ok(new MeResponse(nip, employee.Name, employee.UnitId, employee.RegionId, employee.SupervisorNip,
            await privacy.ForPersonAsync(snapshot, ct)));
    }
}
