using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Core.Skp;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Skp;
using Microsoft.AspNetCore.Mvc;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// A unit's annual plan without SQL (issue 17): <c>PUT /api/v1/units/{unitId}/iku</c> creates or replaces one IKU of a year
/// (idempotent per unit, year and code) and <c>DELETE /api/v1/units/{unitId}/iku/{code}?year=</c> removes one that nothing
/// refers to (409 naming the count of cascading RHK and filed realisations otherwise). HR (<see cref="Policies.Hr"/>) of the
/// unit's region only: an sdm with granted regions is refused other regions' units (403). Changes are audited as
/// <see cref="UnitIkuTargets.AuditAction"/> and send the boards' <c>Panels</c> hint after the commit.
/// </summary>
public static class UnitIkuTargetsApi
{
    /// <summary>A target body is a handful of short fields; this stops a huge body before it is parsed.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapUnitIkuTargetsApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/v1/units/{unitId}/iku", PutAsync).WithTags("SKP").RequireAuthorization(Policies.Hr)
            .WithMetadata(new BodyLimitMetadata(MaxBodyBytes))
            .WithName("PutUnitIku")
            .WithSummary("Creates or replaces one IKU of a unit's annual plan: { year, code, name, targetValue, targetUnit, periodTargets? } " +
                         "with periodTargets { \"YYYY-MM\" | \"YYYY-Qn\": number } of that year; the same IKU again is 'unchanged' (HR of the unit's region; audited).")
            .Accepts<object>("application/json").Produces<UnitIkuSaved>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        app.MapDelete("/api/v1/units/{unitId}/iku/{code}", DeleteAsync).WithTags("SKP").RequireAuthorization(Policies.Hr)
            .WithName("DeleteUnitIku")
            .WithSummary("Removes one IKU of a unit's year when no SKP RHK cascades from it and no realisation is filed against it; " +
                         "409 naming the counts otherwise (HR of the unit's region; audited).")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>The page <c>/rencana-unit</c> (dashboard role): HR, like the API it writes through.</summary>
    public static IEndpointRouteBuilder MapUnitPlanPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/rencana-unit", Pages.UnitPlanPage.GetAsync).RequireAuthorization(Policies.Hr).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> PutAsync(string unitId, HttpContext ctx, ClaimsPrincipal user, RegionAccess access, UnitIkuTargets store,
        TimeProvider time, ILoggerFactory logs)
    {
        var ct = ctx.RequestAborted;
        if (!ctx.Request.HasJsonContentType())
        {
            return TypedResults.Problem(title: "Unsupported content type",
                detail: $"Send the IKU as Content-Type application/json; got '{ctx.Request.ContentType ?? "none"}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(ctx.Request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 8 }, cancellationToken: ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(title: "Body too large", detail: $"An IKU body is at most {MaxBodyBytes} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        catch (JsonException ex)
        {
            return Invalid([new("", $"The body is not valid JSON: {ex.Message}")]);
        }
        if (body is not JsonObject item)
        {
            return Invalid([new("", "The body must be an object { year, code, name, targetValue, targetUnit, periodTargets? }.")]);
        }
        var (target, errors) = UnitIkuTargetReader.Read(item, time.GetUtcNow().Year);
        if (target is null)
        {
            return Invalid(errors);
        }
        var (region, refused) = await ScopeAsync(unitId, user, access, store, ct);
        if (refused is not null)
        {
            return refused;
        }
        var saved = await store.SaveAsync(unitId, target, UserPrincipal.Actor(user), ct);
        if (saved is null)
        {
            return UnknownUnit(unitId);
        }
        if (saved.Change != UnitIkuChange.Unchanged)
        {
            await SkpPush.AfterUnitIkuAsync(ctx.RequestServices, region!, unitId, time,
                logs.CreateLogger(typeof(UnitIkuTargetsApi)));
        }
        return TypedResults.Ok(saved);
    }

    public static async Task<IResult> DeleteAsync(string unitId, string code, [FromQuery] string? year, HttpContext ctx, ClaimsPrincipal user,
        RegionAccess access, UnitIkuTargets store, TimeProvider time, ILoggerFactory logs)
    {
        var ct = ctx.RequestAborted;
        if (!SkpAnswers.TryYear(year, time, out var y, out var bad))
        {
            return bad!;
        }
        var (region, refused) = await ScopeAsync(unitId, user, access, store, ct);
        if (refused is not null)
        {
            return refused;
        }
        var removal = await store.RemoveAsync(unitId, y, code, UserPrincipal.Actor(user), ct);
        if (!removal.Found)
        {
            return TypedResults.Problem(title: "Unknown IKU", detail: $"Unit {unitId} has no IKU with the code '{code}' for {y}.",
                statusCode: StatusCodes.Status404NotFound);
        }
        if (!removal.Removed)
        {
            var reasons = new List<string>();
            if (removal.CascadingRhk > 0)
            {
                reasons.Add($"{removal.CascadingRhk} RHK of employees' SKP plans (current and earlier versions) cascade from it; link them to another IKU first");
            }
            if (removal.Realisations > 0)
            {
                reasons.Add($"{removal.Realisations} realisation(s) are filed against it and would be lost");
            }
            return TypedResults.Problem(title: "IKU in use",
                detail: $"The IKU '{code}' of unit {unitId} for {y} cannot be removed: {string.Join("; ", reasons)}.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["cascadingRhk"] = removal.CascadingRhk, ["realisations"] = removal.Realisations });
        }
        await SkpPush.AfterUnitIkuAsync(ctx.RequestServices, region!, unitId, time,
            logs.CreateLogger(typeof(UnitIkuTargetsApi)));
        return TypedResults.NoContent();
    }

    /// <summary>The unit's region when the caller may write its IKU; else 404 (unknown unit) or 403 (a region the caller is not HR of).</summary>
    internal static async Task<(string? Region, IResult? Refused)> ScopeAsync(string unitId, ClaimsPrincipal user, RegionAccess access,
        UnitIkuTargets store, CancellationToken ct)
    {
        if (unitId.Length > 63 || await store.RegionOfAsync(unitId, ct) is not { } region)
        {
            return (null, UnknownUnit(unitId));
        }
        return HrRegions.Allows(await HrRegions.OfAsync(user, access, ct), region) ? (region, null)
            : (null, TypedResults.Problem(title: "Forbidden", detail: $"Unit {unitId} is in region {region}, which is not granted to you: its HR plans its IKU.",
                statusCode: StatusCodes.Status403Forbidden));
    }

    private static IResult Invalid(IReadOnlyList<SkpFieldError> errors) =>
        TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            $"{errors[0].Field}: {errors[0].Message}" + (errors.Count > 1 ? $" (and {errors.Count - 1} more)" : ""), title: "Invalid unit IKU");

    private static IResult UnknownUnit(string unitId) =>
        TypedResults.Problem(title: "Unknown unit", detail: $"No unit has the id '{(unitId.Length > 63 ? unitId[..63] + "…" : unitId)}'.",
            statusCode: StatusCodes.Status404NotFound);
}
