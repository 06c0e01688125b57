using System.Runtime.CompilerServices;
using Dapper;
using Kinerja.Core.Calendar;
using Kinerja.Core.Database;
using Kinerja.Core.Domain;
using Kinerja.Core.Regions;
using Kinerja.Core.Survey;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kinerja.Core.Indicators;

/// <summary>PostgreSQL implementation of <see cref="IIndicatorQueries"/>: a few set-based statements per call.</summary>
public sealed partial class IndicatorQueries(NpgsqlDataSource db, CalendarCache calendars, TimeProvider time,
    IOptions<OfficerSurveyOptions>? officerSurvey = null) : IIndicatorQueries
{
    /// <summary>Respondents an officer needs before their survey answers count (<see cref="OfficerSurveyRating"/>).</summary>
    private readonly int officerMinRespondents = officerSurvey?.Value.OfficerMinRespondents ?? new OfficerSurveyOptions().OfficerMinRespondents;

    /// <summary>The calendar cache these queries read (shared with <see cref="Live.LiveIndicators"/>).</summary>
    internal CalendarCache CalendarsForTests => calendars;

    private readonly RegionLookup regions = new(db);

    public async Task<IndicatorSnapshot?> EmployeeAsync(string nip, Period? period = null, CancellationToken ct = default)
    {
        var regionId = await regions.OfEmployeeAsync(nip, ct);
        if (regionId is null || await calendars.GetAsync(regionId, ct) is not { } calendar)
        {
            return null;
        }
        var plan = PeriodPlan.Create(period ?? CurrentMonth(calendar), [calendar], time);
        var rows = await FactsAsync(plan, EmployeeFilter.ForNips([nip]), ct);
        return rows.Count == 0 ? null : SnapshotMapper.ToSnapshot(rows[0], plan);
    }

    public async Task<IReadOnlyList<IndicatorSnapshot>> EmployeesAsync(Period period, EmployeeFilter? filter = null,
        CancellationToken ct = default)
    {
        filter ??= EmployeeFilter.All;
        var plan = await PlanAsync(period, filter.RegionId, ct);
        if (plan is null)
        {
            return [];
        }
        var rows = await FactsAsync(plan, filter, ct);
        var result = new IndicatorSnapshot[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            result[i] = SnapshotMapper.ToSnapshot(rows[i], plan);
        }
        return result;
    }

    public async Task<UnitIndicators?> UnitAsync(string unitId, Period? period = null, CancellationToken ct = default)
    {
        var regionId = await regions.OfUnitAsync(unitId, ct);
        if (regionId is null || await calendars.GetAsync(regionId, ct) is not { } calendar)
        {
            return null;
        }
        var plan = PeriodPlan.Create(period ?? CurrentMonth(calendar), [calendar], time);
        var filter = EmployeeFilter.Unit(unitId);
        var rows = await FactsAsync(plan, filter, ct);
        var units = await UnitFactsAsync(plan, filter, ct);
        return units.Count == 0 ? null : BuildUnit(plan, units[0], rows);
    }

    public async Task<RegionIndicators?> RegionAsync(string regionId, Period? period = null, CancellationToken ct = default)
    {
        if (await calendars.GetAsync(regionId, ct) is not { } calendar)
        {
            return null;
        }
        var plan = PeriodPlan.Create(period ?? CurrentMonth(calendar), [calendar], time);
        var filter = EmployeeFilter.Region(regionId);
        var rows = await FactsAsync(plan, filter, ct);
        var units = await UnitFactsAsync(plan, filter, ct);
        return BuildRegion(plan, calendar, units, rows);
    }

    public async Task<IReadOnlyList<UnitSnapshot>> UnitSnapshotsAsync(Period period, string? regionId = null,
        CancellationToken ct = default)
    {
        var plan = await PlanAsync(period, regionId, ct);
        if (plan is null)
        {
            return [];
        }
        var units = await UnitFactsAsync(plan, new EmployeeFilter { RegionId = regionId }, ct);
        return units.Select(u => UnitSnapshotMapper.ToSnapshot(u, plan.Period.Key)).ToArray();
    }

    public async IAsyncEnumerable<IndicatorSnapshot> HistoryAsync(Period from, Period to, EmployeeFilter? filter = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var p = from; p.Start <= to.Start; p = Next(p))
        {
            foreach (var snapshot in await EmployeesAsync(p, filter, ct))
            {
                yield return snapshot;
            }
        }
    }

    /// <summary>
    /// The same snapshots recomputed naively from the raw streams (activity + latest review,
    /// attendance, rating events) instead of the rollups: slow by design; the reference a full
    /// recompute must equal (history features are left empty) and the benchmark's baseline.
    /// </summary>
    public async Task<IReadOnlyList<IndicatorSnapshot>> RecomputeFromRawAsync(Period period, EmployeeFilter? filter = null,
        CancellationToken ct = default)
    {
        filter ??= EmployeeFilter.All;
        var plan = await PlanAsync(period, filter.RegionId, ct);
        if (plan is null)
        {
            return [];
        }
        var rows = await FactsAsync(plan, filter, ct, raw: true);
        return rows.Select(r => SnapshotMapper.ToSnapshot(r, plan)).ToArray();
    }

    public async Task<Period?> CurrentMonthAsync(string regionId, CancellationToken ct = default) =>
        await calendars.GetAsync(regionId, ct) is { } calendar ? CurrentMonth(calendar) : null;

    internal async Task<PeriodPlan?> PlanAsync(Period period, string? regionId, CancellationToken ct)
    {
        if (regionId is null)
        {
            return PeriodPlan.Create(period, (await calendars.AllAsync(ct)).Values, time);
        }
        return await calendars.GetAsync(regionId, ct) is { } calendar ? PeriodPlan.Create(period, [calendar], time) : null;
    }

    /// <summary>
    /// The population's rows: the employee statement, the rating rows pivoted in and the TKS days, all
    /// read in one repeatable-read snapshot of the data. For a region or the whole population the rating
    /// and TKS statements run at the same time on a second connection that imports the first one's
    /// snapshot (<see cref="SharedSnapshot"/>), so both cores work and the numbers still agree.
    /// <paramref name="raw"/> runs the naive statement instead, which computes its ratings itself.
    /// </summary>
    internal async Task<IReadOnlyList<EmployeeFactsRow>> FactsAsync(PeriodPlan plan, EmployeeFilter filter, CancellationToken ct,
        bool raw = false)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var list = await FactsAsync(conn, tx, plan, filter, raw, ct);
        await tx.CommitAsync(ct);
        return list;
    }

    /// <summary>The employee rows inside the caller's repeatable-read transaction (so further statements see the same data).</summary>
    private async Task<List<EmployeeFactsRow>> FactsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, PeriodPlan plan,
        EmployeeFilter filter, bool raw, CancellationToken ct)
    {
        var parameters = plan.Parameters(filter);
        // a whole population sorts and hashes a few hundred thousand rows: give this statement more than
        // the server's default 4 MB per operation so it does not spill to disk
        await conn.ExecuteAsync(new CommandDefinition("set local work_mem = '64MB'", transaction: tx, cancellationToken: ct));
        if (raw)
        {
            var rawRows = (await conn.QueryAsync<EmployeeFactsRow>(new CommandDefinition(
                RawRecomputeSql.Query, parameters, tx, commandTimeout: 600, cancellationToken: ct))).AsList();
            OfficerSurveyRating.ApplyMinimum(rawRows, officerMinRespondents);
            return Sorted(rawRows);
        }
        var employees = new CommandDefinition(EmployeeFactsSql.For(plan.Period.Kind, filter.IsEveryone), parameters, tx,
            commandTimeout: 600, cancellationToken: ct);
        if (filter.Nips is null && filter.UnitId is null)
        {
            await using var side = await SharedSnapshot.FollowAsync(db, conn, tx, ct);
            var sideReads = ReadRatingsAndTksAsync(side.Connection, side.Transaction, parameters, filter, ct);
            var list = (await conn.QueryAsync<EmployeeFactsRow>(employees)).AsList();
            var (ratings, tks) = await sideReads;
            return Complete(list, ratings, tks, plan, officerMinRespondents);
        }
        var rows = (await conn.QueryAsync<EmployeeFactsRow>(employees)).AsList();
        var (r, t) = await ReadRatingsAndTksAsync(conn, tx, parameters, filter, ct);
        return Complete(rows, r, t, plan, officerMinRespondents);
    }

    private static async Task<(List<RatingRow> Ratings, List<TksDay> Tks)> ReadRatingsAndTksAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, object parameters, EmployeeFilter filter, CancellationToken ct)
    {
        var ratings = (await conn.QueryAsync<RatingRow>(new CommandDefinition(
            EmployeeFactsSql.RatingsFor(filter.IsEveryone), parameters, tx, commandTimeout: 600, cancellationToken: ct))).AsList();
        var tks = (await conn.QueryAsync<TksDay>(new CommandDefinition(
            EmployeeFactsSql.TksDays, parameters, tx, commandTimeout: 600, cancellationToken: ct))).AsList();
        return (ratings, tks);
    }

    /// <summary>
    /// Pivots the rating rows and TKS days into the employee rows and drops officer survey figures below the
    /// minimum, sorted by NIP.
    /// </summary>
    private static List<EmployeeFactsRow> Complete(List<EmployeeFactsRow> list, IEnumerable<RatingRow> ratings,
        IEnumerable<TksDay> tks, PeriodPlan plan, int officerMinRespondents)
    {
        OfficerSurveyRating.ApplyMinimum(list, officerMinRespondents);
        RatingPivot.Apply(list, ratings);
        TksRuns.Apply(list, tks, plan);
        return Sorted(list);
    }

    private static List<EmployeeFactsRow> Sorted(List<EmployeeFactsRow> list)
    {
        // sorted here rather than in SQL: NIPs are digits, so ordinal order = numeric order, without
        // the collation-aware string sort PostgreSQL would do
        list.Sort(static (a, b) => string.CompareOrdinal(a.Nip, b.Nip));
        return list;
    }

    private static object UnitParameters(PeriodPlan plan, EmployeeFilter filter) => new
    {
        regionIds = plan.Regions.Keys.ToArray(),
        todays = plan.Regions.Values.Select(r => r.Today.ToDateTime(TimeOnly.MinValue)).ToArray(),
        periodKey = plan.LevelPeriod.Key,
        monthKeys = plan.MonthKeys,
        region = filter.RegionId,
        unit = filter.UnitId,
    };

    internal async Task<IReadOnlyList<UnitFactsRow>> UnitFactsAsync(PeriodPlan plan, EmployeeFilter filter, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<UnitFactsRow>(new CommandDefinition(UnitFactsSql.Query,
            UnitParameters(plan, filter), cancellationToken: ct));
        return rows.AsList();
    }

    private Period CurrentMonth(RegionCalendar calendar) => Period.MonthOf(calendar.Today(time));

    private static Period Next(Period p) => p.Kind switch
    {
        PeriodKind.Day => Period.Day(p.End),
        PeriodKind.Month => Period.MonthOf(p.End),
        PeriodKind.Quarter => new Period(PeriodKind.Quarter, p.End, p.End.AddMonths(3)),
        _ => Period.Year(p.End.Year),
    };
}
