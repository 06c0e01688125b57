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
    public static async Task<SkpImportOwner?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string nip, CancellationToken ct) =>
        (await FindManyAsync(conn, tx, [nip], ct)).GetValueOrDefault(nip);

    /// <summary>The employees among <paramref name="nips"/> that exist, by NIP (one query for a whole import).</summary>
    public static async Task<Dictionary<string, SkpImportOwner>> FindManyAsync(NpgsqlConnection conn, NpgsqlTransaction? tx,
        IReadOnlyCollection<string> nips, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            select e.nip::text as nip, e.unit_id as unitid, u.region_id as regionid, e.active,
                   s.nip::text as superiornip, s.active as superioractive, s.unit_id as superiorunitid
            from employee e
            join unit u on u.id = e.unit_id
            left join employee s on s.nip = e.supervisor_nip
            where e.nip = any(@nips::char(18)[])
            """, new { nips = nips.ToArray() }, tx, cancellationToken: ct));
        return rows.ToDictionary(r => r.Nip, Of, StringComparer.Ordinal);
    }

    private static SkpImportOwner Of(Row row)
    {
        var superior = row.SuperiorActive == true ? row.SuperiorNip : null;
        var cascade = superior is not null && row.SuperiorUnitId == row.UnitId ? superior : null;
        return new SkpImportOwner(new SkpOwner(row.Nip, row.UnitId, superior, cascade), row.RegionId, row.Active);
    }

    /// <summary>True when <paramref name="nip"/> is 18 digits (the only form a NIP takes).</summary>
    public static bool IsNip(string? nip) => nip is { Length: 18 } && nip.All(char.IsAsciiDigit);

    private sealed record Row(string Nip, string UnitId, string RegionId, bool Active, string? SuperiorNip, bool? SuperiorActive, string? SuperiorUnitId);
}
