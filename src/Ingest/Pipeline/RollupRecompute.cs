namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// What the writer maintains incrementally — <c>activity.status</c>, <c>employee_day</c> and <c>rating_rollup</c> —
/// computed from the raw streams alone: these queries return the from-scratch rows so tests and checks can compare
/// them with the incremental ones (the rollup property test does).
/// </summary>
public static class RollupRecompute
{
    /// <summary>
    /// Status of every activity: <c>withdrawn</c> when a withdrawal names it (migration 0018), else from its reviews:
    /// the latest by <c>at</c>, then by <c>event_id</c>.
    /// </summary>
    public const string ActivityStatusSql = """
        select a.event_id,
               case when exists (select 1 from activity_withdrawal w where w.activity_event_id = a.event_id) then 'withdrawn'
               else coalesce((select case when r.approved then 'approved' else 'rejected' end
                         from activity_review r
                         where r.activity_event_id = a.event_id and r.activity_day = a.local_day
                         order by r.at desc, r.event_id desc
                         limit 1), 'pending') end as status
        from activity a
        """;

    /// <summary>
    /// employee_day from activity (+ derived status; withdrawn ones count nowhere) and attendance (latest by arrival,
    /// <c>seq</c>).
    /// </summary>
    public const string EmployeeDaySql = $"""
        with st as ({ActivityStatusSql}),
        act as (
            select a.nip, a.local_day as day, count(*)::int as activity_count,
                   coalesce(sum(a.minutes) filter (where s.status = 'pending'), 0)::int as minutes_pending,
                   coalesce(sum(a.minutes) filter (where s.status = 'approved'), 0)::int as minutes_approved,
                   coalesce(sum(a.minutes) filter (where s.status = 'rejected'), 0)::int as minutes_rejected
            from activity a join st s on s.event_id = a.event_id
            where s.status <> 'withdrawn'
            group by a.nip, a.local_day
        ), att as (
            select distinct on (nip, day) nip, day, status, late_minutes, early_leave_minutes, apel, leave_type
            from attendance
            order by nip, day, seq desc
        )
        select coalesce(act.nip, att.nip) as nip, coalesce(act.day, att.day) as day,
               coalesce(act.activity_count, 0) as activity_count,
               coalesce(act.minutes_pending, 0) as minutes_pending,
               coalesce(act.minutes_approved, 0) as minutes_approved,
               coalesce(act.minutes_rejected, 0) as minutes_rejected,
               att.status as attendance_status,
               coalesce(att.late_minutes, 0) as late_minutes,
               coalesce(att.early_leave_minutes, 0) as early_leave_minutes,
               att.apel as apel,
               att.leave_type as leave_type
        from act full join att on att.nip = act.nip and att.day = act.day
        """;

    public const string RatingRollupSql = """
        select case when ratee_nip is not null then 'employee' else 'unit' end as subject_kind,
               coalesce(ratee_nip::text, unit_id) as subject_id, period, rater_role, aspect,
               sum(score)::bigint as score_sum, count(*)::int as score_count
        from rating
        group by 1, 2, 3, 4, 5
        """;
}
