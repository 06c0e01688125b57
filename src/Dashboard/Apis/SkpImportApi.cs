using System.Security.Claims;
using System.Text.Json;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Skp;
using Kinerja.Dashboard.Skp.Import;
using Npgsql;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// SKP import for regions moving from another application (issue 17), under <see cref="Policies.Hr"/> (sdm, admin):
/// <c>POST /api/v1/skp/import/plans</c>, <c>POST /api/v1/skp/import/realisations</c> and the units' IKU targets
/// <c>POST /api/v1/skp/import/iku</c>, each as <c>text/csv</c> or
/// <c>application/json</c> (root README "Import SKP"). Answered per row (<c>accepted</c> | <c>duplicate</c> |
/// <c>rejected</c> with errors naming the field); a body that cannot be read at all is a 400 and imports nothing.
/// </summary>
public static class SkpImportApi
{
    public static IEndpointRouteBuilder MapSkpImportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/skp/import").WithTags("SKP").RequireAuthorization(Policies.Hr)
            .WithMetadata(new BodyLimitMetadata(SkpImportBody.MaxBytes));
        group.MapPost("/plans", ImportPlans).WithName("ImportSkpPlans")
            .WithSummary("Imports plans approved in another application (CSV: one row per indicator; JSON: an array of plans). Each plan is " +
                         "validated like POST /api/v1/me/skp and stored whole or not at all, as disetujui with the step diimpor; re-runs are duplicates.")
            .Accepts<object[]>("application/json", "text/csv").Produces<SkpImportResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/realisations", ImportRealisations).WithName("ImportSkpRealisations")
            .WithSummary("Imports realisations (nip, rhk code, indicator position, period, value | text, note, evidenceUrl) of current approved " +
                         "plans, checked like POST /api/v1/me/skp/realisations; re-runs are duplicates.")
            .Accepts<object[]>("application/json", "text/csv").Produces<SkpImportResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/iku", ImportIku).WithName("ImportUnitIku")
            .WithSummary("Imports units' IKU targets (unitId, year, code, name, targetValue, targetUnit, periodTargets?) checked like " +
                         "PUT /api/v1/units/{unitId}/iku; a row equal to the stored IKU is a duplicate, a unit of a region not granted to the caller is rejected.")
            .Accepts<object[]>("application/json", "text/csv").Produces<SkpImportResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    public static async Task<IResult> ImportPlans(HttpContext ctx, ClaimsPrincipal user, SkpPlanImporter importer, NpgsqlDataSource db, ILoggerFactory logs)
    {
        var (plans, problem) = await RowsAsync(ctx, "plans", SkpPlanImportReader.Required, SkpPlanImportReader.Optional,
            SkpPlanImportReader.FromCsv, SkpPlanImportReader.FromJson);
        if (plans is null)
        {
            return problem!;
        }
        return await Answered(await importer.ImportAsync(plans, UserPrincipal.Actor(user), ctx.RequestAborted), db, logs);
    }

    public static async Task<IResult> ImportRealisations(HttpContext ctx, SkpRealisationImporter importer, NpgsqlDataSource db, ILoggerFactory logs)
    {
        var (rows, problem) = await RowsAsync(ctx, "realisations", SkpRealisationImporter.Required, SkpRealisationImporter.Optional,
            SkpRealisationImporter.FromCsv, json => SkpRealisationImporter.FromJson(json));
        if (rows is null)
        {
            return problem!;
        }
        return await Answered(await importer.ImportAsync(rows, ctx.RequestAborted), db, logs);
    }

    /// <summary>
    /// The per-row answer, after the import was announced on the change feed (<see cref="SkpImportFeed"/>): the screens of
    /// everyone whose SKP it changed are told once each, by whichever instance publishes.
    /// </summary>
    private static async Task<IResult> Answered(SkpImportResult result, NpgsqlDataSource db, ILoggerFactory logs)
    {
        await SkpImportFeed.PublishAsync(db, result.Touched, logs.CreateLogger(typeof(SkpImportApi)));
        return TypedResults.Ok(result);
    }

    public static async Task<IResult> ImportIku(HttpContext ctx, ClaimsPrincipal user, RegionAccess access, UnitIkuTargetImporter importer)
    {
        var (rows, problem) = await RowsAsync(ctx, "IKU targets", UnitIkuTargetImporter.Required, UnitIkuTargetImporter.Optional,
            UnitIkuTargetImporter.FromCsv, UnitIkuTargetImporter.FromJson);
        if (rows is null)
        {
            return problem!;
        }
        // the changed units were announced with the commit (kinerja_skp): the boards' hint follows from SkpFeedHandler
        return TypedResults.Ok(await importer.ImportAsync(rows, UserPrincipal.Actor(user), await HrRegions.OfAsync(user, access, ctx.RequestAborted),
            ctx.RequestAborted));
    }

    /// <summary>
    /// The rows of an import body: CSV with these columns, or a JSON array. A body that cannot be read at all (size,
    /// type, an unreadable CSV or JSON, not an array) is the 400/413/415 problem, and nothing is imported.
    /// </summary>
    private static async Task<(List<T>? Rows, IResult? Problem)> RowsAsync<T>(HttpContext ctx, string what,
        IReadOnlyList<string> required, IReadOnlyList<string> optional, Func<IReadOnlyList<SkpImportRow>, List<T>> fromCsv,
        Func<JsonElement, List<T>> fromJson)
    {
        var (body, problem) = await SkpImportBody.ReadAsync(ctx, what);
        if (body is null)
        {
            return (null, problem);
        }
        try
        {
            return (body.IsCsv ? fromCsv(SkpImportTable.Read(body.Content, required, optional)) : fromJson(body.Json()), null);
        }
        catch (FormatException ex)
        {
            return (null, TypedResults.Problem(title: "Unreadable import", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest));
        }
    }
}
