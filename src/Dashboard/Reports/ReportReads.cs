using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Reports;

/// <summary>An employee as the documents name them.</summary>
public sealed record ReportPerson(string Nip, string Name, string Position, string Status, string UnitId, string UnitName,
    string RegionId, string RegionName, string? SupervisorNip, string? SupervisorName, string? SupervisorPosition);

/// <summary>A trigger of the period with its follow-up item, when it has one.</summary>
public sealed record ReportTrigger(string Period, string Kind, string Code, string Workflow, int Version, string Rule,
    string? FollowUpTitle, string? FollowUpState, DateOnly? DueDate, DateTime? DoneAt);

/// <summary>A unit with its region.</summary>
public sealed record ReportUnit(string Id, string Name, string RegionId, string RegionName);

/// <summary>A stored level (rating and predicate) of one period.</summary>
public sealed record ReportLevel(string Period, string? RatingHasilKerja, string? RatingPerilaku, string? Predikat);

/// <summary>The reference and rule-output reads of the report documents, straight on PostgreSQL.</summary>
public sealed class ReportReads(NpgsqlDataSource db)
{
    private const string PersonSelect = """
        select trim(e.nip) as Nip, e.name, e.position, e.status, e.unit_id as UnitId, u.name as UnitName, u.region_id as RegionId,
               r.name as RegionName, trim(e.supervisor_nip) as SupervisorNip, s.name as SupervisorName, s.position as SupervisorPosition
        from employee e
        join unit u on u.id = e.unit_id
        join region r on r.id = u.region_id
        left join employee s on s.nip = e.supervisor_nip
        """;

    public async Task<ReportPerson?> PersonAsync(string nip, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<ReportPerson>(new CommandDefinition(
            PersonSelect + " where e.nip = @nip", new { nip }, cancellationToken: ct));
    }

    /// <summary>Every employee of a unit or region (active ones, and inactive ones with figures are left to the snapshot).</summary>
    public async Task<IReadOnlyList<ReportPerson>> PeopleAsync(string? regionId, string? unitId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ReportPerson>(new CommandDefinition(PersonSelect + """
             where (@regionId::text is null or u.region_id = @regionId) and (@unitId::text is null or e.unit_id = @unitId)
            order by u.name, u.id, e.name, e.nip
            """, new { regionId, unitId }, cancellationToken: ct))).AsList();
    }

    /// <summary>Triggers of an employee in the period (a month, or every month of a year and the year itself).</summary>
    public async Task<IReadOnlyList<ReportTrigger>> TriggersAsync(string nip, string period, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ReportTrigger>(new CommandDefinition("""
            select t.period, t.kind, t.code, t.workflow, t.version, t.rule, f.title as FollowUpTitle, f.state as FollowUpState,
                   f.due_date as DueDate, f.done_at as DoneAt
            from "trigger" t
            left join followup f on f.trigger_id = t.id
            where t.nip = @nip and (t.period = @period or (length(@period) = 4 and t.period like @period || '-%'))
            order by t.period, t.fired_at, t.id
            """, new { nip, period }, cancellationToken: ct))).AsList();
    }

    /// <summary>The stored levels of an employee for a period and, for a year, for each of its months.</summary>
    public async Task<IReadOnlyList<ReportLevel>> LevelsAsync(string nip, string period, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ReportLevel>(new CommandDefinition("""
            select period, rating_hasil_kerja as RatingHasilKerja, rating_perilaku as RatingPerilaku, predikat
            from employee_period_level
            where nip = @nip and (period = @period or (length(@period) = 4 and period ~ ('^' || @period || '-[0-9]{2}$')))
            order by period
            """, new { nip, period }, cancellationToken: ct))).AsList();
    }

    public async Task<ReportUnit?> UnitAsync(string unitId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<ReportUnit>(new CommandDefinition("""
            select u.id, u.name, u.region_id as RegionId, r.name as RegionName from unit u join region r on r.id = u.region_id
            where u.id = @unitId
            """, new { unitId }, cancellationToken: ct));
    }

    public async Task<string?> RegionNameAsync(string regionId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "select name from region where id = @regionId", new { regionId }, cancellationToken: ct));
    }
}
