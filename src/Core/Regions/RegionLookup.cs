using Dapper;
using Npgsql;

namespace Kinerja.Core.Regions;

/// <summary>
/// Which region a unit or an employee belongs to, read from the database; null when unknown. The one place this
/// is asked of PostgreSQL: region-scope checks (through the access cache), the boards and the indicator queries use
/// it. Bulk loaders that read the whole unit table (ingest's reference cache, the demo world) and the in-memory live
/// model keep their own maps of what they loaded.
/// </summary>
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
            select u.region_id from employee e join unit u on u.id = e.unit_id where e.nip = @nip::bpchar
            """, new { nip }, cancellationToken: ct));
    }
}
