using System.Globalization;
using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.SkpMonitoring;

/// <summary>
/// The SKP completion of every active employee of a region (or one unit) from the stored plans, realisations and
/// assessments: one statement, statuses judged in the region's local calendar. An employee who left (<c>active</c> false)
/// is not counted anywhere.
/// </summary>
public sealed class SkpMonitoringReads(NpgsqlDataSource db)
{
    /// <summary>The region's time zone and local day at <paramref name="now"/>, or null when there is no such region.</summary>
    public async Task<(string TimeZone, DateOnly Today)?> RegionDayAsync(string regionId, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(string Tz, string Today)?>(new CommandDefinition("""
            select tz, to_char((@now at time zone tz)::date, 'YYYY-MM-DD') from region where id = @regionId
            """, new { regionId, now }, cancellationToken: ct));
        return row is { } r ? (r.Tz, DateOnly.ParseExact(r.Today, "yyyy-MM-dd", CultureInfo.InvariantCulture)) : null;
    }

    /// <summary>The units of a region, by name.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> UnitsAsync(string regionId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<(string, string)>(new CommandDefinition(
            "select id, name from unit where region_id = @regionId order by name, id", new { regionId }, cancellationToken: ct))).AsList();
    }

    /// <summary>Every active employee of the region (of <paramref name="unitId"/> when given) with their plan of
    /// <paramref name="year"/> and their realisation and assessment status for <paramref name="due"/>'s period, as of
    /// <paramref name="now"/> (what was filed later does not count yet).</summary>
    public async Task<IReadOnlyList<SkpMonitoringEmployee>> EmployeesAsync(string regionId, string? unitId, int year, SkpDueDays due,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            with people as (
                select e.nip, e.name, e.unit_id, e.supervisor_nip, s.name as superior_name, r.tz,
                       (@now at time zone r.tz)::date as today,
                       (select p.status from skp_plan p where p.nip = e.nip and p.year = @year and p.is_current) as plan_status,
                       exists (select 1 from skp_plan p where p.nip = e.nip and p.year = @year and p.status = 'disetujui') as plan_approved,
                       exists (select 1 from skp_plan p where p.nip = e.nip and p.year = @periodYear and p.status = 'disetujui') as period_plan,
                       (select min(x.filed_at) from skp_realisation x where x.nip = e.nip and x.period = @period and x.filed_at <= @now) as realised_at,
                       (select min(a.assessed_at) from skp_assessment a where a.nip = e.nip and a.period = @period and a.assessed_at <= @now) as assessed_at
                from employee e
                join unit u on u.id = e.unit_id
                join region r on r.id = u.region_id
                left join employee s on s.nip = e.supervisor_nip
                where u.region_id = @regionId and e.active and (@unitId::text is null or e.unit_id = @unitId)
            )
            select nip, name, unit_id as unitId, supervisor_nip as superiorNip, superior_name as superiorName,
                   plan_status as planStatus, plan_approved as planApproved,
                   case when not period_plan then @noPlan
                        when realised_at is null then case when today > @realisationDue then @overdue else @pending end
                        when (realised_at at time zone tz)::date <= @realisationDue then @onTime else @late end as realisation,
                   realised_at as realisedAt,
                   case when not period_plan then @noPlan
                        when assessed_at is null then case when today > @assessmentDue then @overdue else @pending end
                        when (assessed_at at time zone tz)::date <= @assessmentDue then @onTime else @late end as assessment,
                   assessed_at as assessedAt
            from people
            order by name, nip
            """, new
        {
            regionId, unitId, year = (short)year, periodYear = (short)due.Period.Start.Year, period = due.Period.Key, now,
            realisationDue = due.RealisationDue, assessmentDue = due.AssessmentDue,
            noPlan = SkpDueStatus.NoPlan, overdue = SkpDueStatus.Overdue, pending = SkpDueStatus.Pending,
            onTime = SkpDueStatus.OnTime, late = SkpDueStatus.Late,
        }, cancellationToken: ct));
        return rows.Select(r => new SkpMonitoringEmployee(r.Nip, r.Name, r.UnitId, r.SuperiorNip, r.SuperiorName, r.PlanStatus, r.PlanApproved,
            r.Realisation, Utc(r.RealisedAt), r.Assessment, Utc(r.AssessedAt))).ToList();
    }

    private static DateTimeOffset? Utc(DateTime? at) => at is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    private sealed class Row
    {
        public string Nip { get; init; } = "";
        public string Name { get; init; } = "";
        public string UnitId { get; init; } = "";
        public string? SuperiorNip { get; init; }
        public string? SuperiorName { get; init; }
        public string? PlanStatus { get; init; }
        public bool PlanApproved { get; init; }
        public string Realisation { get; init; } = "";
        public DateTime? RealisedAt { get; init; }
        public string Assessment { get; init; } = "";
        public DateTime? AssessedAt { get; init; }
    }
}
