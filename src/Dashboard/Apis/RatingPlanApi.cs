using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Employees;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Kinerja.Dashboard.Apis;

/// <summary>The answer of <c>GET /api/v1/rating-plan</c>: a unit's plan of a month with derived and amended pairs marked.</summary>
public sealed record UnitRatingPlan(string UnitId, string Period, IReadOnlyList<RatingPlanPair> Pairs);

/// <summary>
/// HR's view and amendment of the 360 rating plan (issue 16), under <see cref="Policies.Hr"/> (sdm, admin) and the
/// regions they read: <c>GET /api/v1/rating-plan?period=YYYY-MM&amp;unitId=</c>,
/// <c>POST /api/v1/rating-plan/amendments</c> (<c>[{ period, raterNip, rateeNip, role, action, note }]</c>, per-item
/// results) and <c>DELETE /api/v1/rating-plan/amendments/{id}</c>; writes are audited
/// (<see cref="RatingPlanAmendments"/>). JSON only and the session cookie is SameSite=Strict, so no antiforgery token
/// (as the rules console's API).
/// </summary>
public static class RatingPlanApi
{
    /// <summary>Most amendments in one request.</summary>
    public const int MaxItems = 200;

    public static IEndpointRouteBuilder MapRatingPlanApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/rating-plan").WithTags("Employee").RequireAuthorization(Policies.Hr);
        group.MapGet("", GetAsync).WithName("GetRatingPlan")
            .WithSummary("A unit's 360 rating plan of a month: every rater -> ratee pair with its derived role, HR's amendment and the resulting role (null: removed).")
            .Produces<UnitRatingPlan>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/amendments", PostAsync).WithName("PostRatingPlanAmendments")
            .WithSummary("Amends rating plans: [{ period: YYYY-MM, raterNip, rateeNip, role: atasan|rekan|bawahan, action: tambah|hapus, note }], per-item results (audited).")
            .Accepts<RatingPlanAmendmentRequest[]>("application/json")
            .Produces<RatingPlanAmendmentResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapDelete("/amendments/{id:long}", DeleteAsync).WithName("DeleteRatingPlanAmendment")
            .WithSummary("Deletes an amendment: the pair returns to what the reference data derives (audited).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<UnitRatingPlan>, ProblemHttpResult>> GetAsync(ClaimsPrincipal user, string? period, string? unitId,
        RatingPlan plan, RegionAccess regions, NpgsqlDataSource db, CancellationToken ct)
    {
        if (!PersonalWrites.TryMonth(period, out var month, out var problem))
        {
            return problem!;
        }
        if (string.IsNullOrEmpty(unitId))
        {
            return PersonalWrites.BadBody("unitId is required: the unit whose plan to show.");
        }
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            if (await conn.ExecuteScalarAsync<string?>(new CommandDefinition("select id from unit where id = @unitId", new { unitId },
                    cancellationToken: ct)) is null)
            {
                return TypedResults.Problem(title: "Unknown unit", detail: $"No unit has the id '{unitId}'.", statusCode: StatusCodes.Status404NotFound);
            }
        }
        if (!await regions.CanReadUnitAsync(user, unitId, ct))
        {
            return TypedResults.Problem(title: "Forbidden", detail: $"The unit '{unitId}' is outside the regions you manage.",
                statusCode: StatusCodes.Status403Forbidden);
        }
        return TypedResults.Ok(new UnitRatingPlan(unitId, month.Key, await plan.OfUnitAsync(unitId, month.Key, ct)));
    }

    public static async Task<Results<Ok<RatingPlanAmendmentResponse>, ProblemHttpResult>> PostAsync(HttpContext ctx,
        RatingPlanAmendments amendments)
    {
        var (read, bad) = await EmployeeItemBatch.ReadJsonAsync(ctx, Read, "rating plan amendments");
        if (read is null)
        {
            return bad!;
        }
        return TypedResults.Ok(await amendments.AmendAsync(ctx.User, read, ctx.RequestAborted));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, ClaimsPrincipal user, RatingPlanAmendments amendments,
        CancellationToken ct) =>
        await amendments.DeleteAsync(user, id, ct) switch
        {
            true => TypedResults.NoContent(),
            false => TypedResults.Problem(title: "Unknown amendment", detail: $"No rating plan amendment has the id {id}.",
                statusCode: StatusCodes.Status404NotFound),
            null => TypedResults.Problem(title: "Forbidden", detail: $"Amendment {id} concerns employees outside the regions you manage.",
                statusCode: StatusCodes.Status403Forbidden),
        };

    /// <summary>The items of the body; an item that is not an object, or a field of the wrong JSON type, becomes a null item or value the check names.</summary>
    private static List<RatingPlanAmendmentRequest?> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() is 0 or > MaxItems)
        {
            throw new FormatException($"The body must be a JSON array of 1 to {MaxItems} amendments {{ period, raterNip, rateeNip, role, action, note }}.");
        }
        return root.EnumerateArray().Select(e => e.ValueKind != JsonValueKind.Object
            ? null
            : new RatingPlanAmendmentRequest(Text(e, "period"), Text(e, "raterNip"), Text(e, "rateeNip"), Text(e, "role"), Text(e, "action"),
                Text(e, "note"))).ToList();
    }

    // A non-string value reads as its raw JSON text, so the item's check names it ("got '12'").
    private static string? Text(JsonElement item, string name) =>
        !item.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : v.GetRawText();
}
