using Kinerja.Ingest.Streams.Attendance;
using Kinerja.Ingest.Streams.Rating;
using Kinerja.Ingest.Streams.Review;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// Staging → stream merges of reviews, attendance and ratings, whose rollups need the stored rows: each inserts the
/// staged rows (their ids were claimed in <see cref="EventRegistry"/> in the same transaction) and updates its
/// rollups from those rows only. Activities need no merge: they are COPYed straight into their table and their day
/// rollup comes from in-memory sums (<see cref="DayRollup"/>). <see cref="RollupRecompute"/> holds the from-scratch
/// equivalent. Also the read queries of the writer checks.
/// </summary>
internal static class MergeSql
{
    /// <summary>
    /// New reviews; each touched activity takes the verdict of its latest review (by <c>at</c>, then
    /// <c>event_id</c>) among stored and new ones, and its minutes move between the day's buckets.
    /// </summary>
    public const string Review = $"""
        with ins as (
            insert into {ReviewTable.Name} ({ReviewTable.Columns})
            select {ReviewTable.Columns} from {StagingSql.Review}
            returning event_id, activity_event_id, activity_day, approved, at
        ), cand as (
            select activity_event_id, activity_day, approved, at, event_id from ins
            union all
            select r.activity_event_id, r.activity_day, r.approved, r.at, r.event_id
            from activity_review r
            where (r.activity_event_id, r.activity_day) in (select activity_event_id, activity_day from ins)
        ), latest as (
            select distinct on (activity_event_id) activity_event_id, activity_day,
                   case when approved then 'approved' else 'rejected' end as status
            from cand
            order by activity_event_id, at desc, event_id desc
        ), chg as (
            select a.event_id, a.nip, a.local_day, a.minutes, a.status as old_status, l.status as new_status
            from activity a join latest l on l.activity_event_id = a.event_id and l.activity_day = a.local_day
            where a.status <> l.status
        ), upd as (
            update activity a set status = c.new_status
            from chg c
            where a.event_id = c.event_id and a.local_day = c.local_day
            returning c.nip, c.local_day, c.minutes, c.old_status, c.new_status
        ), delta as (
            select nip, local_day,
                   sum(case when new_status = 'pending' then minutes else 0 end
                     - case when old_status = 'pending' then minutes else 0 end) as d_pending,
                   sum(case when new_status = 'approved' then minutes else 0 end
                     - case when old_status = 'approved' then minutes else 0 end) as d_approved,
                   sum(case when new_status = 'rejected' then minutes else 0 end
                     - case when old_status = 'rejected' then minutes else 0 end) as d_rejected
            from upd
            group by nip, local_day
        )
        update employee_day d
        set minutes_pending = d.minutes_pending + x.d_pending,
            minutes_approved = d.minutes_approved + x.d_approved,
            minutes_rejected = d.minutes_rejected + x.d_rejected
        from delta x
        where d.nip = x.nip and d.day = x.local_day
        """;

    /// <summary>
    /// New attendance events in arrival order; the latest new one of each (nip, day) becomes the day's
    /// status (new rows have the highest <c>seq</c>: the single writer assigns them).
    /// </summary>
    public const string Attendance = $"""
        with ins as (
            insert into {AttendanceTable.Name} ({AttendanceTable.Columns})
            select {AttendanceTable.Columns} from {StagingSql.Attendance}
            order by ord
            returning nip, day, status, late_minutes, seq
        ), latest as (
            select distinct on (nip, day) nip, day, status, late_minutes
            from ins
            order by nip, day, seq desc
        )
        insert into employee_day as d (nip, day, attendance_status, late_minutes)
        select nip, day, status, late_minutes from latest
        on conflict (nip, day) do update
            set attendance_status = excluded.attendance_status,
                late_minutes = excluded.late_minutes
        """;

    /// <summary>New ratings add to the sums per subject, month, rater role and aspect.</summary>
    public const string Rating = $"""
        with ins as (
            insert into {RatingTable.Name} ({RatingTable.Columns})
            select {RatingTable.Columns} from {StagingSql.Rating}
            returning ratee_nip, unit_id, rater_role, aspect, score, period
        )
        insert into rating_rollup as r (subject_kind, subject_id, period, rater_role, aspect, score_sum, score_count)
        select case when ratee_nip is not null then 'employee' else 'unit' end,
               coalesce(ratee_nip::text, unit_id), period, rater_role, aspect, sum(score), count(*)
        from ins
        group by 1, 2, 3, 4, 5
        on conflict (subject_kind, subject_id, period, rater_role, aspect) do update
            set score_sum = r.score_sum + excluded.score_sum,
                score_count = r.score_count + excluded.score_count
        """;

    /// <summary>Stored (non-rejected) minutes per (nip, day) for the daily-maximum check (one primary-key probe per key).</summary>
    public const string DayTotals = """
        select k.nip, k.day, d.total
        from unnest($1::text[], $2::date[]) as k(nip, day)
        cross join lateral (
            select e.minutes_pending + e.minutes_approved as total
            from employee_day e
            where e.nip = k.nip::bpchar and e.day = k.day
        ) d
        """;

    /// <summary>Owners and local days (the review's partition key) of stored activities that reviews point at.</summary>
    public const string ActivityOwners = """
        select event_id, nip::text, local_day from activity where event_id = any($1)
        """;

    /// <summary>Which of these activity ids are already stored (in any month).</summary>
    public const string ExistingActivities = """
        select event_id from event_registry where stream = 'a' and event_id = any($1)
        """;
}
