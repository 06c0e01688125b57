using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Skp;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// HR's read of any employee's SKP plan: <c>GET /api/v1/employees/{nip}/skp?year=</c> under <see cref="Policies.Hr"/>
/// (sdm and admin, who read every region): plans are personal, a leader reads boards, not plans.
/// </summary>
public static class EmployeeSkpApi
{
    public static IEndpointRouteBuilder MapEmployeeSkpApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/employees/{nip}/skp", GetPlan).WithTags("SKP").RequireAuthorization(Policies.Hr)
            .WithName("GetEmployeeSkp")
            .WithSummary("HR: an employee's current SKP plan of a year (sdm and admin only).")
            .Produces<SkpPlanView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<IResult> GetPlan(string nip, [FromQuery] string? year, SkpPlanReads plans, TimeProvider time,
        CancellationToken ct)
    {
        if (!SkpAnswers.TryYear(year, time, out var y, out var bad))
        {
            return bad!;
        }
        return await plans.CurrentAsync(nip, y, ct) is { } plan
            ? TypedResults.Json(plan, EmployeeJson.Options)
            : TypedResults.Problem(title: "Not found", detail: $"{nip} has no SKP plan for {y}.", statusCode: StatusCodes.Status404NotFound);
    }
}
