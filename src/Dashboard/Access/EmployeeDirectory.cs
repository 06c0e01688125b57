using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Access;

/// <summary>An employee as access decisions see them: where they work and who their superior is.</summary>
public sealed record EmployeeEntry(string Nip, string Name, string UnitId, string RegionId, string? SupervisorNip, bool Active);

/// <summary>Reads employees and their supervisor links from the reference tables (uncached; see <see cref="TeamScope"/>).</summary>
public sealed class EmployeeDirectory(NpgsqlDataSource db)
{
    public async Task<EmployeeEntry?> FindAsync(string nip, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<EmployeeEntry>(new CommandDefinition("""
            select e.nip::text as nip, e.name, e.unit_id as unitid, u.region_id as regionid,
                   e.supervisor_nip::text as supervisornip, e.active
            from employee e join unit u on u.id = e.unit_id
            where e.nip = @nip
            """, new { nip }, cancellationToken: ct));
    }

    /// <summary>The direct superior of each of <paramref name="nips"/> that has one (unknown NIPs are left out), in one query.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SupervisorsAsync(IReadOnlyCollection<string> nips,
        CancellationToken ct = default)
    {
        if (nips.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Nip, string Supervisor)>(new CommandDefinition("""
            select nip::text, supervisor_nip::text from employee
            where nip = any(@nips) and supervisor_nip is not null
            """, new { nips = nips as string[] ?? nips.ToArray() }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Nip, r => r.Supervisor, StringComparer.Ordinal);
    }

    /// <summary>NIPs of the active employees whose supervisor is <paramref name="nip"/>, ordered.</summary>
    public async Task<IReadOnlyList<string>> DirectReportsAsync(string nip, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<string>(new CommandDefinition("""
            select nip::text from employee where supervisor_nip = @nip and active order by nip
            """, new { nip }, cancellationToken: ct))).AsList();
    }

    public async Task<bool> RegionExistsAsync(string regionId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists(select 1 from region where id = @regionId)", new { regionId }, cancellationToken: ct));
    }

    /// <summary>NIPs of the active employees of a region's units, ordered.</summary>
    public async Task<IReadOnlyList<string>> ActiveInRegionAsync(string regionId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<string>(new CommandDefinition("""
            select e.nip::text from employee e join unit u on u.id = e.unit_id
            where u.region_id = @regionId and e.active order by e.nip
            """, new { regionId }, cancellationToken: ct))).AsList();
    }

    /// <summary>The region of unit <paramref name="unitId"/>, or null for an unknown unit.</summary>
    public async Task<string?> RegionOfUnitAsync(string unitId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select region_id from unit where id = @unitId", new { unitId }, cancellationToken: ct));
    }

    /// <summary>NIPs of the active employees of a unit, ordered.</summary>
    public async Task<IReadOnlyList<string>> ActiveInUnitAsync(string unitId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<string>(new CommandDefinition(
            "select nip::text from employee where unit_id = @unitId and active order by nip", new { unitId }, cancellationToken: ct))).AsList();
    }

    /// <summary>The active employees among <paramref name="nips"/> (the others are unknown or have left).</summary>
    public async Task<IReadOnlySet<string>> ActiveAmongAsync(IReadOnlyCollection<string> nips, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<string>(new CommandDefinition(
            "select nip::text from employee where nip = any(@nips::char(18)[]) and active", new { nips = nips.ToArray() },
            cancellationToken: ct))).ToHashSet();
    }
}
