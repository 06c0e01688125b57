using Dapper;
using Npgsql;

namespace Kinerja.Core.Reference;

/// <summary>Reads and upserts reference data (regions, units, employees, holidays) with Dapper.</summary>
public sealed class ReferenceRepository(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<Region>> RegionsAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Region>(new CommandDefinition("""
            select id, name, tz as timezone, monthly_target_minutes as monthlytargetminutes,
                   daily_min_minutes as dailyminminutes, daily_max_minutes as dailymaxminutes
            from region order by name
            """, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<Unit>> UnitsAsync(string? regionId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Unit>(new CommandDefinition("""
            select id, region_id as regionid, name from unit
            where @regionId::text is null or region_id = @regionId
            order by name
            """, new { regionId }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<Employee>> EmployeesAsync(string? unitId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Employee>(new CommandDefinition("""
            select nip, name, unit_id as unitid, position, status, supervisor_nip as supervisornip, active
            from employee
            where @unitId::text is null or unit_id = @unitId
            order by name, nip
            """, new { unitId }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<bool> RegionExistsAsync(string id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists(select 1 from region where id = @id)", new { id }, cancellationToken: ct));
    }

    public async Task<bool> UnitExistsAsync(string id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists(select 1 from unit where id = @id)", new { id }, cancellationToken: ct));
    }

    /// <summary>Upserts everything in one transaction (employees may name supervisors from the same batch).</summary>
    public async Task UpsertAsync(IReadOnlyList<Region> regions, IReadOnlyList<Unit> units,
        IReadOnlyList<Employee> employees, IReadOnlyList<Holiday> holidays, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into region (id, name, tz, monthly_target_minutes, daily_min_minutes, daily_max_minutes)
            select * from unnest(@ids, @names, @tzs, @targets, @mins, @maxs)
            on conflict (id) do update set name = excluded.name, tz = excluded.tz,
                monthly_target_minutes = excluded.monthly_target_minutes,
                daily_min_minutes = excluded.daily_min_minutes, daily_max_minutes = excluded.daily_max_minutes
            """, new
        {
            ids = regions.Select(r => r.Id).ToArray(),
            names = regions.Select(r => r.Name).ToArray(),
            tzs = regions.Select(r => r.TimeZone).ToArray(),
            targets = regions.Select(r => r.MonthlyTargetMinutes).ToArray(),
            mins = regions.Select(r => r.DailyMinMinutes).ToArray(),
            maxs = regions.Select(r => r.DailyMaxMinutes).ToArray(),
        }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into unit (id, region_id, name)
            select * from unnest(@ids, @regions, @names)
            on conflict (id) do update set region_id = excluded.region_id, name = excluded.name
            """, new
        {
            ids = units.Select(u => u.Id).ToArray(),
            regions = units.Select(u => u.RegionId).ToArray(),
            names = units.Select(u => u.Name).ToArray(),
        }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into employee (nip, name, unit_id, position, status, supervisor_nip, active)
            select * from unnest(@nips::char(18)[], @names, @units, @positions, @statuses, @supervisors::char(18)[], @actives)
            on conflict (nip) do update set name = excluded.name, unit_id = excluded.unit_id,
                position = excluded.position, status = excluded.status,
                supervisor_nip = excluded.supervisor_nip, active = excluded.active
            """, new
        {
            nips = employees.Select(e => e.Nip).ToArray(),
            names = employees.Select(e => e.Name).ToArray(),
            units = employees.Select(e => e.UnitId).ToArray(),
            positions = employees.Select(e => e.Position).ToArray(),
            statuses = employees.Select(e => e.Status).ToArray(),
            supervisors = employees.Select(e => e.SupervisorNip).ToArray(),
            actives = employees.Select(e => e.Active).ToArray(),
        }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into holiday (region_id, day, name)
            select * from unnest(@regions, @days, @names)
            on conflict (region_id, day) do update set name = excluded.name
            """, new
        {
            regions = holidays.Select(h => h.RegionId).ToArray(),
            days = holidays.Select(h => h.Day).ToArray(),
            names = holidays.Select(h => h.Name).ToArray(),
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
