namespace Kinerja.Core.Indicators;

/// <summary>
/// The live model's cheap per-employee read for a change: the current month's rollup row, the row of
/// local today, and signatures of what the full employee statement derives from elsewhere (ratings of
/// the month, the TKS days of the year to date, the SKP plan,
/// realisations and assessments of the period, the officer survey respondents of the month), and the rules' levels of
/// the month and its history as the full statement reads them (<see cref="EmployeeFactsSql.LevelCtes"/>). When
/// only the activity figures moved (the common case: activities and their reviews), the live model
/// updates the employee from this row alone; otherwise it runs the full statement for that employee.
/// </summary>
internal static class LiveSignatureSql
{
    /// <summary>
    /// Parameters of <see cref="EmployeeFactsSql"/> for a month period (<c>@start</c> is the month's first
    /// day) plus <c>@todays</c>. Inactive employees are not returned unless the filter includes them. The full read's
    /// variant (any population filter, the levels from <see cref="EmployeeFactsSql.LevelCtes"/>: one pass over the
    /// level table for a whole region); a change's cheap read uses <see cref="ForNips"/>.
    /// </summary>
    public const string Query = EmployeeFactsSql.HeadSql + "\n" + EmployeeFactsSql.LevelCtes + ",\n" + Select + "\n"
        + EmployeeFactsSql.LevelCteJoins + "\n" + Laterals;

    /// <summary>
    /// The cheap read of a change: the active employees of <c>@nips</c>, the same rows as <see cref="Query"/> with a
    /// NIP filter. No <c>(@x is null or …)</c> guards, so one generic plan serves every change (the statement is
    /// prepared: <see cref="LiveSignatureCommand"/>), and the levels looked up per employee by its key
    /// (<see cref="EmployeeFactsSql.LevelLaterals"/>) rather than by CTEs that join the population again. Same
    /// parameters as <see cref="Query"/> without the filter's.
    /// </summary>
    public const string ForNips = EmployeeFactsSql.NipsHeadSql + "\n" + Select + "\n" + EmployeeFactsSql.LevelLaterals
        + "\n" + Laterals;

    /// <summary>The select list and the month's and today's rollup rows; the levels' joins (<c>lv</c>, <c>h</c>) follow.</summary>
    private const string Select = """
        dummy as (select 1)
        select
        """ + "\n" + AttendanceDetailSql.MonthFingerprint + "\n" + """
               e.nip as Nip, e.unit_id as UnitId, e.region_id as RegionId, e.active as Active,
               coalesce(m.minutes_approved, 0) as MinutesApproved, coalesce(m.minutes_pending, 0) as MinutesPending,
               coalesce(m.minutes_rejected, 0) as MinutesRejected, coalesce(m.activity_days, 0) as ActivityDays,
               coalesce(m.hadir, 0) as Hadir, coalesce(m.terlambat, 0) as Terlambat, coalesce(m.izin, 0) as Izin,
               coalesce(m.sakit, 0) as Sakit, coalesce(m.cuti, 0) as Cuti, coalesce(m.dinas_luar, 0) as DinasLuar,
               coalesce(m.tanpa_keterangan, 0) as Tks, coalesce(m.late_minutes, 0) as LateMinutes,
               d.activity_count > 0 as Filed, d.attendance_status as Status,
               coalesce(r.score_sum, 0) as RatingSum, coalesce(r.score_count, 0) as RatingCount,
               lv.rating_hasil_kerja as LevelHasilKerja, lv.rating_perilaku as LevelPerilaku, lv.predikat as LevelPredikat,
               coalesce(h.sb_mask, 0) as SangatBaikMask, coalesce(h.b_mask, 0) as BaikMask,
               coalesce(h.bp_mask, 0) as ButuhPerbaikanMask, coalesce(h.k_mask, 0) as KurangMisconductMask,
               coalesce(h.sk_mask, 0) as SangatKurangMask,
               sk.stamp as SkpStamp,
               t.days as TksDays, coalesce(t.day_sum, 0) as TksDaySum, coalesce(t.day_squares, 0) as TksDaySquares,
               coalesce(os.respondents, 0) as OfficerSurveyRespondents
        from emp e
        join unnest(@regionIds::text[], @todays::date[]) as td(region_id, today) on td.region_id = e.region_id
        left join employee_month m on m.nip = e.nip and m.month = @start::date
        left join employee_day d on d.nip = e.nip and d.day = td.today
        """;

    /// <summary>The per-employee signatures after the levels' joins: ratings, TKS days, SKP stamp, officer survey.</summary>
    private const string Laterals = """
        left join lateral (
            select sum(rr.score_sum)::bigint as score_sum, sum(rr.score_count)::bigint as score_count
            from rating_rollup rr
            where rr.subject_kind = 'employee' and rr.subject_id = e.nip::text and rr.period = any(@monthKeys)
        ) r on true
        left join lateral (
            select count(*)::bigint as days, sum(x.day - date '2000-01-01')::bigint as day_sum,
                   sum(((x.day - date '2000-01-01')::bigint) * (x.day - date '2000-01-01'))::bigint as day_squares
            from employee_day x
            where x.nip = e.nip and x.attendance_status = 'tanpa_keterangan'
              and x.day >= @yearStart::date and x.day < e.ytd_end
        ) t on true
        left join lateral (
            -- SKP changes that move the plan fields: a plan saved or decided, a realisation, an assessment
            select greatest(
                (select max(greatest(sp.saved_at, sp.decided_at)) from skp_plan sp where sp.nip = e.nip and sp.year = @skpYear),
                (select max(x.assessed_at) from skp_assessment x where x.nip = e.nip and x.period = any(@skpKeys)),
                (select max(x.filed_at) from skp_realisation x where x.nip = e.nip and x.period = any(@skpKeys))) as stamp
        ) sk on true
        left join lateral (
            -- survey answers naming the employee as the officer who served (migration 0027)
            select sum(so.respondents)::bigint as respondents
            from survey_officer_rollup so
            where so.officer_nip = e.nip and so.period = any(@monthKeys)
        ) os on true
        """;
}

/// <summary>A row of <see cref="LiveSignatureSql"/>.</summary>
internal sealed class LiveSignatureRow : EmployeeMonthFigures
{
    public bool? Filed { get; set; }
    public string? Status { get; set; }
    public long RatingSum { get; set; }
    public long RatingCount { get; set; }
    public string? LevelHasilKerja { get; set; }
    public string? LevelPerilaku { get; set; }
    public string? LevelPredikat { get; set; }
    public int SangatBaikMask { get; set; }
    public int BaikMask { get; set; }
    public int ButuhPerbaikanMask { get; set; }
    public int KurangMisconductMask { get; set; }
    public int SangatKurangMask { get; set; }
    public DateTime? SkpStamp { get; set; }
    public long TksDays { get; set; }
    public long TksDaySum { get; set; }
    public long TksDaySquares { get; set; }
    /// <summary>Fingerprint of the month's attendance detail counters (migration 0030).</summary>
    public long AttendanceDetail { get; set; }

    public long OfficerSurveyRespondents { get; set; }

    /// <summary>What besides activity figures the full statement reads; equal signatures mean those parts did not change.</summary>
    public LiveSignature Signature => new(UnitId, RegionId, Active, Hadir, Terlambat, Izin, Sakit, Cuti, DinasLuar, Tks,
        LateMinutes, RatingSum, RatingCount, TksDays, TksDaySum, TksDaySquares, SkpStamp, AttendanceDetail,
        OfficerSurveyRespondents);

    /// <summary>
    /// Copies the rules' levels this read found into <paramref name="row"/>: the held period's ratings and predicate and
    /// the predicate history masks, the same values the full statement reads (<see cref="EmployeeFactsSql.LevelCtes"/>).
    /// The levels are not part of <see cref="Signature"/>: a change of levels alone (stored by the rules, perhaps not yet
    /// taken from <c>kinerja_levels</c>) is applied from this read, without the full one.
    /// </summary>
    public void CopyLevelsTo(EmployeeFactsRow row)
    {
        (row.RatingHasilKerja, row.RatingPerilaku, row.Predikat) = (LevelHasilKerja, LevelPerilaku, LevelPredikat);
        (row.SangatBaikMask, row.BaikMask, row.ButuhPerbaikanMask, row.KurangMisconductMask, row.SangatKurangMask)
            = (SangatBaikMask, BaikMask, ButuhPerbaikanMask, KurangMisconductMask, SangatKurangMask);
    }

    /// <summary>The employee's row of today, or null when there is none.</summary>
    public EmployeeToday? Today => Filed is null && Status is null ? null : new EmployeeToday(Nip, Filed ?? false, Status);
}

/// <summary>
/// Unit, activity-independent month figures and the fingerprints of ratings and TKS days (the rules'
/// levels are read as values and copied: <see cref="LiveSignatureRow.CopyLevelsTo"/>).
/// </summary>
internal sealed record LiveSignature(string UnitId, string RegionId, bool Active, int Hadir, int Terlambat, int Izin, int Sakit,
    int Cuti, int DinasLuar, int Tks, int LateMinutes, long RatingSum, long RatingCount, long TksDays,
    long TksDaySum, long TksDaySquares, DateTime? SkpStamp = null, long AttendanceDetail = 0, long OfficerSurveyRespondents = 0);
