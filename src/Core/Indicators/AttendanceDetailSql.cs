namespace Kinerja.Core.Indicators;

/// <summary>
/// The attendance detail of a period (migration 0030): days per lateness band (1-30, 31-60, 61-90, over 90 minutes
/// late), early-leave days and minutes, missed morning assemblies (<c>apel</c> recorded false) and days per leave type.
/// Fragments of the <c>per</c> aggregate of <see cref="EmployeeFactsSql"/> and the <c>att_period</c> aggregate of
/// <see cref="RawRecomputeSql"/>, so both read the same figures without a per-employee query.
/// </summary>
internal static class AttendanceDetailSql
{
    /// <summary>Sums of the <c>employee_month</c> counters (alias <c>m</c>); appended to a select list.</summary>
    public const string MonthSums = """
                   , sum(m.late_days_1_30)::int as late_1_30, sum(m.late_days_31_60)::int as late_31_60,
                   sum(m.late_days_61_90)::int as late_61_90, sum(m.late_days_over_90)::int as late_over_90,
                   sum(m.early_leave_days)::int as early_leave_days, sum(m.early_leave_minutes)::int as early_leave_minutes,
                   sum(m.apel_missed_days)::int as apel_missed,
                   sum(m.leave_tahunan)::int as leave_tahunan, sum(m.leave_besar)::int as leave_besar,
                   sum(m.leave_sakit)::int as leave_sakit, sum(m.leave_melahirkan)::int as leave_melahirkan,
                   sum(m.leave_alasan_penting)::int as leave_alasan_penting, sum(m.leave_bersama)::int as leave_bersama,
                   sum(m.leave_luar_tanggungan)::int as leave_luar_tanggungan, sum(m.leave_izin)::int as leave_izin
        """;

    /// <summary>
    /// Counts over day rows with the columns <c>late_minutes</c>, <c>early_leave_minutes</c>, <c>apel</c> and
    /// <c>leave_type</c> (<c>employee_day</c>, or the latest attendance per day); appended to a select list.
    /// </summary>
    public const string DayCounts = """
                   , count(*) filter (where late_minutes between 1 and 30)::int as late_1_30,
                   count(*) filter (where late_minutes between 31 and 60)::int as late_31_60,
                   count(*) filter (where late_minutes between 61 and 90)::int as late_61_90,
                   count(*) filter (where late_minutes > 90)::int as late_over_90,
                   count(*) filter (where early_leave_minutes > 0)::int as early_leave_days,
                   coalesce(sum(early_leave_minutes), 0)::int as early_leave_minutes,
                   count(*) filter (where apel is false)::int as apel_missed,
                   count(*) filter (where leave_type = 'tahunan')::int as leave_tahunan,
                   count(*) filter (where leave_type = 'besar')::int as leave_besar,
                   count(*) filter (where leave_type = 'sakit')::int as leave_sakit,
                   count(*) filter (where leave_type = 'melahirkan')::int as leave_melahirkan,
                   count(*) filter (where leave_type = 'alasan_penting')::int as leave_alasan_penting,
                   count(*) filter (where leave_type = 'bersama')::int as leave_bersama,
                   count(*) filter (where leave_type = 'luar_tanggungan')::int as leave_luar_tanggungan,
                   count(*) filter (where leave_type = 'izin')::int as leave_izin
        """;

    /// <summary>The final select's columns from the period aggregate (alias <c>p</c>), named as <see cref="EmployeeFactsRow"/>.</summary>
    public const string Columns = """
               , coalesce(p.late_1_30, 0) as LateDays1To30, coalesce(p.late_31_60, 0) as LateDays31To60,
               coalesce(p.late_61_90, 0) as LateDays61To90, coalesce(p.late_over_90, 0) as LateDaysOver90,
               coalesce(p.early_leave_days, 0) as EarlyLeaveDays, coalesce(p.early_leave_minutes, 0) as EarlyLeaveMinutes,
               coalesce(p.apel_missed, 0) as ApelMissedDays,
               coalesce(p.leave_tahunan, 0) as LeaveDaysTahunan, coalesce(p.leave_besar, 0) as LeaveDaysBesar,
               coalesce(p.leave_sakit, 0) as LeaveDaysSakit, coalesce(p.leave_melahirkan, 0) as LeaveDaysMelahirkan,
               coalesce(p.leave_alasan_penting, 0) as LeaveDaysAlasanPenting, coalesce(p.leave_bersama, 0) as LeaveDaysBersama,
               coalesce(p.leave_luar_tanggungan, 0) as LeaveDaysLuarTanggungan, coalesce(p.leave_izin, 0) as IzinDays
        """;

    /// <summary>
    /// A fingerprint of the month row's detail counters for the live model's signature (<see cref="LiveSignatureSql"/>):
    /// a change of lateness band, early leave, apel or leave type without a status change must still refresh the employee.
    /// Each counter is taken as 0 when missing (no month row yet, or a column not filled), as the snapshot reads it
    /// (<see cref="Columns"/>), so a month row appearing with zero counters (the month's first activity) is no change.
    /// </summary>
    public const string MonthFingerprint = """
               hashtextextended(row(coalesce(m.late_days_1_30, 0), coalesce(m.late_days_31_60, 0),
                   coalesce(m.late_days_61_90, 0), coalesce(m.late_days_over_90, 0), coalesce(m.early_leave_days, 0),
                   coalesce(m.early_leave_minutes, 0), coalesce(m.apel_missed_days, 0), coalesce(m.leave_tahunan, 0),
                   coalesce(m.leave_besar, 0), coalesce(m.leave_sakit, 0), coalesce(m.leave_melahirkan, 0),
                   coalesce(m.leave_alasan_penting, 0), coalesce(m.leave_bersama, 0),
                   coalesce(m.leave_luar_tanggungan, 0), coalesce(m.leave_izin, 0))::text, 0)
                   as AttendanceDetail,
        """;
}
