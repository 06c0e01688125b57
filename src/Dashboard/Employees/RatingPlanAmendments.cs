using System.Security.Claims;
using Dapper;
using Kinerja.Core.Domain;
using Kinerja.Dashboard.Access;
using Kinerja.Ingest.Contracts;
using Npgsql;

namespace Kinerja.Dashboard.Employees;

/// <summary>One amendment HR asks for (<c>POST /api/v1/rating-plan/amendments</c>), as read from the body.</summary>
/// <param name="Period">The month, <c>YYYY-MM</c>.</param>
/// <param name="Action"><c>tambah</c> (add the pair, or set its role) or <c>hapus</c> (remove a derived pair).</param>
/// <param name="Role">The rater's role towards the ratee (<c>atasan</c>, <c>rekan</c>, <c>bawahan</c>); required for <c>tambah</c>.</param>
public sealed record RatingPlanAmendmentRequest(string? Period, string? RaterNip, string? RateeNip, string? Role, string? Action, string? Note);

/// <summary>One amendment's outcome: <c>accepted</c> with the stored amendment's id, or <c>rejected</c> with why per field.</summary>
public sealed record RatingPlanAmendmentResult(int Index, string Status, long? Id, IReadOnlyList<FieldError> Errors);

/// <summary>The answer of <c>POST /api/v1/rating-plan/amendments</c>.</summary>
public sealed record RatingPlanAmendmentResponse(int Accepted, int Rejected, IReadOnlyList<RatingPlanAmendmentResult> Items);

/// <summary>
/// HR's amendments of the rating plan (table <c>rating_plan_amendment</c>, migration 0020), applied by
/// <see cref="RatingPlan"/>. Each item is checked on its own (known active employees, not oneself, both in the regions
/// HR reads, a valid month, action and role; a <c>hapus</c> only of a pair the reference data derives); the accepted
/// ones are written with their audit rows (<c>rating_plan.amend</c>) in one transaction. A second amendment of the same
/// pair and month replaces the first. Deleting one (<c>rating_plan.amendment_delete</c>) returns the pair to what the
/// reference data derives.
/// </summary>
public sealed class RatingPlanAmendments(NpgsqlDataSource db, RatingPlan plan, RegionAccess regions)
{
    public const string AmendAction = "rating_plan.amend";
    public const string DeleteAction = "rating_plan.amendment_delete";
    public const int MaxNoteLength = 500;

    /// <summary>Checks and stores the amendments; per-item results in request order.</summary>
    public async Task<RatingPlanAmendmentResponse> AmendAsync(ClaimsPrincipal hr, IReadOnlyList<RatingPlanAmendmentRequest?> items,
        CancellationToken ct)
    {
        var nips = items.SelectMany(i => new[] { i?.RaterNip, i?.RateeNip }).OfType<string>().Distinct().ToArray();
        HashSet<string> active;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            active = (await conn.QueryAsync<string>(new CommandDefinition(
                "select nip::text from employee where active and nip = any(@nips::char(18)[])", new { nips }, cancellationToken: ct)))
                .ToHashSet(StringComparer.Ordinal);
        }
        var results = new RatingPlanAmendmentResult[items.Count];
        var accepted = new List<(int Index, RatingPlanAmendmentRequest Item)>();
        var seen = new HashSet<(string, string, string)>();
        for (var i = 0; i < items.Count; i++)
        {
            var errors = await CheckAsync(hr, items[i], active, seen, ct);
            if (errors.Count > 0)
            {
                results[i] = new RatingPlanAmendmentResult(i, "rejected", null, errors);
            }
            else
            {
                accepted.Add((i, items[i]!));
            }
        }
        if (accepted.Count > 0)
        {
            var actor = UserPrincipal.Actor(hr);
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            foreach (var (i, item) in accepted)
            {
                var role = item.Action == "tambah" ? item.Role : null;
                var note = item.Note ?? "";
                var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                    insert into rating_plan_amendment (period, rater_nip, ratee_nip, role, action, note, created_by)
                    values (@period, @rater, @ratee, @role, @action, @note, @actor)
                    on conflict (period, rater_nip, ratee_nip) do update
                       set role = excluded.role, action = excluded.action, note = excluded.note,
                           created_by = excluded.created_by, created_at = now()
                    returning id
                    """, new { period = item.Period, rater = item.RaterNip, ratee = item.RateeNip, role, action = item.Action, note, actor },
                    tx, cancellationToken: ct));
                await AuditLog.WriteAsync(conn, tx, actor, AmendAction, $"rating_plan:{item.Period}:{item.RaterNip}->{item.RateeNip}",
                    new { id, item.Period, item.RaterNip, item.RateeNip, role, item.Action, note }, ct);
                results[i] = new RatingPlanAmendmentResult(i, "accepted", id, []);
            }
            await tx.CommitAsync(ct);
        }
        return new RatingPlanAmendmentResponse(accepted.Count, items.Count - accepted.Count, results);
    }

    /// <summary>
    /// Deletes amendment <paramref name="id"/> (audited): true when deleted, false when there is none, null when its rater
    /// is outside the regions <paramref name="hr"/> reads.
    /// </summary>
    public async Task<bool?> DeleteAsync(ClaimsPrincipal hr, long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var found = await conn.QuerySingleOrDefaultAsync<StoredPair>(new CommandDefinition("""
            select period, rater_nip::text as rater, ratee_nip::text as ratee from rating_plan_amendment where id = @id for update
            """, new { id }, tx, cancellationToken: ct));
        if (found is null)
        {
            return false;
        }
        if (!await regions.CanReadEmployeeAsync(hr, found.Rater, ct) || !await regions.CanReadEmployeeAsync(hr, found.Ratee, ct))
        {
            return null;
        }
        await conn.ExecuteAsync(new CommandDefinition("delete from rating_plan_amendment where id = @id", new { id }, tx, cancellationToken: ct));
        var actor = UserPrincipal.Actor(hr);
        await AuditLog.WriteAsync(conn, tx, actor, DeleteAction, $"rating_plan:{found.Period}:{found.Rater}->{found.Ratee}", new { id }, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task<List<FieldError>> CheckAsync(ClaimsPrincipal hr, RatingPlanAmendmentRequest? item, HashSet<string> active,
        HashSet<(string, string, string)> seen, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (item is null)
        {
            errors.Add(new FieldError("", "Each item must be an object { period, raterNip, rateeNip, role, action, note }."));
            return errors;
        }
        var periodOk = Period.TryParse(item.Period, out var month) && month.Kind == PeriodKind.Month && month.Key == item.Period;
        if (!periodOk)
        {
            errors.Add(new FieldError("period", $"period must be a month YYYY-MM (e.g. 2026-03); got '{item.Period}'."));
        }
        var raterOk = await CheckPersonAsync(hr, "raterNip", item.RaterNip, active, errors, ct);
        var rateeOk = await CheckPersonAsync(hr, "rateeNip", item.RateeNip, active, errors, ct);
        if (raterOk && rateeOk && item.RaterNip == item.RateeNip)
        {
            errors.Add(new FieldError("rateeNip", $"rateeNip {item.RateeNip} is the rater: nobody rates themselves."));
        }
        if (item.Action is not ("tambah" or "hapus"))
        {
            errors.Add(new FieldError("action", $"action must be tambah (add the pair) or hapus (remove a derived pair); got '{item.Action}'."));
        }
        if ((item.Role is not null || item.Action == "tambah") && !RatingPlan.Roles.Contains(item.Role ?? ""))
        {
            errors.Add(new FieldError("role", $"role must be atasan, rekan or bawahan (the rater's role towards the ratee); got '{item.Role}'."));
        }
        if (item.Note is { Length: > MaxNoteLength })
        {
            errors.Add(new FieldError("note", $"note must be at most {MaxNoteLength} characters; got {item.Note.Length}."));
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        if (item.Action == "hapus"
            && (await plan.PairsOfRaterAsync(item.RaterNip!, item.Period!, ct)).All(p => p.RateeNip != item.RateeNip || p.DerivedRole is null))
        {
            errors.Add(new FieldError("rateeNip",
                $"{item.RaterNip} does not rate {item.RateeNip} by the reference data: only a derived pair can be removed (an HR addition is undone with DELETE /api/v1/rating-plan/amendments/{{id}})."));
        }
        else if (!seen.Add((item.Period!, item.RaterNip!, item.RateeNip!)))
        {
            errors.Add(new FieldError("rateeNip", $"The pair {item.RaterNip} -> {item.RateeNip} of {item.Period} appears more than once in this request."));
        }
        return errors;
    }

    private async Task<bool> CheckPersonAsync(ClaimsPrincipal hr, string field, string? nip, HashSet<string> active, List<FieldError> errors,
        CancellationToken ct)
    {
        if (string.IsNullOrEmpty(nip))
        {
            errors.Add(new FieldError(field, $"{field} is required (an 18-digit NIP)."));
            return false;
        }
        if (!active.Contains(nip))
        {
            errors.Add(new FieldError(field, $"{field} {nip} is not an active employee."));
            return false;
        }
        if (!await regions.CanReadEmployeeAsync(hr, nip, ct))
        {
            errors.Add(new FieldError(field, $"{field} {nip} is outside the regions you manage."));
            return false;
        }
        return true;
    }

    private sealed record StoredPair(string Period, string Rater, string Ratee);
}
