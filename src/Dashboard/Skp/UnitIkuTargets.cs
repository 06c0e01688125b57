using Dapper;
using Kinerja.Dashboard.Access;
using Npgsql;

namespace Kinerja.Dashboard.Skp;

/// <summary>What a save did: <c>created</c>, <c>updated</c> or <c>unchanged</c> (the same IKU was already stored).</summary>
public static class UnitIkuChange
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";
    public const string Removed = "removed";
}

/// <summary>The answer of <c>PUT /api/v1/units/{unitId}/iku</c>: what happened and the IKU as stored.</summary>
public sealed record UnitIkuSaved(string UnitId, string Change, int Year, string Code, string Name, decimal TargetValue, string TargetUnit,
    IReadOnlyDictionary<string, decimal> PeriodTargets);

/// <summary>The outcome of a removal: <see cref="Found"/> false for no such IKU; otherwise removed unless something refers to it.</summary>
public sealed record UnitIkuRemoval(bool Found, bool Removed, long CascadingRhk, long Realisations);

/// <summary>
/// A unit's annual plan (Rencana Kinerja Tahunan / Perjanjian Kinerja): its IKU per year in <c>unit_iku</c> (migration 0019),
/// written by HR without SQL. A save is idempotent per (unit, year, code): the same IKU again is <c>unchanged</c> and writes
/// nothing, not even an audit row; a change is audited as <see cref="AuditAction"/> in the same transaction, like
/// <c>unit.predicate</c>. An IKU is removed only when no RHK of any SKP plan version cascades from it and no realisation is
/// filed against it (both keep the IKU's id; nothing already accepted is lost).
/// </summary>
public sealed class UnitIkuTargets(NpgsqlDataSource db)
{
    public const string AuditAction = "unit.iku";

    /// <summary>The region of the unit, or null when no unit has the id.</summary>
    public async Task<string?> RegionOfAsync(string unitId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await RegionOfAsync(conn, null, unitId, ct);
    }

    internal static Task<string?> RegionOfAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string unitId, CancellationToken ct) =>
        conn.ExecuteScalarAsync<string?>(new CommandDefinition("select region_id from unit where id = @unitId", new { unitId }, tx, cancellationToken: ct));

    /// <summary>Creates or replaces the IKU (null when no unit has the id).</summary>
    public async Task<UnitIkuSaved?> SaveAsync(string unitId, UnitIkuTarget target, string actor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await RegionOfAsync(conn, tx, unitId, ct) is null)
        {
            return null;
        }
        var change = await UpsertAsync(conn, tx, unitId, target, actor, ct);
        await tx.CommitAsync(ct);
        return new UnitIkuSaved(unitId, change, target.Year, target.Code, target.Name, target.TargetValue, target.TargetUnit,
            new SortedDictionary<string, decimal>(target.PeriodTargets.ToDictionary(), StringComparer.Ordinal));
    }

    /// <summary>The upsert and its audit row on the caller's transaction; <see cref="UnitIkuChange.Unchanged"/> writes nothing.</summary>
    internal static async Task<string> UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string unitId, UnitIkuTarget target, string actor,
        CancellationToken ct)
    {
        var periodTargets = target.PeriodTargetsJson();
        var inserted = await conn.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition("""
            insert into unit_iku (unit_id, year, code, name, target_value, target_unit, period_targets)
            values (@unitId, @year, @Code, @Name, @TargetValue, @TargetUnit, @periodTargets::jsonb)
            on conflict (unit_id, year, code) do update
                set name = excluded.name, target_value = excluded.target_value, target_unit = excluded.target_unit,
                    period_targets = excluded.period_targets
                where (unit_iku.name, unit_iku.target_value, unit_iku.target_unit, unit_iku.period_targets)
                      is distinct from (excluded.name, excluded.target_value, excluded.target_unit, excluded.period_targets)
            returning xmax = 0
            """, new { unitId, year = (short)target.Year, target.Code, target.Name, target.TargetValue, target.TargetUnit, periodTargets }, tx,
            cancellationToken: ct));
        if (inserted is not { } created)
        {
            return UnitIkuChange.Unchanged;
        }
        var change = created ? UnitIkuChange.Created : UnitIkuChange.Updated;
        await AuditLog.WriteAsync(conn, tx, actor, AuditAction, "unit:" + unitId, new
        {
            change, year = target.Year, code = target.Code, name = target.Name, targetValue = target.TargetValue, targetUnit = target.TargetUnit,
            periodTargets = target.PeriodTargets,
        }, ct);
        return change;
    }

    public async Task<UnitIkuRemoval> RemoveAsync(string unitId, int year, string code, string actor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // the row lock keeps a plan save from linking a new RHK to the IKU between the count and the delete
        var id = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("""
            select id from unit_iku where unit_id = @unitId and year = @year and code = @code for update
            """, new { unitId, year = (short)year, code }, tx, cancellationToken: ct));
        if (id is null)
        {
            return new UnitIkuRemoval(false, false, 0, 0);
        }
        var (rhk, realisations) = await conn.QuerySingleAsync<(long, long)>(new CommandDefinition("""
            select (select count(*) from skp_rhk where parent_iku_id = @id), (select count(*) from unit_iku_realisation where iku_id = @id)
            """, new { id }, tx, cancellationToken: ct));
        if (rhk > 0 || realisations > 0)
        {
            return new UnitIkuRemoval(true, false, rhk, realisations);
        }
        await conn.ExecuteAsync(new CommandDefinition("delete from unit_iku where id = @id", new { id }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, actor, AuditAction, "unit:" + unitId, new { change = UnitIkuChange.Removed, year, code }, ct);
        await tx.CommitAsync(ct);
        return new UnitIkuRemoval(true, true, 0, 0);
    }
}
