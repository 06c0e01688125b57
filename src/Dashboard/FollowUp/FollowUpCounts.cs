using Dapper;
using Kinerja.Core.Privacy;
using Kinerja.Rules.FollowUp;
using Npgsql;

namespace Kinerja.Dashboard.FollowUp;

/// <summary>
/// Follow-up counts for the leaders' board (per unit: done on time, done late, open, overdue, coaching completed) and
/// for the public display (per kind only, under the privacy floor). On time means completed on or before the due day
/// in the region's calendar.
/// </summary>
public sealed class FollowUpCounts(NpgsqlDataSource db, SmallGroups privacy)
{
    public async Task<bool> RegionExistsAsync(string regionId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from region where id = @regionId)", new { regionId }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<UnitFollowUpCounts>> PerUnitAsync(string regionId, string? period, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<UnitFollowUpCounts>(new CommandDefinition("""
            select u.id as unitId, u.name as unitName,
                   (count(f.id) filter (where f.state = @done and (f.done_at at time zone r.tz)::date <= f.due_date))::int as doneOnTime,
                   (count(f.id) filter (where f.state = @done and (f.done_at at time zone r.tz)::date > f.due_date))::int as doneLate,
                   (count(f.id) filter (where f.state = any(@open)))::int as open,
                   (count(f.id) filter (where f.state = any(@open) and (@now at time zone r.tz)::date > f.due_date))::int as overdue,
                   (count(f.id) filter (where f.state = @done and f.kind = 'COACHING'))::int as coachingDone
            from unit u
            join region r on r.id = u.region_id
            left join followup f on f.unit_id = u.id and (@period::text is null or f.period = @period)
            where u.region_id = @regionId
            group by u.id, u.name
            order by u.name, u.id
            """, new { regionId, period, now, done = FollowUpStates.Done, open = FollowUpStates.Open.ToArray() },
            cancellationToken: ct))).AsList();
    }

    /// <summary>Rewards given and coaching held in a region and period; each withheld when fewer people than the floor are behind it.</summary>
    public async Task<PublicFollowUpCounts> PublicAsync(string regionId, string period, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<(string Kind, int Items, int People)>(new CommandDefinition("""
            select kind, count(*)::int, count(distinct coalesce(nip::text, unit_id))::int
            from followup
            where region_id = @regionId and period = @period and state = @done and kind in ('REWARD', 'COACHING')
            group by kind
            """, new { regionId, period, done = FollowUpStates.Done }, cancellationToken: ct))).ToDictionary(r => r.Kind);
        // none at all singles nobody out: 0 is shown; 1 to floor-1 people are withheld
        int? Shown(string kind) => rows.TryGetValue(kind, out var r) ? privacy.Suppress(r.Items, r.People) : 0;
        return new PublicFollowUpCounts(regionId, period, Shown("REWARD"), Shown("COACHING"), privacy.MinGroupSize);
    }
}
