using Dapper;
using Npgsql;

namespace Kinerja.Rules.Store;

/// <summary>Filter of <c>GET /api/v1/triggers</c>; every field optional.</summary>
public sealed record TriggerFilter(string? Region = null, string? Unit = null, string? Nip = null, string? Period = null,
    string? Kind = null, string? Code = null, int Limit = 100);

/// <summary>Reads recent triggers with the explanation of the rule version that fired them.</summary>
public sealed class TriggerQuery(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<StoredTrigger>> RecentAsync(TriggerFilter f, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<StoredTrigger>(new CommandDefinition("""
            select t.id, t.kind, t.code, t.nip, coalesce(t.unit_id, e.unit_id) as unitId, u.region_id as regionId,
                   t.period, t.workflow, t.version, t.rule, t.inputs::text as inputs, t.fired_at as firedAt
            from "trigger" t
            left join employee e on e.nip = t.nip
            left join unit u on u.id = coalesce(t.unit_id, e.unit_id)
            where (@region::text is null or u.region_id = @region)
              and (@unit::text is null or coalesce(t.unit_id, e.unit_id) = @unit)
              and (@nip::text is null or t.nip = @nip)
              and (@period::text is null or t.period = @period)
              and (@kind::text is null or t.kind = @kind)
              and (@code::text is null or t.code = @code)
            order by t.fired_at desc, t.id desc
            limit @limit
            """, new { f.Region, f.Unit, f.Nip, f.Period, f.Kind, f.Code, limit = Math.Clamp(f.Limit, 1, 1000) },
            cancellationToken: ct))).AsList();
        if (rows.Count == 0)
        {
            return rows;
        }
        var versions = rows.Select(r => (r.Workflow, r.Version)).Distinct().ToArray();
        var json = (await conn.QueryAsync<(string Workflow, int Version, string Json)>(new CommandDefinition("""
            select workflow, version, json::text from workflow_version
            where (workflow, version) in (select * from unnest(@workflows, @versions))
            """, new { workflows = versions.Select(v => v.Workflow).ToArray(), versions = versions.Select(v => v.Version).ToArray() },
            cancellationToken: ct))).ToDictionary(r => (r.Workflow, r.Version), r => r.Json);
        return rows.Select(r => r with
        {
            Explanation = json.TryGetValue((r.Workflow, r.Version), out var j) ? RuleText.Explain(j, r.Rule) : null,
        }).ToArray();
    }

    /// <summary>Names of the given employees (NIP → name); unknown NIPs and unit subjects are left out.</summary>
    public async Task<IReadOnlyDictionary<string, string>> EmployeeNamesAsync(IReadOnlyList<string> nips, CancellationToken ct)
    {
        if (nips.Count == 0)
        {
            return new Dictionary<string, string>();
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Nip, string Name)>(new CommandDefinition("""
            select nip::text, name from employee where nip = any(@nips)
            """, new { nips = nips.ToArray() }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Nip.Trim(), r => r.Name, StringComparer.Ordinal);
    }
}
