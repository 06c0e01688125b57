using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Skp.Import;

/// <summary>
/// The employee an imported row names, read from the reference data in the import's transaction (an import may follow
/// a reference import at once, so no cache is asked): their unit and region, whether they are active, and the plan owner
/// the same way the screens derive it (<see cref="SkpAnswers.OwnerAsync"/>).
/// </summary>
internal sealed record SkpImportOwner(SkpOwner Owner, string RegionId, bool Active)
{
    public static async Task<SkpImportOwner?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string nip, CancellationToken ct)
    {
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            select e.nip::text as nip, e.unit_id as unitid, u.region_id as regionid, e.active,
                   s.nip::text as superiornip, s.active as superioractive, s.unit_id as superiorunitid
            from employee e
            join unit u on u.id = e.unit_id
            left join employee s on s.nip = e.supervisor_nip
            where e.nip = @nip::char(18)
            """, new { nip }, tx, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }
        var superior = row.SuperiorActive == true ? row.SuperiorNip : null;
        var cascade = superior is not null && row.SuperiorUnitId == row.UnitId ? superior : null;
        return new SkpImportOwner(new SkpOwner(row.Nip, row.UnitId, superior, cascade), row.RegionId, row.Active);
    }

    /// <summary>True when <paramref name="nip"/> is 18 digits (the only form a NIP takes).</summary>
    public static bool IsNip(string? nip) => nip is { Length: 18 } && nip.All(char.IsAsciiDigit);

    private sealed record Row(string Nip, string UnitId, string RegionId, bool Active, string? SuperiorNip, bool? SuperiorActive, string? SuperiorUnitId);
}
