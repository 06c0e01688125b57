using System.Text.Json;
using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Survey;
using Kinerja.Dashboard.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// <c>GET|PUT /api/v1/units/{unitId}/survey-weights</c> (HR, <see cref="Policies.RulesAdmin"/>): the unit's weights of
/// the nine survey elements, 1/9 each until set; a PUT must give u1..u9 summing to 1 (± 0.001). The change is audited
/// and announced on the change feed in its transaction, so the live IKM of the unit is recomputed at once.
/// </summary>
public static class SurveyWeightsApi
{
    public static IEndpointRouteBuilder MapSurveyWeightsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/units/{unitId}/survey-weights").WithTags("Survey").RequireAuthorization(Policies.RulesAdmin);
        api.MapGet("", GetAsync).WithName("GetSurveyWeights")
            .WithSummary("A unit's survey element weights (u1..u9; 1/9 each by default).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("", PutAsync).WithName("PutSurveyWeights")
            .WithSummary("Sets a unit's survey element weights: u1..u9, each 0 to 1, summing to 1.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The weights of a unit; <c>isDefault</c> when it set none.</summary>
    public sealed record WeightsAnswer(string UnitId, bool IsDefault, IReadOnlyDictionary<string, decimal> Weights);

    public static async Task<Results<Ok<WeightsAnswer>, ProblemHttpResult>> GetAsync(string unitId, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(string Id, decimal? W1, decimal? W2, decimal? W3, decimal? W4, decimal? W5,
            decimal? W6, decimal? W7, decimal? W8, decimal? W9)?>(new CommandDefinition("""
            select u.id, w.w1::numeric, w.w2::numeric, w.w3::numeric, w.w4::numeric, w.w5::numeric, w.w6::numeric,
                   w.w7::numeric, w.w8::numeric, w.w9::numeric
            from unit u left join survey_weight w on w.unit_id = u.id
            where u.id = @unitId
            """, new { unitId }, cancellationToken: ct));
        if (row is not { } r)
        {
            return UnknownUnit(unitId);
        }
        decimal?[] values = [r.W1, r.W2, r.W3, r.W4, r.W5, r.W6, r.W7, r.W8, r.W9];
        var isDefault = r.W1 is null;
        return TypedResults.Ok(new WeightsAnswer(unitId, isDefault, SurveyElements.Codes.Select((c, i) => (c, i))
            .ToDictionary(x => x.c, x => isDefault ? Math.Round(1m / SurveyElements.Count, 6) : values[x.i] ?? 0)));
    }

    public static async Task<IResult> PutAsync(string unitId, JsonElement body, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        if (Read(body, out var values) is { } shape)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [shape.Field] = [shape.Message] },
                $"{shape.Field}: {shape.Message}", title: "Invalid survey weights");
        }
        if (SurveyWeights.Validate(values) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [error.Field] = [error.Message] },
                $"{error.Field}: {error.Message}", title: "Invalid survey weights");
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var region = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select region_id from unit where id = @unitId", new { unitId }, tx, cancellationToken: ct));
        if (region is null)
        {
            return UnknownUnit(unitId);
        }
        var actor = UserPrincipal.Actor(http.User);
        var w = values.Select(v => (double)v).ToArray();
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into survey_weight (unit_id, w1, w2, w3, w4, w5, w6, w7, w8, w9, updated_by)
            values (@unitId, @w1, @w2, @w3, @w4, @w5, @w6, @w7, @w8, @w9, @actor)
            on conflict (unit_id) do update
                set w1 = excluded.w1, w2 = excluded.w2, w3 = excluded.w3, w4 = excluded.w4, w5 = excluded.w5,
                    w6 = excluded.w6, w7 = excluded.w7, w8 = excluded.w8, w9 = excluded.w9,
                    updated_by = excluded.updated_by, updated_at = now()
            """, new { unitId, w1 = w[0], w2 = w[1], w3 = w[2], w4 = w[3], w5 = w[4], w6 = w[5], w7 = w[6], w8 = w[7], w9 = w[8], actor },
            tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, actor, "survey.weights", "unit:" + unitId,
            SurveyElements.Codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => values[x.i]), ct);
        await ChangeFeed.SendAsync(conn, tx, ChangeNotice.Events([new EventTouch(null, unitId, region)]), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new WeightsAnswer(unitId, false,
            SurveyElements.Codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => values[x.i])));
    }

    /// <summary>The body <c>{ "u1": 0.2, …, "u9": 0.1 }</c> (or <c>{ "weights": { … } }</c>) as nine decimals.</summary>
    private static (string Field, string Message)? Read(JsonElement body, out decimal[] values)
    {
        values = new decimal[SurveyElements.Count];
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("weights", out var inner))
        {
            body = inner;
        }
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ("weights", "The body must be an object { \"u1\": …, …, \"u9\": … } of weights summing to 1.");
        }
        foreach (var p in body.EnumerateObject())
        {
            if (!SurveyElements.Codes.Contains(p.Name))
            {
                return (p.Name, $"{p.Name} is not a survey element; give u1..u9.");
            }
        }
        for (var i = 0; i < values.Length; i++)
        {
            var code = SurveyElements.Codes[i];
            if (!body.TryGetProperty(code, out var v))
            {
                return (code, $"{code} is required (a weight from 0 to 1).");
            }
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out values[i]))
            {
                return (code, $"{code} must be a number from 0 to 1.");
            }
        }
        return null;
    }

    private static ProblemHttpResult UnknownUnit(string unitId) =>
        TypedResults.Problem(title: "Unknown unit", detail: $"No unit has the id '{unitId}'.", statusCode: StatusCodes.Status404NotFound);
}
