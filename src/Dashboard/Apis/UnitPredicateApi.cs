using System.Text.Json;
using Dapper;
using Kinerja.Core.Domain;
using Kinerja.Core.Skp;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Skp;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Kinerja.Dashboard.Apis;

/// <summary>A unit's own predicate of a period (<c>YYYY</c> or <c>YYYY-MM</c>): the code, its label, who set it and when.</summary>
public sealed record UnitPredicateView(string UnitId, string Period, string Predikat, string Label, string SetBy, DateTimeOffset SetAt);

/// <summary>
/// The unit's own (organisational) predicate per period (issue 17), which the distribution rule needs:
/// <c>PUT /api/v1/units/{unitId}/predicate</c> <c>{ "period", "predikat" }</c> by HR or an admin
/// (<see cref="Policies.Hr"/>), audited as <c>unit.predicate</c> in the same transaction;
/// <c>GET /api/v1/units/{unitId}/predicate</c> lists the unit's periods for whoever may read its region.
/// </summary>
public static class UnitPredicateApi
{
    public const string AuditAction = "unit.predicate";

    public static IEndpointRouteBuilder MapUnitPredicateApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/units/{unitId}/predicate", GetAsync).WithTags("SKP").RequireAuthorization(Policies.ReadRegion)
            .WithName("GetUnitPredicate").WithSummary("A unit's own predicate per period, newest period first.")
            .Produces<IReadOnlyList<UnitPredicateView>>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPut("/api/v1/units/{unitId}/predicate", PutAsync).WithTags("SKP").RequireAuthorization(Policies.Hr)
            .WithName("PutUnitPredicate")
            .WithSummary("Sets a unit's own predicate of a period: { period: YYYY or YYYY-MM, predikat: Sangat Baik | Baik | Butuh Perbaikan | " +
                         "Kurang/Misconduct | Sangat Kurang } (HR or admin; audited).")
            .Produces<UnitPredicateView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<IResult> GetAsync(string unitId, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await conn.ExecuteScalarAsync<string?>(new CommandDefinition("select id from unit where id = @unitId", new { unitId }, cancellationToken: ct)) is null)
        {
            return UnknownUnit(unitId);
        }
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            select unit_id as unitid, period, predikat, set_by as setby, set_at as setat from unit_predicate where unit_id = @unitId order by period desc
            """, new { unitId }, cancellationToken: ct));
        return TypedResults.Ok(rows.Select(View).ToList());
    }

    public static async Task<IResult> PutAsync(string unitId, JsonElement body, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new List<SkpFieldError>();
        string? period = null;
        string? code = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("", "The body must be an object { \"period\": \"YYYY\" or \"YYYY-MM\", \"predikat\": \"Baik\" }."));
        }
        else
        {
            var p = body.TryGetProperty("period", out var pe) && pe.ValueKind == JsonValueKind.String ? pe.GetString() : null;
            if (!Period.TryParse(p, out var parsed) || parsed.Kind is not (PeriodKind.Year or PeriodKind.Month))
            {
                errors.Add(new("period", $"period must be a year YYYY or a month YYYY-MM (e.g. 2026 or 2026-06); got '{p ?? "nothing"}'."));
            }
            else
            {
                period = parsed.Key;
            }
            var name = body.TryGetProperty("predikat", out var pr) && pr.ValueKind == JsonValueKind.String ? pr.GetString()!.Trim() : null;
            code = Predikat.All.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase)
                                                     || string.Equals(Predikat.Label(c), name, StringComparison.OrdinalIgnoreCase));
            if (code is null)
            {
                errors.Add(new("predikat", $"predikat must be one of Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang; got '{name ?? "nothing"}'."));
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                $"{errors[0].Field}: {errors[0].Message}", title: "Invalid unit predicate");
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await conn.ExecuteScalarAsync<string?>(new CommandDefinition("select id from unit where id = @unitId", new { unitId }, tx,
                cancellationToken: ct)) is null)
        {
            return UnknownUnit(unitId);
        }
        var actor = UserPrincipal.Actor(http.User);
        var row = await conn.QuerySingleAsync<Row>(new CommandDefinition("""
            insert into unit_predicate (unit_id, period, predikat, set_by) values (@unitId, @period, @code, @actor)
            on conflict (unit_id, period) do update set predikat = excluded.predikat, set_by = excluded.set_by, set_at = now()
            returning unit_id as unitid, period, predikat, set_by as setby, set_at as setat
            """, new { unitId, period, code, actor }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, actor, AuditAction, "unit:" + unitId, new { period, predikat = code }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(View(row));
    }

    private static UnitPredicateView View(Row r) =>
        new(r.UnitId, r.Period, r.Predikat, Predikat.Label(r.Predikat), r.SetBy, new DateTimeOffset(DateTime.SpecifyKind(r.SetAt, DateTimeKind.Utc)));

    private static ProblemHttpResult UnknownUnit(string unitId) =>
        TypedResults.Problem(title: "Unknown unit", detail: $"No unit has the id '{unitId}'.", statusCode: StatusCodes.Status404NotFound);

    private sealed record Row(string UnitId, string Period, string Predikat, string SetBy, DateTime SetAt);
}
