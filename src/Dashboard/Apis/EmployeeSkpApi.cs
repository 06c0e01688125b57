using System.Security.Claims;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Skp;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// HR's read of any employee's SKP plan in the regions it may read: <c>GET /api/v1/employees/{nip}/skp?year=</c> under
/// <see cref="Policies.ReadRegion"/> (the region comes from the NIP) and only for sdm and admin: plans are personal, a
/// leader reads boards, not plans.
/// </summary>
public static class EmployeeSkpApi
{
    public static IEndpointRouteBuilder MapEmployeeSkpApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/employees/{nip}/skp", GetPlan).WithTags("SKP").RequireAuthorization(Policies.ReadRegion)
            .WithName("GetEmployeeSkp")
            .WithSummary("HR: an employee's current SKP plan of a year (sdm and admin only).")
            .Produces<SkpPlanView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<IResult> GetPlan(ClaimsPrincipal user, string nip, [FromQuery] string? year, SkpPlanReads plans, TimeProvider time,
        CancellationToken ct)
    {
        if (!user.IsInRole(AccessRoles.Sdm) && !user.IsInRole(AccessRoles.Admin))
        {
            return TypedResults.Problem(title: "Forbidden", detail: "SKP plans are read by HR (sdm) and admins only.",
                statusCode: StatusCodes.Status403Forbidden);
        }
        if (!SkpAnswers.TryYear(year, time, out var y, out var bad))
        {
            return bad!;
        }
        return await plans.CurrentAsync(nip, y, ct) is { } plan
            ? TypedResults.Json(plan, EmployeeJson.Options)
            : TypedResults.Problem(title: "Not found", detail: $"{nip} has no SKP plan for {y}.", statusCode: StatusCodes.Status404NotFound);
    }
}
