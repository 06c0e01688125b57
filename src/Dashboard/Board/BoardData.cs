using Dapper;
using Kinerja.Core.Indicators;
using Kinerja.Core.Indicators.Live;
using Kinerja.Core.Regions;
using Npgsql;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// <see cref="IBoardData"/> over <see cref="LiveIndicators"/> (region figures, in memory), with
/// <see cref="IIndicatorQueries"/> as the fallback before the live model has loaded, and a few Dapper queries.
/// </summary>
public sealed class BoardData(LiveIndicators live, IIndicatorQueries indicators, TimeProvider time, NpgsqlDataSource db,
    RegionLookup regions)
    : IBoardData
{
    public async Task<RegionRead?> RegionAsync(string regionId, CancellationToken ct)
    {
        if (live.Region(regionId) is { } read)
        {
            return new RegionRead(read.Indicators, read.Version, read.AsOf);
        }
        // Not loaded yet (start-up): read the database; its figures are complete as of the read's start. Version 0 sorts
        // before every live version, so the live model's first load reaches every screen as a change.
        var asOf = time.GetUtcNow();
        return await indicators.RegionAsync(regionId, null, ct) is { } region ? new RegionRead(region, 0, asOf) : null;
    }

    public Task<string?> RegionOfUnitAsync(string unitId, CancellationToken ct) => regions.OfUnitAsync(unitId, ct);

    public async Task<IReadOnlyList<DailyMinutes>> DailyMinutesAsync(string regionId, string? unitId, DateOnly from,
        DateOnly to, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(DateTime Day, long Approved, long Pending)>(new CommandDefinition("""
            select d.day, sum(d.minutes_approved)::bigint, sum(d.minutes_pending)::bigint
            from employee_day d
            join employee e on e.nip = d.nip
            join unit u on u.id = e.unit_id
            where u.region_id = @regionId and (@unitId::text is null or u.id = @unitId)
              and e.active and d.day between @from and @to
            group by d.day order by d.day
            """, new { regionId, unitId, from, to }, cancellationToken: ct));
        return rows.Select(r => new DailyMinutes(DateOnly.FromDateTime(r.Day), r.Approved, r.Pending)).ToArray();
    }

    public async Task<IReadOnlyList<MonthValue>> IkmTrendAsync(string regionId, string? unitId,
        IReadOnlyList<string> months, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<(string Period, long Sum, long Count)>(new CommandDefinition("""
            select rr.period, sum(rr.score_sum)::bigint, sum(rr.score_count)::bigint
            from rating_rollup rr
            join unit u on u.id = rr.subject_id
            where rr.subject_kind = 'unit' and rr.rater_role = 'masyarakat' and rr.aspect = 'kepuasan_layanan'
              and u.region_id = @regionId and (@unitId::text is null or u.id = @unitId)
              and rr.period = any(@months)
            group by rr.period
            """, new { regionId, unitId, months = months.ToArray() }, cancellationToken: ct)))
            .ToDictionary(r => r.Period);
        // A month with survey answers shows the official IKM; one without still shows the legacy ratings (README).
        var surveys = await SurveyTrend.ReadAsync(conn, regionId, unitId, months.ToArray(), ct);
        return months.Select(m => surveys.TryGetValue(m, out var s) ? new MonthValue(m, (double)s.Ikm, s.Respondents)
            : rows.TryGetValue(m, out var r) ? new MonthValue(m, IkmScale.From(r.Sum, r.Count), r.Count)
            : new MonthValue(m, null, 0)).ToArray();
    }

    public async Task<IReadOnlyList<TriggerCount>> TriggerCountsAsync(string regionId, string? unitId,
        IReadOnlyList<string> months, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<TriggerCount>(new CommandDefinition("""
            select left(t.period, 7) as period, t.kind, count(*)::int as count
            from "trigger" t
            left join employee e on e.nip = t.nip
            join unit u on u.id = coalesce(t.unit_id, e.unit_id)
            where u.region_id = @regionId and (@unitId::text is null or u.id = @unitId)
              and left(t.period, 7) = any(@months)
            group by left(t.period, 7), t.kind
            """, new { regionId, unitId, months = months.ToArray() }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<TriggerItem>> RecentTriggersAsync(string regionId, string? unitId, int limit,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<TriggerRow>(new CommandDefinition(TriggerSelect + """
            where u.region_id = @regionId and (@unitId::text is null or u.id = @unitId)
            order by t.fired_at desc, t.id desc limit @limit
            """, new { regionId, unitId, limit }, cancellationToken: ct));
        return rows.Select(r => r.ToItem()).ToArray();
    }

    private const string TriggerSelect = """
        select t.id as Id, t.kind as Kind, t.code as Code, t.nip as Nip, e.name as EmployeeName,
               u.id as UnitId, u.name as UnitName, u.region_id as RegionId, t.period as Period,
               t.workflow as Workflow, t.version as WorkflowVersion, t.rule as Rule, t.fired_at as FiredAt
        from "trigger" t
        left join employee e on e.nip = t.nip
        join unit u on u.id = coalesce(t.unit_id, e.unit_id)

        """;

    private sealed record TriggerRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public string Code { get; init; } = "";
        public string? Nip { get; init; }
        public string? EmployeeName { get; init; }
        public string UnitId { get; init; } = "";
        public string UnitName { get; init; } = "";
        public string RegionId { get; init; } = "";
        public string Period { get; init; } = "";
        public string Workflow { get; init; } = "";
        public int WorkflowVersion { get; init; }
        public string Rule { get; init; } = "";
        public DateTime FiredAt { get; init; }

        public TriggerItem ToItem() => new(Id, Kind, TriggerLabels.Kind(Kind), Code, Nip?.Trim(), EmployeeName, UnitId,
            UnitName, RegionId, Period, Workflow, WorkflowVersion, Rule,
            new DateTimeOffset(DateTime.SpecifyKind(FiredAt, DateTimeKind.Utc)));
    }
}
