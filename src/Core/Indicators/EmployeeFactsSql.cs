namespace Kinerja.Core.Indicators;

/// <summary>
/// The set-based employee query: one statement computes every employee of a population for one
/// period from the rollups (<c>employee_month</c> for whole months, <c>employee_day</c> for a day and
/// the TKS days, <c>rating_rollup</c>) and the rules' levels
/// (<c>employee_period_level</c>), never a statement per employee.
/// </summary>
internal static class EmployeeFactsSql
{
    /// <summary>
    /// The statement for a period: whole months read <c>employee_month</c>, a day reads <c>employee_day</c>.
    /// With <paramref name="everyone"/> (no region, unit or NIP criterion) the rollup reads skip their
    /// semi-join with the population: rows of employees outside it are dropped by the final join, and a
    /// whole-population read then costs one pass per rollup instead of a pass plus a hash join.
    /// </summary>
    public static string For(Kinerja.Core.Domain.PeriodKind kind, bool everyone) => (kind, everyone) switch
    {
        (Kinerja.Core.Domain.PeriodKind.Day, true) => OverDaysEveryone,
        (Kinerja.Core.Domain.PeriodKind.Day, false) => OverDays,
        (_, true) => OverMonthsEveryone,
        _ => OverMonths,
    };

    /// <summary><see cref="Ratings"/> for a population filter (see <see cref="For"/>).</summary>
    public static string RatingsFor(bool everyone) => everyone ? RatingsEveryone : Ratings;

    private static readonly string OverMonthsEveryone = WithoutPopulationFilter(OverMonths);
    private static readonly string OverDaysEveryone = WithoutPopulationFilter(OverDays);
    private static readonly string RatingsEveryone = WithoutPopulationFilter(Ratings);

    /// <summary>Drops the lines marked <c>/*in-population*/</c> (the semi-joins with <c>emp</c>).</summary>
    private static string WithoutPopulationFilter(string sql) =>
        string.Join('\n', sql.Split('\n').Where(l => !l.Contains("/*in-population*/", StringComparison.Ordinal)));

    /// <summary>
    /// Parameters: <c>@start</c>/<c>@end</c> the period's local dates (end exclusive);
    /// <c>@regionIds</c>/<c>@ytdEnds</c> per region the exclusive end of year-to-date (end of the period,
    /// or tomorrow while it is current); <c>@yearStart</c> 1 January of the period's year;
    /// <c>@monthKeys</c> the rating months of the period; <c>@periodKey</c> the period's key and
    /// <c>@prevKeys</c> the keys of the previous periods of the same kind, newest first;
    /// filter <c>@region</c>, <c>@unit</c>, <c>@nips</c>, <c>@includeInactive</c>.
    /// </summary>
    public const string OverMonths = Head + "\n" + PerMonths + "\n" + Tail;

    public const string OverDays = Head + "\n" + PerDays + "\n" + Tail;

    /// <summary>
    /// The population's rating rollup rows of the period's months, one per (employee, month, role, aspect):
    /// summed and pivoted into the employee rows in C# (<see cref="RatingPivot"/>) rather than with a
    /// text-keyed GROUP BY and thirty filtered aggregates. Same parameters.
    /// </summary>
    public const string Ratings = Head + "\n" + """
        dummy as (select 1)
        select rr.subject_id as Nip, rr.rater_role as Role, rr.aspect as Aspect,
               rr.score_sum as Sum, rr.score_count as Count
        from rating_rollup rr
        where rr.subject_kind = 'employee'
          and rr.period = any(@monthKeys)
          /*in-population*/ and rr.subject_id in (select nip::text from emp)
        """;

    /// <summary>
    /// The population's TKS days from 1 January to the end of year-to-date (the partial index
    /// <c>employee_day_tks_idx</c>); counts and runs over working days are computed in C# with the
    /// region calendars (<see cref="TksRuns"/>). Same parameters.
    /// </summary>
    public const string TksDays = Head + "\n" + """
        dummy as (select 1)
        select d.nip as Nip, d.day as Day
        from employee_day d
        join emp e on e.nip = d.nip
        where d.attendance_status = 'tanpa_keterangan'
          and d.day >= @yearStart::date and d.day < e.ytd_end
        """;

    /// <summary>
    /// The population's row of each region's local today in <c>employee_day</c> (filed: at least one
    /// activity; the latest attendance status): what the live boards count as "today". Same parameters
    /// plus <c>@todays</c> (per region, aligned with <c>@regionIds</c>).
    /// </summary>
    public const string Today = Head + "\n" + """
        dummy as (select 1)
        select d.nip as Nip, d.activity_count > 0 as Filed, d.attendance_status as Status
        from employee_day d
        join emp e on e.nip = d.nip
        join unnest(@regionIds::text[], @todays::date[]) as t(region_id, today) on t.region_id = e.region_id
        where d.day = t.today
        """;

    internal const string HeadSql = Head;

    /// <summary>
    /// <see cref="Head"/> for the active employees of <c>@nips</c> alone (the live model's cheap read,
    /// <see cref="LiveSignatureSql.ForNips"/>): no <c>(@x is null or …)</c> guards, whose generic plan could not use
    /// the primary key, and only the columns the signature reads.
    /// </summary>
    internal const string NipsHeadSql = """
        with emp as not materialized (
            select e.nip, e.unit_id, u.region_id, e.active, r.ytd_end
            from employee e
            join unit u on u.id = e.unit_id
            join unnest(@regionIds::text[], @ytdEnds::date[]) as r(region_id, ytd_end) on r.region_id = u.region_id
            where e.nip = any(@nips::bpchar[]) and e.active
        ),
        """;

    private const string Head = """
        with emp as not materialized (
            select e.nip, e.unit_id, u.region_id, e.status, e.position, e.active, e.tpp_ceiling, r.ytd_end
            from employee e
            join unit u on u.id = e.unit_id
            join unnest(@regionIds::text[], @ytdEnds::date[]) as r(region_id, ytd_end) on r.region_id = u.region_id
            where (@region::text is null or u.region_id = @region::text)
              and (@unit::text is null or e.unit_id = @unit::text)
              and (@nips::bpchar[] is null or e.nip = any(@nips::bpchar[]))
              and (@includeInactive or e.active)
        ),
        """;

    /// <summary>Period totals from the month rollup (month, quarter, year: whole months).</summary>
    private const string PerMonths = $"""
        per as (
            select m.nip,
                   sum(m.minutes_approved)::int as approved,
                   sum(m.minutes_pending)::int as pending,
                   sum(m.minutes_rejected)::int as rejected,
                   sum(m.activity_days)::int as activity_days,
                   sum(m.hadir)::int as hadir,
                   sum(m.terlambat)::int as terlambat,
                   sum(m.izin)::int as izin,
                   sum(m.sakit)::int as sakit,
                   sum(m.cuti)::int as cuti,
                   sum(m.dinas_luar)::int as dinas_luar,
                   sum(m.tanpa_keterangan)::int as tks,
                   sum(m.late_minutes)::int as late_minutes
        {AttendanceDetailSql.MonthSums}
            from employee_month m
            where m.month >= @start::date and m.month < @end::date
              /*in-population*/ and m.nip in (select nip from emp)
            group by m.nip
        ),
        """;

    /// <summary>Period totals from the day rollup (a single local day).</summary>
    private const string PerDays = $"""
        per as (
            select d.nip,
                   sum(d.minutes_approved)::int as approved,
                   sum(d.minutes_pending)::int as pending,
                   sum(d.minutes_rejected)::int as rejected,
                   count(*) filter (where d.activity_count > 0)::int as activity_days,
                   count(*) filter (where d.attendance_status = 'hadir')::int as hadir,
                   count(*) filter (where d.attendance_status = 'terlambat')::int as terlambat,
                   count(*) filter (where d.attendance_status = 'izin')::int as izin,
                   count(*) filter (where d.attendance_status = 'sakit')::int as sakit,
                   count(*) filter (where d.attendance_status = 'cuti')::int as cuti,
                   count(*) filter (where d.attendance_status = 'dinas_luar')::int as dinas_luar,
                   count(*) filter (where d.attendance_status = 'tanpa_keterangan')::int as tks,
                   sum(d.late_minutes)::int as late_minutes
        {AttendanceDetailSql.DayCounts}
            from employee_day d
            where d.day >= @start::date and d.day < @end::date
              /*in-population*/ and d.nip in (select nip from emp)
            group by d.nip
        ),
        """;

    /// <summary>
    /// The rules' levels the statement reads, as CTEs over <c>emp</c>: <c>lvl</c> (the held period's ratings and predicate)
    /// and <c>hist</c> (per predicate a bit mask of the previous periods), joined by <see cref="LevelCteJoins"/>. The live
    /// model's cheap read (<see cref="LiveSignatureSql"/>) takes the same values to compare them with the held row.
    /// </summary>
    internal const string LevelCtes = """
        lvl as (
            select l.nip, l.rating_hasil_kerja, l.rating_perilaku, l.predikat
            from employee_period_level l
            where l.period = @periodKey
              /*in-population*/ and l.nip in (select nip from emp)
        ),
        hist as (
            select l.nip,
        """ + "\n" + HistoryMasks + "\n" + """
            from employee_period_level l
            join unnest(@prevKeys::text[]) with ordinality as k(period, ord) on k.period = l.period
            where true
              /*in-population*/ and l.nip in (select nip from emp)
            group by l.nip
        )
        """;

    /// <summary>The joins of <see cref="LevelCtes"/> to <c>emp e</c>: <c>lv</c> and <c>h</c>.</summary>
    internal const string LevelCteJoins = """
        left join lvl lv on lv.nip = e.nip
        left join hist h on h.nip = e.nip
        """;

    /// <summary>
    /// The same levels as <see cref="LevelCtes"/> and <see cref="LevelCteJoins"/>, <c>lv</c> and <c>h</c>, looked up per
    /// employee of <c>emp e</c> by the level table's key: for a few employees (a change's read) this is a third of the
    /// statement's execution cheaper than CTEs that join the population again; for a whole region the CTEs' one pass is.
    /// </summary>
    internal const string LevelLaterals = """
        left join employee_period_level lv on lv.nip = e.nip and lv.period = @periodKey
        left join lateral (
            select
        """ + "\n" + HistoryMasks + "\n" + """
            from employee_period_level l
            join unnest(@prevKeys::text[]) with ordinality as k(period, ord) on k.period = l.period
            where l.nip = e.nip
        ) h on true
        """;

    /// <summary>
    /// Per predicate a bit mask of the previous periods (bit 0 = the period just before) that had it, over the level rows
    /// <c>l</c> joined to <c>@prevKeys</c> <c>k</c>; the previous predicate and its run of consecutive periods follow from
    /// the masks (SnapshotMapper).
    /// </summary>
    private const string HistoryMasks = """
                   coalesce(bit_or(1 << (k.ord::int - 1)) filter (where l.predikat = 'SANGAT_BAIK'), 0) as sb_mask,
                   coalesce(bit_or(1 << (k.ord::int - 1)) filter (where l.predikat = 'BAIK'), 0) as b_mask,
                   coalesce(bit_or(1 << (k.ord::int - 1)) filter (where l.predikat = 'BUTUH_PERBAIKAN'), 0) as bp_mask,
                   coalesce(bit_or(1 << (k.ord::int - 1)) filter (where l.predikat = 'KURANG_MISCONDUCT'), 0) as k_mask,
                   coalesce(bit_or(1 << (k.ord::int - 1)) filter (where l.predikat = 'SANGAT_KURANG'), 0) as sk_mask
        """;

    private const string Tail = SkpFactsSql.Ctes + "\n" + OfficerSurveyFactsSql.Ctes + "\n" + LevelCtes + "\n" + """
        select e.nip as Nip, e.unit_id as UnitId, e.region_id as RegionId, e.status as Status,
               e.position as Position, e.active as Active, e.tpp_ceiling as TppCeiling,
               coalesce(p.approved, 0) as MinutesApproved, coalesce(p.pending, 0) as MinutesPending,
               coalesce(p.rejected, 0) as MinutesRejected, coalesce(p.activity_days, 0) as ActivityDays,
               coalesce(p.hadir, 0) as Hadir, coalesce(p.terlambat, 0) as Terlambat, coalesce(p.izin, 0) as Izin,
               coalesce(p.sakit, 0) as Sakit, coalesce(p.cuti, 0) as Cuti, coalesce(p.dinas_luar, 0) as DinasLuar,
               coalesce(p.tks, 0) as Tks, coalesce(p.late_minutes, 0) as LateMinutes,
               lv.rating_hasil_kerja as RatingHasilKerja, lv.rating_perilaku as RatingPerilaku, lv.predikat as Predikat,
               coalesce(h.sb_mask, 0) as SangatBaikMask, coalesce(h.b_mask, 0) as BaikMask,
               coalesce(h.bp_mask, 0) as ButuhPerbaikanMask, coalesce(h.k_mask, 0) as KurangMisconductMask,
               coalesce(h.sk_mask, 0) as SangatKurangMask
        """ + "\n" + SkpFactsSql.Columns + "\n" + AttendanceDetailSql.Columns + "\n" + OfficerSurveyFactsSql.Columns + "\n" + """
        from emp e
        left join per p on p.nip = e.nip
        """ + "\n" + LevelCteJoins + "\n" + SkpFactsSql.Joins + "\n" + OfficerSurveyFactsSql.Joins;
}
