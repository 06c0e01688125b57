using Dapper;
using Npgsql;

namespace Kinerja.Core.Access;

/// <summary>Which region a unit or an employee belongs to (for region-scope checks); null when unknown.</summary>
public sealed class RegionLookup(NpgsqlDataSource db)
{
    public async Task<string?> OfUnitAsync(string unitId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select region_id from unit where id = @unitId", new { unitId }, cancellationToken: ct));
    }

    public async Task<string?> OfEmployeeAsync(string nip, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<string?>(new CommandDefinition("""
            select u.region_id from employee e join unit u on u.id = e.unit_id where e.nip = @nip
            """, new { nip }, cancellationToken: ct));
    }
}
