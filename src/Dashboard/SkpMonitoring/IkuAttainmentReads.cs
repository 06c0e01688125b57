using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.SkpMonitoring;

/// <summary>
/// IKU attainment per unit: the targets in <c>unit_iku</c> against the IKU realisations. The realisations table
/// (<c>unit_iku_realisation</c>: iku_id, period, value) comes with the SKP import (migration 0026); this class is the
/// only place the board reads it, and while it is absent or unreadable every unit shows its IKU without realisation.
/// </summary>
public sealed class IkuAttainmentReads(NpgsqlDataSource db, ILogger<IkuAttainmentReads> log)
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

    /// <summary>The latest period's realisation of each IKU with the target it is measured against.</summary>
    private async Task<Dictionary<long, Realised>> RealisedAsync(NpgsqlConnection conn, long[] ikuIds, CancellationToken ct)
    {
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select to_regclass('unit_iku_realisation') is not null", cancellationToken: ct)))
        {
            return [];
        }
        try
        {
            return (await conn.QueryAsync<Realised>(new CommandDefinition("""
                select distinct on (r.iku_id) r.iku_id as ikuId, r.value::numeric as value,
                       case when jsonb_typeof(i.period_targets -> r.period) = 'number'
                            then (i.period_targets ->> r.period)::numeric else i.target_value end as target
                from unit_iku_realisation r join unit_iku i on i.id = r.iku_id
                where r.iku_id = any(@ikuIds) and r.value is not null
                order by r.iku_id, r.period desc
                """, new { ikuIds }, cancellationToken: ct))).ToDictionary(r => r.IkuId);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedColumn or PostgresErrorCodes.UndefinedTable)
        {
            // the table's shape is the SKP import's to decide: until this query matches it, show no realisation rather than fail the board
            log.LogWarning(ex, "IKU realisations are not readable ({SqlState}); the board shows IKU without realisation", ex.SqlState);
            return [];
        }
    }
}
