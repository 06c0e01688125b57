using System.Globalization;
using System.Security.Claims;
using Kinerja.Core.Skp;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Skp;
using Kinerja.Dashboard.Skp.Import;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// A unit's IKU realisations (issue 17, migration 0026): <c>POST /api/v1/units/{unitId}/iku/realisations</c> by HR
/// of the unit's region (<see cref="Policies.Hr"/>; a JSON array or CSV, answered per row, idempotent on eventId; accepted rows
/// send the boards' <c>Panels</c> hint) and
/// <c>GET /api/v1/units/{unitId}/iku?year=</c> (targets, current realisations and attainment per IKU and period) for
/// whoever may read regions (<see cref="Policies.ReadRegion"/>, like the unit's predicate).
/// </summary>
public static class UnitIkuApi
{
    public static IEndpointRouteBuilder MapUnitIkuApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/units/{unitId}/iku", GetAsync).WithTags("SKP").RequireAuthorization(Policies.ReadRegion)
            .WithName("GetUnitIku").WithSummary("A unit's IKU of a year: targets, the current realisation of each period and attainment in percent.")
            .Produces<UnitIkuYearView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/api/v1/units/{unitId}/iku/realisations", PostAsync).WithTags("SKP").RequireAuthorization(Policies.Hr)
            .WithMetadata(new BodyLimitMetadata(SkpImportBody.MaxBytes))
            .WithName("FileUnitIkuRealisations")
            .WithSummary("Files a unit's IKU realisations [{ eventId, iku, period, value, evidenceUrl?, note? }] (JSON or CSV with these columns); " +
                         "a retry of an eventId is a duplicate, a later realisation of the same IKU and period supersedes the earlier.")
            .Accepts<object[]>("application/json", "text/csv").Produces<SkpImportResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    public static async Task<IResult> GetAsync(string unitId, [FromQuery] string? year, UnitIkuReads reads, TimeProvider time, CancellationToken ct)
    {
        if (!SkpAnswers.TryYear(year, time, out var y, out var bad))
        {
            return bad!;
        }
        return await reads.YearAsync(unitId, y, ct) is { } view ? TypedResults.Ok(view) : UnknownUnit(unitId);
    }

    public static async Task<IResult> PostAsync(string unitId, HttpContext ctx, ClaimsPrincipal user, UnitIkuRealisations store,
        RegionAccess access, UnitIkuTargets targets)
    {
        var (_, refused) = await UnitIkuTargetsApi.ScopeAsync(unitId, user, access, targets, ctx.RequestAborted);
        if (refused is not null)
        {
            return refused;
        }
        var (body, problem) = await SkpImportBody.ReadAsync(ctx, "IKU realisations");
        if (body is null)
        {
            return problem!;
        }
        List<SkpRealisationCandidate> rows;
        try
        {
            rows = body.IsCsv
                ? UnitIkuRealisations.FromCsv(SkpImportTable.Read(body.Content, UnitIkuRealisations.Required, UnitIkuRealisations.Optional))
                : SkpRealisationImporter.FromJson(body.Json(), "IKU realisations { eventId, iku, period, value, evidenceUrl?, note? }");
        }
        catch (FormatException ex)
        {
            return TypedResults.Problem(title: "Unreadable body", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        if (await store.FileAsync(unitId, rows, UserPrincipal.Actor(user), ctx.RequestAborted) is not { } result)
        {
            return UnknownUnit(unitId);
        }
        // the boards' hint went with the commit (kinerja_skp, SkpFeedHandler)
        return TypedResults.Ok(result);
    }

    private static IResult UnknownUnit(string unitId) =>
        TypedResults.Problem(title: "Unknown unit", detail: $"No unit has the id '{unitId}'.", statusCode: StatusCodes.Status404NotFound);
}
