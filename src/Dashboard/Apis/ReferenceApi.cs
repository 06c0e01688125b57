using System.Text.RegularExpressions;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Dashboard.Apis;

/// <summary>Read APIs for reference data: regions, units, employees.</summary>
public static partial class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Reference");
        // Lists without personal data: anyone signed in.
        var lists = api.MapGroup("").RequireAuthorization(Policies.SignedIn);
        lists.MapGet("/regions", GetRegions)
            .WithName("GetRegions").WithSummary("All regions with their IANA time zone.");
        lists.MapGet("/units", GetUnits)
            .WithName("GetUnits").WithSummary("Units (OPD), optionally of one region.");
        // Names and NIPs: readers of the unit's region (the unit comes from the query).
        var people = api.MapGroup("").RequireAuthorization(Policies.ReadRegion);
        people.MapGet("/employees", GetEmployees)
            .WithName("GetEmployees").WithSummary("Employees (ASN), optionally of one unit.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<Region>>> GetRegions(ReferenceRepository repo, CancellationToken ct) =>
        TypedResults.Ok(await repo.RegionsAsync(ct));

    public static async Task<Results<Ok<IReadOnlyList<Unit>>, ProblemHttpResult>> GetUnits(
        [FromQuery] string? region, ReferenceRepository repo, CancellationToken ct)
    {
        if (region is not null)
        {
            if (!IdShape().IsMatch(region))
            {
                return Problem("Invalid region id",
                    "A region id is a lower-case slug of letters, digits and '-' (at most 63 characters).");
            }
            if (!await repo.RegionExistsAsync(region, ct))
            {
                return Problem("Unknown region", $"No region has the id '{region}'.", 404);
            }
        }
        return TypedResults.Ok(await repo.UnitsAsync(region, ct));
    }

    public static async Task<Results<Ok<IReadOnlyList<Employee>>, ProblemHttpResult>> GetEmployees(
        [FromQuery] string? unit, ReferenceRepository repo, CancellationToken ct)
    {
        if (unit is not null)
        {
            if (!IdShape().IsMatch(unit))
            {
                return Problem("Invalid unit id",
                    "A unit id is a lower-case slug of letters, digits and '-' (at most 63 characters).");
            }
            if (!await repo.UnitExistsAsync(unit, ct))
            {
                return Problem("Unknown unit", $"No unit has the id '{unit}'.", 404);
            }
        }
        return TypedResults.Ok(await repo.EmployeesAsync(unit, ct));
    }

    /// <summary>An RFC 9457 problem response (application/problem+json).</summary>
    internal static ProblemHttpResult Problem(string title, string detail, int status = 400) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    internal static partial Regex IdShape();
}
