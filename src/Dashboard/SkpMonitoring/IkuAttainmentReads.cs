using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.SkpMonitoring;

/// <summary>
/// IKU attainment per unit for the boards: the targets in <c>unit_iku</c> against the current IKU realisations
/// (<c>unit_iku_realisation</c>, migration 0026), averaged over the unit's IKU that have one.
/// </summary>
public sealed class IkuAttainmentReads(NpgsqlDataSource db)
{
    private sealed class Target
    {
        public string UnitId { get; init; } = "";
        public long Id { get; init; }
    }

    private sealed class Realised
    {
        public long IkuId { get; init; }
        public decimal Value { get; init; }
        public decimal Target { get; init; }
    }

    /// <summary>Attainment per unit of <paramref name="regionId"/> in <paramref name="year"/>; units without IKU are absent.</summary>
    public async Task<IReadOnlyDictionary<string, IkuAttainment>> PerUnitAsync(string regionId, int year, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var targets = (await conn.QueryAsync<Target>(new CommandDefinition("""
            select i.unit_id as unitId, i.id from unit_iku i join unit u on u.id = i.unit_id
            where u.region_id = @regionId and i.year = @year
            """, new { regionId, year = (short)year }, cancellationToken: ct))).AsList();
        var realised = targets.Count == 0 ? [] : await RealisedAsync(conn, targets.Select(t => t.Id).ToArray(), ct);
        return targets.GroupBy(t => t.UnitId).ToDictionary(g => g.Key, g =>
        {
            var shares = g.Select(t => realised.TryGetValue(t.Id, out var r) && r.Target != 0 ? (double?)(double)(r.Value / r.Target * 100) : null)
                .OfType<double>().ToList();
            return new IkuAttainment(g.Count(), shares.Count, shares.Count == 0 ? null : Math.Round(shares.Average(), 1));
        }, StringComparer.Ordinal);
    }

    /// <summary>
    /// The newest period's current realisation of each IKU with the annual target it is measured against: the same
    /// attainment <see cref="Skp.UnitIkuReads"/> gives per IKU (realisations are reported to date; a quarter is ordered
    /// by the month it ends in).
    /// </summary>
    private static async Task<Dictionary<long, Realised>> RealisedAsync(NpgsqlConnection conn, long[] ikuIds, CancellationToken ct) =>
        (await conn.QueryAsync<Realised>(new CommandDefinition("""
            select distinct on (r.iku_id) r.iku_id as ikuId, r.value as value, i.target_value as target
            from unit_iku_realisation r join unit_iku i on i.id = r.iku_id
            where r.iku_id = any(@ikuIds) and r.is_current
            order by r.iku_id,
                     case when substr(r.period, 6, 1) = 'Q'
                          then substr(r.period, 1, 5) || lpad((substr(r.period, 7, 1)::int * 3)::text, 2, '0')
                          else r.period end desc
            """, new { ikuIds }, cancellationToken: ct))).ToDictionary(r => r.IkuId);
}
