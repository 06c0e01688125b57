using System.Text.Json;
using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Skp;

/// <summary>One realisation of an IKU in a period, with the target it is measured against and the attainment in percent.</summary>
public sealed record UnitIkuPeriodView(string Period, decimal Value, decimal? Target, double? Attainment, string? EvidenceUrl, string? Note,
    string FiledBy, DateTimeOffset FiledAt);

/// <summary>
/// One IKU of a unit's year: the annual target, the per-period targets, the current realisation of each period and the
/// IKU's attainment (the newest period's realisation against the annual target; realisations are reported to date).
/// <see cref="CascadingRhk"/> counts the RHK of employees' SKP plans (every version) that cascade from the IKU: while it is
/// above 0 the IKU cannot be removed.
/// </summary>
public sealed record UnitIkuAttainment(string Code, string Name, decimal TargetValue, string TargetUnit, IReadOnlyDictionary<string, decimal> PeriodTargets,
    IReadOnlyList<UnitIkuPeriodView> Realisations, double? Attainment, long CascadingRhk);

/// <summary>The answer of <c>GET /api/v1/units/{unitId}/iku?year=</c>.</summary>
public sealed record UnitIkuYearView(string UnitId, int Year, IReadOnlyList<UnitIkuAttainment> Iku);

/// <summary>
/// Reads a unit's IKU of a year with their current realisations (migrations 0019 and 0026). Attainment of a period is
/// value ÷ target × 100 (the period's own target when the IKU has one, else the annual target), rounded to 2 decimals;
/// null when the target is 0.
/// </summary>
public sealed class UnitIkuReads(NpgsqlDataSource db)
{
    public async Task<UnitIkuYearView?> YearAsync(string unitId, int year, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await conn.ExecuteScalarAsync<string?>(new CommandDefinition("select id from unit where id = @unitId", new { unitId }, cancellationToken: ct)) is null)
        {
            return null;
        }
        var iku = (await conn.QueryAsync<IkuRow>(new CommandDefinition("""
            select i.id, i.code, i.name, i.target_value as targetvalue, i.target_unit as targetunit, i.period_targets::text as periodtargets,
                   (select count(*) from skp_rhk r where r.parent_iku_id = i.id) as cascadingrhk
            from unit_iku i where i.unit_id = @unitId and i.year = @year order by i.code
            """, new { unitId, year = (short)year }, cancellationToken: ct))).ToList();
        var realisations = (await conn.QueryAsync<RealisationRow>(new CommandDefinition("""
            select r.iku_id as ikuid, r.period, r.value, r.evidence_url as evidenceurl, r.note, r.filed_by as filedby, r.filed_at as filedat
            from unit_iku_realisation r join unit_iku i on i.id = r.iku_id
            where i.unit_id = @unitId and i.year = @year and r.is_current
            order by r.period
            """, new { unitId, year = (short)year }, cancellationToken: ct))).ToLookup(r => r.IkuId);
        return new UnitIkuYearView(unitId, year, iku.Select(i =>
        {
            var targets = PeriodTargets(i.PeriodTargets);
            var periods = realisations[i.Id].Select(r =>
            {
                var target = targets.TryGetValue(r.Period, out var t) ? t : i.TargetValue;
                return new UnitIkuPeriodView(r.Period, r.Value, target, Attainment(r.Value, target), r.EvidenceUrl, r.Note, r.FiledBy,
                    new DateTimeOffset(DateTime.SpecifyKind(r.FiledAt, DateTimeKind.Utc)));
            }).ToList();
            var newest = periods.OrderBy(p => PeriodEnd(p.Period)).LastOrDefault();
            return new UnitIkuAttainment(i.Code, i.Name, i.TargetValue, i.TargetUnit, targets, periods,
                newest is null ? null : Attainment(newest.Value, i.TargetValue), i.CascadingRhk);
        }).ToList());
    }

    private static double? Attainment(decimal value, decimal? target) =>
        target is { } t && t != 0 ? Math.Round((double)(value / t * 100), 2) : null;

    /// <summary>Orders 2026-03 before 2026-Q2 and 2026-Q1 with 2026-03 (a period by the month it ends in).</summary>
    private static string PeriodEnd(string period) =>
        period[5] == 'Q' ? $"{period[..4]}-{(period[6] - '0') * 3:00}" : period;

    /// <summary>Per-period targets as 0019 stores them: <c>{ "2026-Q1": 25 }</c> (a <c>{ "value": 25 }</c> object is read too).</summary>
    private static Dictionary<string, decimal> PeriodTargets(string json)
    {
        var targets = new Dictionary<string, decimal>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            var v = p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("value", out var inner) ? inner : p.Value;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d))
            {
                targets[p.Name] = d;
            }
        }
        return targets;
    }

    private sealed record IkuRow(long Id, string Code, string Name, decimal TargetValue, string TargetUnit, string PeriodTargets, long CascadingRhk);

    private sealed record RealisationRow(long IkuId, string Period, decimal Value, string? EvidenceUrl, string? Note, string FiledBy, DateTime FiledAt);
}
