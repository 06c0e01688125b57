using System.Security.Claims;
using Kinerja.Dashboard.Access;
using Kinerja.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kinerja.Dashboard.Apis;

/// <summary>The signed-in employee of a request under <see cref="Policies.Employee"/>: the NIP always comes from the session.</summary>
internal static class EmployeeSession
{
    /// <summary>The employee bound to the session, or the problem to answer (no NIP: 403; NIP no longer known: 404).</summary>
    public static async Task<(EmployeeEntry? Employee, ProblemHttpResult? Problem)> ResolveAsync(ClaimsPrincipal user, TeamScope team,
        CancellationToken ct)
    {
        if (UserPrincipal.NipOf(user) is not { } nip)
        {
            return (null, TypedResults.Problem(title: "Forbidden", detail: "This account is not bound to an employee (NIP).",
                statusCode: StatusCodes.Status403Forbidden));
        }
        if (await team.EmployeeAsync(nip, ct) is not { Active: true } employee)
        {
            return (null, TypedResults.Problem(title: "Unknown employee", detail: $"No active employee has the NIP '{nip}' any more.",
                statusCode: StatusCodes.Status404NotFound));
        }
        return (employee, null);
    }

    /// <summary>What the employee may write through the ingest pipeline: only their own NIP, in their own unit and region.</summary>
    public static IngestScope ScopeOf(EmployeeEntry employee) => IngestScope.OfEmployee(employee.Nip, employee.UnitId, employee.RegionId);
}
