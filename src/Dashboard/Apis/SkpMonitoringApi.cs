using Kinerja.Core.Domain;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.SkpMonitoring;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// SKP completion for HR and leaders of a region: <c>GET /api/v1/skp/monitoring</c> (who has no approved plan, whose
/// realisation or assessment is late, per unit), the leaders' board panels <c>GET /api/v1/board/units</c> (per unit: plan,
/// realisation and assessment shares, IKU attainment, follow-ups) and, for anyone, <c>GET /api/v1/public/{regionId}/iku</c>
/// (IKU attainment per unit, below the privacy floor withheld). Due days: <see cref="SkpDueOptions"/>.
/// </summary>
public static class SkpMonitoringApi
{
    public static IEndpointRouteBuilder MapSkpMonitoringApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/skp/monitoring", GetMonitoring).WithTags("SKP").RequireAuthorization(Policies.ReadRegion)
            .WithName("GetSkpMonitoring")
            .WithSummary("Per unit of a region (or one unit): active employees without an approved plan for the year, and whose " +
                         "realisation or superior's assessment of the evaluation period (default: the last closed one) is late.")
            .Produces<SkpMonitoringReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/board/units", GetBoardUnits).WithTags("Papan").RequireAuthorization(Policies.ReadRegion)
            .WithName("GetBoardUnits")
            .WithSummary("The leaders' board panels per unit: share with an approved plan, realisations and assessments on time " +
                         "in the last closed evaluation period, IKU attainment, and this month's follow-ups.")
            .Produces<BoardUnitsReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/public/{regionId}/iku", GetPublicIku).WithTags("Papan").AllowAnonymous()
            .WithName("GetPublicIku")
            .WithSummary("Public: IKU attainment per unit of a region and year (aggregates only; a unit below the privacy floor shows nothing).")
            .Produces<PublicIkuReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The page <c>/pemantauan-skp</c> (dashboard role): HR and leaders of the region, like the API it reads.</summary>
    public static IEndpointRouteBuilder MapSkpMonitoringPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/pemantauan-skp", Pages.SkpMonitoringPage.GetAsync).RequireAuthorization(Policies.ReadRegion).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> GetMonitoring([FromQuery] string? regionId, [FromQuery] string? unitId, [FromQuery] string? year,
        [FromQuery] string? period, SkpMonitoringService monitoring, SkpMonitoringReads reads, CancellationToken ct)
    {
        if (await ResolveAsync(regionId, year, period, monitoring, ct) is not { } resolved)
        {
            return Problem(400, "Give the region: ?regionId={regionId}.");
        }
        if (resolved.Error is { } error)
        {
            return error;
        }
        if (unitId is not null && !(await reads.UnitsAsync(regionId!, ct)).Any(u => u.Id == unitId))
        {
            return Problem(404, $"The region '{regionId}' has no unit '{unitId}'.", "Unknown unit");
        }
        return TypedResults.Ok(await monitoring.MonitoringAsync(resolved.Scope!, unitId, ct));
    }

    public static async Task<IResult> GetBoardUnits([FromQuery] string? regionId, [FromQuery] string? year, [FromQuery] string? period,
        SkpMonitoringService monitoring, CancellationToken ct)
    {
        if (await ResolveAsync(regionId, year, period, monitoring, ct) is not { } resolved)
        {
            return Problem(400, "Give the region: ?regionId={regionId}.");
        }
        return resolved.Error ?? TypedResults.Ok(await monitoring.BoardAsync(resolved.Scope!, ct));
    }

    public static async Task<IResult> GetPublicIku(string regionId, [FromQuery] string? year, SkpMonitoringService monitoring,
        CancellationToken ct)
    {
        var resolved = (await ResolveAsync(regionId, year, null, monitoring, ct))!;
        return resolved.Error ?? TypedResults.Ok(await monitoring.PublicAsync(resolved.Scope!, ct));
    }

    private sealed record Resolved(SkpMonitoringService.Scope? Scope, IResult? Error);

    /// <summary>The scope of a request, an error answer for bad input, or null when no region was named.</summary>
    private static async Task<Resolved?> ResolveAsync(string? regionId, string? year, string? period, SkpMonitoringService monitoring,
        CancellationToken ct)
    {
        if (string.IsNullOrEmpty(regionId))
        {
            return null;
        }
        int? y = null;
        if (year is not null)
        {
            if (!int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                || parsed is < 2000 or > 2100)
            {
                return new(null, Problem(400, $"'year' must be a year between 2000 and 2100 (got '{year}')."));
            }
            y = parsed;
        }
        Period? p = null;
        if (period is not null)
        {
            if (!Period.TryParse(period, out var parsed) || parsed.Kind is not (PeriodKind.Month or PeriodKind.Quarter))
            {
                return new(null, Problem(400, $"'period' must be an evaluation period YYYY-MM or YYYY-Qn, e.g. 2026-03 or 2026-Q1 (got '{period}')."));
            }
            p = parsed;
        }
        return await monitoring.ScopeAsync(regionId, y, p, ct) is { } scope
            ? new(scope, null)
            : new(null, Problem(404, $"No region has the id '{regionId}'.", "Unknown region"));
    }

    private static IResult Problem(int status, string detail, string title = "Bad request") =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
