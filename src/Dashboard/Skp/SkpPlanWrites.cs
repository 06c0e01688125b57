using System.Text.Json;
using Dapper;
using Kinerja.Core.Skp;
using Npgsql;

namespace Kinerja.Dashboard.Skp;

/// <summary>Who a plan belongs to, as the reference data says now.</summary>
/// <param name="Nip">The employee.</param>
/// <param name="UnitId">Their unit.</param>
/// <param name="SuperiorNip">Their direct superior (who decides on the plan), or null.</param>
/// <param name="CascadeNip">The superior whose RHK theirs cascade from: the direct superior when in the same unit, else null (IKU).</param>
public sealed record SkpOwner(string Nip, string UnitId, string? SuperiorNip, string? CascadeNip);

/// <summary>
/// The plan lifecycle in PostgreSQL, each call one transaction holding the current version's row lock: save (in place
/// in draft/dikembalikan, as a new version after approval), submit (draft/dikembalikan → diajukan) and the direct
/// superior's decision (diajukan → disetujui/dikembalikan). A refused call writes nothing. Every step is recorded in
/// <c>skp_plan_step</c>.
/// </summary>
public sealed class SkpPlanWrites(NpgsqlDataSource db, TimeProvider time)
{
    public async Task<SkpOutcome> SaveAsync(SkpOwner owner, SkpDraft draft, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await LockCurrentAsync(conn, tx, owner.Nip, draft.Year, ct);
        if (SaveConflict(current, draft) is { } conflict)
        {
            return new SkpOutcome.Conflict(conflict);
        }
        var (errors, ikuIds) = await SkpParentCheck.CheckAsync(conn, tx, owner.Nip, owner.UnitId, owner.CascadeNip, draft.Year,
            draft.Rhk.Select((r, i) => new SkpParentCheck.Link($"rhk[{i}]", r.ParentRhkId, r.ParentIku)).ToList(), ct);
        if (current is { } inPlace && SkpStatus.IsEditable(inPlace.Status))
        {
            errors.AddRange(await RemovedParentsAsync(conn, tx, inPlace.Id, draft, ct));
        }
        if (errors.Count > 0)
        {
            return new SkpOutcome.Invalid(errors);
        }
        var now = time.GetUtcNow();
        long planId;
        try
        {
            if (current is { } editable && SkpStatus.IsEditable(editable.Status))
            {
                planId = editable.Id;
                await conn.ExecuteAsync(new CommandDefinition("""
                    update skp_plan set revision = revision + 1, status = 'draft', saved_at = @now, unit_id = @unitId, superior_nip = @superiorNip
                    where id = @planId
                    """, new { planId, now, owner.UnitId, owner.SuperiorNip }, tx, cancellationToken: ct));
            }
            else
            {
                // no plan yet, or an approved one: the save starts the next version and the old one stays as history
                if (current is { } approved)
                {
                    await conn.ExecuteAsync(new CommandDefinition("update skp_plan set is_current = false where id = @Id",
                        new { approved.Id }, tx, cancellationToken: ct));
                }
                planId = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                    insert into skp_plan (nip, year, version, is_current, status, unit_id, superior_nip, created_at, saved_at)
                    values (@nip, @year, @version, true, 'draft', @unitId, @superiorNip, @now, @now) returning id
                    """, new { nip = owner.Nip, year = (short)draft.Year, version = (current?.Version ?? 0) + 1, owner.UnitId, owner.SuperiorNip, now },
                    tx, cancellationToken: ct));
            }
            await WriteRhkAsync(conn, tx, planId, draft, ikuIds, ct);
            await StepAsync(conn, tx, planId, "saved", owner.Nip, now, null, ct);
            await tx.CommitAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation)
        {
            // two first saves of the same year raced: the other one created the plan
            return new SkpOutcome.Conflict($"Your plan of {draft.Year} was saved by another request meanwhile: reload it and save again.");
        }
        return new SkpOutcome.Stored((await SkpPlanReads.CurrentOfAsync(conn, null, [owner.Nip], draft.Year, ct))[owner.Nip]);
    }

    public async Task<SkpOutcome> SubmitAsync(SkpOwner owner, int year, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await LockCurrentAsync(conn, tx, owner.Nip, year, ct) is not { } plan)
        {
            return new SkpOutcome.Missing($"You have no plan for {year}: save one first (POST /api/v1/me/skp?year={year}).");
        }
        if (!SkpStatus.IsEditable(plan.Status))
        {
            return new SkpOutcome.Conflict(plan.Status == SkpStatus.Diajukan
                ? $"Your plan of {year} (version {plan.Version}) is already submitted and waits for your superior's decision."
                : $"Your plan of {year} (version {plan.Version}) is already approved; save a change to start version {plan.Version + 1}.");
        }
        if (owner.SuperiorNip is null)
        {
            return new SkpOutcome.Conflict("You have no direct superior in the reference data, so nobody here can approve your plan.");
        }
        var rhk = (await conn.QueryAsync<(string Kind, long? ParentRhkId, string? ParentIku)>(new CommandDefinition("""
            select r.kind, r.parent_rhk_id, i.code from skp_rhk r left join unit_iku i on i.id = r.parent_iku_id
            where r.plan_id = @Id order by r.position
            """, new { plan.Id }, tx, cancellationToken: ct))).ToList();
        if (rhk.Count == 0)
        {
            return new SkpOutcome.Invalid([new("rhk", "Your plan has no RHK: add at least one RHK utama before submitting.")]);
        }
        if (!rhk.Any(r => r.Kind == RhkKind.Utama))
        {
            return new SkpOutcome.Invalid([new("rhk", "Your plan has no RHK utama: at least one RHK must be of kind 'utama'.")]);
        }
        // the cascade may have moved since the save (a new superior, a new version of their plan): check the links again
        var (errors, _) = await SkpParentCheck.CheckAsync(conn, tx, owner.Nip, owner.UnitId, owner.CascadeNip, year,
            rhk.Select((r, i) => new SkpParentCheck.Link($"rhk[{i}]", r.ParentRhkId, r.ParentIku)).ToList(), ct);
        if (errors.Count > 0)
        {
            return new SkpOutcome.Invalid(errors);
        }
        var now = time.GetUtcNow();
        await conn.ExecuteAsync(new CommandDefinition("""
            update skp_plan set status = 'diajukan', submitted_at = @now, superior_nip = @superiorNip, note = null where id = @Id
            """, new { plan.Id, now, owner.SuperiorNip }, tx, cancellationToken: ct));
        await StepAsync(conn, tx, plan.Id, SkpStatus.Diajukan, owner.Nip, now, null, ct);
        await tx.CommitAsync(ct);
        return new SkpOutcome.Stored((await SkpPlanReads.CurrentOfAsync(conn, null, [owner.Nip], year, ct))[owner.Nip]);
    }

    /// <summary>The direct superior's decision on the submitted current plan of <paramref name="nip"/> (of <paramref name="year"/> when given).</summary>
    public async Task<SkpOutcome> DecideAsync(string superiorNip, string nip, int? year, bool approve, string? note, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var plans = (await conn.QueryAsync<PlanLock>(new CommandDefinition("""
            select id, year, version, revision, status from skp_plan
            where nip = @nip and is_current and (@year::smallint is null or year = @year::smallint) order by year for update
            """, new { nip, year = (short?)year }, tx, cancellationToken: ct))).ToList();
        var submitted = plans.Where(p => p.Status == SkpStatus.Diajukan).ToList();
        if (plans.Count == 0)
        {
            return new SkpOutcome.Missing(year is null ? $"{nip} has no plan." : $"{nip} has no plan for {year}.");
        }
        if (submitted.Count == 0)
        {
            var p = plans[^1];
            return new SkpOutcome.Conflict($"Only a submitted plan can be decided: the plan of {nip} for {p.Year} (version {p.Version}) is {p.Status}.");
        }
        if (submitted.Count > 1)
        {
            return new SkpOutcome.Invalid([new("year", $"{nip} has submitted plans for {string.Join(" and ", submitted.Select(s => s.Year))}: say which with year.")]);
        }
        var plan = submitted[0];
        var now = time.GetUtcNow();
        var status = approve ? SkpStatus.Disetujui : SkpStatus.Dikembalikan;
        await conn.ExecuteAsync(new CommandDefinition("""
            update skp_plan set status = @status, decided_at = @now, decided_by = @superiorNip, note = @note where id = @Id
            """, new { plan.Id, status, now, superiorNip, note }, tx, cancellationToken: ct));
        await StepAsync(conn, tx, plan.Id, status, superiorNip, now, note, ct);
        if (approve && await SkpCarryOver.PreviousVersionAsync(conn, tx, nip, plan.Year, plan.Version, ct) is { } previous)
        {
            await SkpCarryOver.CopyAsync(conn, tx, previous, plan.Id, ct);
        }
        await tx.CommitAsync(ct);
        return new SkpOutcome.Stored((await SkpPlanReads.CurrentOfAsync(conn, null, [nip], plan.Year, ct))[nip]);
    }

    private static string? SaveConflict(PlanLock? current, SkpDraft draft)
    {
        if (current is null)
        {
            // no current row: there is no plan yet, or a concurrent save just replaced the version this one waited for
            return draft.Version == 0 ? null
                : $"Your plan of {draft.Year} is not at version {draft.Version}: there is none yet (a first save carries version 0) " +
                  "or it was changed meanwhile. Reload it and apply your changes again.";
        }
        if (draft.Version != current.Version)
        {
            return $"Your plan of {draft.Year} is at version {current.Version}; you edited version {draft.Version}. Reload it and apply your changes again.";
        }
        if (draft.Revision is { } revision && revision != current.Revision)
        {
            return $"Version {current.Version} of your plan was saved meanwhile (revision {current.Revision}; you edited revision {revision}). " +
                   "Reload it and apply your changes again.";
        }
        return current.Status == SkpStatus.Diajukan
            ? $"Your plan of {draft.Year} is submitted and waits for your superior's decision: it cannot be changed until they return or approve it."
            : null;
    }

    private static async Task<PlanLock?> LockCurrentAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string nip, int year, CancellationToken ct) =>
        await conn.QuerySingleOrDefaultAsync<PlanLock>(new CommandDefinition("""
            select id, year, version, revision, status from skp_plan where nip = @nip and year = @year and is_current for update
            """, new { nip, year = (short)year }, tx, cancellationToken: ct));

    /// <summary>RHK the save would drop although a report's RHK cascades from them (the link would be lost).</summary>
    private static async Task<IEnumerable<SkpFieldError>> RemovedParentsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long planId, SkpDraft draft,
        CancellationToken ct)
    {
        var kept = draft.Rhk.Select(r => r.Code).ToArray();
        var codes = await conn.QueryAsync<string>(new CommandDefinition("""
            select r.code from skp_rhk r
            where r.plan_id = @planId and r.code <> all(@kept) and exists (select 1 from skp_rhk c where c.parent_rhk_id = r.id)
            order by r.position
            """, new { planId, kept }, tx, cancellationToken: ct));
        return codes.Select(code => new SkpFieldError("rhk", $"The RHK '{code}' cannot be removed: RHK of your reports cascade from it. " +
                                                             "Keep it (you may change its text) until they link elsewhere."));
    }

    /// <summary>Writes the RHK of a plan: an RHK whose code is already there keeps its id (reports' links stay), others are added or removed.</summary>
    internal static async Task WriteRhkAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long planId, SkpDraft draft, Dictionary<string, long> ikuIds,
        CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition("delete from skp_rhk where plan_id = @planId and code <> all(@kept)",
            new { planId, kept = draft.Rhk.Select(r => r.Code).ToArray() }, tx, cancellationToken: ct));
        for (var i = 0; i < draft.Rhk.Count; i++)
        {
            var r = draft.Rhk[i];
            var parentIkuId = r.ParentIku is { } code ? ikuIds[code] : (long?)null;
            var rhkId = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                insert into skp_rhk (plan_id, position, code, kind, text, parent_rhk_id, parent_iku_id)
                values (@planId, @position, @code, @kind, @text, @parentRhkId, @parentIkuId)
                on conflict (plan_id, code) do update set position = excluded.position, kind = excluded.kind, text = excluded.text,
                    parent_rhk_id = excluded.parent_rhk_id, parent_iku_id = excluded.parent_iku_id
                returning id
                """, new { planId, position = (short)i, r.Code, r.Kind, r.Text, r.ParentRhkId, parentIkuId }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition("delete from skp_indicator where rhk_id = @rhkId", new { rhkId }, tx, cancellationToken: ct));
            for (var j = 0; j < r.Indicators.Count; j++)
            {
                var ind = r.Indicators[j];
                await conn.ExecuteAsync(new CommandDefinition("""
                    insert into skp_indicator (rhk_id, position, aspect, text, target_value, target_unit, target_text, period_targets)
                    values (@rhkId, @position, @aspect, @text, @value, @unit, @targetText, @periods::jsonb)
                    """, new
                    {
                        rhkId, position = (short)j, ind.Aspect, ind.Text, ind.Target.Value, ind.Target.Unit, targetText = ind.Target.Text,
                        periods = JsonSerializer.Serialize(ind.PeriodTargets, SkpPlanReads.TargetJson),
                    }, tx, cancellationToken: ct));
            }
        }
    }

    internal static Task StepAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long planId, string step, string actorNip, DateTimeOffset at,
        string? note, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into skp_plan_step (plan_id, step, actor_nip, at, note) values (@planId, @step, @actorNip, @at, @note)
            """, new { planId, step, actorNip, at, note }, tx, cancellationToken: ct));

    private sealed record PlanLock(long Id, short Year, int Version, int Revision, string Status);
}
