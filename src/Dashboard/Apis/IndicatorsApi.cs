using System.Text.RegularExpressions;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Dashboard.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// Indicators per employee, unit and region (issue 4). <c>period</c> is <c>YYYY-MM</c>,
/// <c>YYYY-Qn</c>, <c>YYYY</c> or <c>YYYY-MM-DD</c>, always local to the subject's region; without it,
/// the current month in the region's time zone.
/// </summary>
public static partial class IndicatorsApi
{
    private const string PeriodHelp = "Use YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY (local to the region), or leave it out for the current month.";

    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        // Region-scoped: the subject's region comes from the route (nip, unitId, regionId).
        var api = app.MapGroup("/api/v1/indicators").WithTags("Indicators").RequireAuthorization(Policies.ReadRegion);
        api.MapGet("/employee/{nip}", GetEmployee)
            .WithName("GetEmployeeIndicators")
            .WithSummary("One employee's indicators for a local day, month, quarter or year (the rules' snapshot).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/unit/{unitId}", GetUnit)
            .WithName("GetUnitIndicators")
            .WithSummary("A unit's indicators: sums over its active employees, today's filing rate and attendance, predicate distribution, IKM.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/region/{regionId}", GetRegion)
            .WithName("GetRegionIndicators")
            .WithSummary("A region's indicators with one row per unit (best and lowest units on the boards).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<IndicatorSnapshot>, ProblemHttpResult>> GetEmployee(
        string nip, [FromQuery] string? period, IIndicatorQueries queries, CancellationToken ct)
    {
        if (Nip.Validate(nip) is { } error)
        {
            return Problem("Invalid NIP", error);
        }
        if (!TryPeriod(period, out var parsed))
        {
            return Problem("Invalid period", $"'{period}' is not a period. {PeriodHelp}");
        }
        return await queries.EmployeeAsync(nip, parsed, ct) is { } snapshot
            ? TypedResults.Ok(snapshot)
            : Problem("Unknown employee", $"No employee has the NIP '{nip}'.", StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<UnitIndicators>, ProblemHttpResult>> GetUnit(
        string unitId, [FromQuery] string? period, IIndicatorQueries queries, CancellationToken ct)
    {
        if (!IdShape().IsMatch(unitId))
        {
            return Problem("Invalid unit id", "A unit id is a lower-case slug of letters, digits and '-' (at most 63 characters).");
        }
        if (!TryPeriod(period, out var parsed))
        {
            return Problem("Invalid period", $"'{period}' is not a period. {PeriodHelp}");
        }
        return await queries.UnitAsync(unitId, parsed, ct) is { } unit
            ? TypedResults.Ok(unit)
            : Problem("Unknown unit", $"No unit has the id '{unitId}'.", StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<RegionIndicators>, ProblemHttpResult>> GetRegion(
        string regionId, [FromQuery] string? period, IIndicatorQueries queries, CancellationToken ct)
    {
        if (!IdShape().IsMatch(regionId))
        {
            return Problem("Invalid region id", "A region id is a lower-case slug of letters, digits and '-' (at most 63 characters).");
        }
        if (!TryPeriod(period, out var parsed))
        {
            return Problem("Invalid period", $"'{period}' is not a period. {PeriodHelp}");
        }
        return await queries.RegionAsync(regionId, parsed, ct) is { } region
            ? TypedResults.Ok(region)
            : Problem("Unknown region", $"No region has the id '{regionId}'.", StatusCodes.Status404NotFound);
    }

    /// <summary>True for a missing period (null = current month) or a well-formed one.</summary>
    private static bool TryPeriod(string? text, out Period? period)
    {
        period = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (!Period.TryParse(text, out var parsed))
        {
            return false;
        }
        period = parsed;
        return true;
    }

    /// <summary>An RFC 9457 problem response (application/problem+json).</summary>
    private static ProblemHttpResult Problem(string title, string detail, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex IdShape();
}
