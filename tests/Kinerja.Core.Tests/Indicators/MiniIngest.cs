using Dapper;
using Kinerja.Core.Domain;
using Npgsql;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// A stand-in for the ingest writer (built elsewhere): stores one raw event idempotently and keeps
/// the rollups in the same transaction, incrementally — exactly what the indicators rely on.
/// </summary>
internal sealed class MiniIngest(NpgsqlDataSource db, IReadOnlyDictionary<string, RegionClock> clockOfNip)
{
    public async Task ActivityAsync(Guid id, string nip, DateTimeOffset at, int minutes)
    {
        var day = clockOfNip[nip].LocalDay(at);
        await InTransactionAsync(async (conn, tx) =>
        {
            await EnsureMonthAsync(conn, tx, day);
            var inserted = await conn.ExecuteAsync("""
                with reg as (insert into event_registry (event_id, stream) values (@id, 'a') on conflict do nothing returning event_id)
                insert into activity (event_id, nip, occurred_at, local_day, minutes)
                select event_id, @nip, @at, @day, @minutes from reg
                """, new { id, nip, at = at.ToUniversalTime(), day, minutes }, tx);
            if (inserted == 1)
            {
                await conn.ExecuteAsync("""
                    insert into employee_day (nip, day, activity_count, minutes_pending) values (@nip, @day, 1, @minutes)
                    on conflict (nip, day) do update set activity_count = employee_day.activity_count + 1,
                        minutes_pending = employee_day.minutes_pending + excluded.minutes_pending
                    """, new { nip, day, minutes }, tx);
            }
        });
    }

    public async Task ReviewAsync(Guid id, Guid activityId, bool approved, DateTimeOffset at)
    {
        await InTransactionAsync(async (conn, tx) =>
        {
            var inserted = await conn.ExecuteAsync("""
                with reg as (insert into event_registry (event_id, stream) values (@id, 'v') on conflict do nothing returning event_id)
                insert into activity_review (event_id, activity_event_id, activity_day, approved, reviewer_nip, at)
                select reg.event_id, a.event_id, a.local_day, @approved, '196001011990011001', @at
                from reg join activity a on a.event_id = @activityId
                """, new { id, activityId, approved, at = at.ToUniversalTime() }, tx);
            if (inserted == 0)
            {
                return;
            }
            // the verdict is the latest review's; move the minutes when it changed
            await conn.ExecuteAsync("""
                with a as (
                    select event_id, nip, local_day, minutes, status as old_status,
                           (select case when r.approved then 'approved' else 'rejected' end from activity_review r
                            where r.activity_event_id = activity.event_id order by r.at desc, r.event_id desc limit 1) as new_status
                    from activity where event_id = @activityId
                ), upd as (
                    update activity set status = a.new_status from a
                    where activity.event_id = a.event_id and a.new_status <> a.old_status
                    returning a.*
                )
                update employee_day d set
                    minutes_pending = d.minutes_pending - case when upd.old_status = 'pending' then upd.minutes else 0 end,
                    minutes_approved = d.minutes_approved + case when upd.new_status = 'approved' then upd.minutes
                                                                 when upd.old_status = 'approved' then -upd.minutes else 0 end,
                    minutes_rejected = d.minutes_rejected + case when upd.new_status = 'rejected' then upd.minutes
                                                                 when upd.old_status = 'rejected' then -upd.minutes else 0 end
                from upd where d.nip = upd.nip and d.day = upd.local_day
                """, new { activityId }, tx);
        });
    }

    public async Task AttendanceAsync(Guid id, string nip, DateOnly day, string status, int late, int earlyLeave = 0,
        bool? apel = null, string? leaveType = null)
    {
        await InTransactionAsync(async (conn, tx) =>
        {
            await EnsureMonthAsync(conn, tx, day);
            var inserted = await conn.ExecuteAsync("""
                with reg as (insert into event_registry (event_id, stream) values (@id, 't') on conflict do nothing returning event_id)
                insert into attendance (event_id, nip, day, status, late_minutes, early_leave_minutes, apel, leave_type)
                select event_id, @nip, @day, @status, @late, @earlyLeave, @apel, @leaveType from reg
                """, new { id, nip, day, status, late, earlyLeave, apel, leaveType }, tx);
            if (inserted == 1)
            {
                await conn.ExecuteAsync("""
                    insert into employee_day (nip, day, attendance_status, late_minutes, early_leave_minutes, apel, leave_type)
                    values (@nip, @day, @status, @late, @earlyLeave, @apel, @leaveType)
                    on conflict (nip, day) do update set attendance_status = excluded.attendance_status,
                        late_minutes = excluded.late_minutes, early_leave_minutes = excluded.early_leave_minutes,
                        apel = excluded.apel, leave_type = excluded.leave_type
                    """, new { nip, day, status, late, earlyLeave, apel, leaveType }, tx);
            }
        });
    }

    public async Task RatingAsync(Guid id, string nip, string role, string aspect, int score, string period, DateTimeOffset at)
    {
        await InTransactionAsync(async (conn, tx) =>
        {
            await EnsureMonthAsync(conn, tx, DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            var inserted = await conn.ExecuteAsync("""
                with reg as (insert into event_registry (event_id, stream) values (@id, 'r') on conflict do nothing returning event_id)
                insert into rating (event_id, ratee_nip, rater_role, aspect, score, period, occurred_at)
                select event_id, @nip, @role, @aspect, @score, @period, @at from reg
                """, new { id, nip, role, aspect, score, period, at = at.ToUniversalTime() }, tx);
            if (inserted == 1)
            {
                await conn.ExecuteAsync("""
                    insert into rating_rollup (subject_kind, subject_id, period, rater_role, aspect, score_sum, score_count)
                    values ('employee', @nip, @period, @role, @aspect, @score, 1)
                    on conflict (subject_kind, subject_id, period, rater_role, aspect) do update set
                        score_sum = rating_rollup.score_sum + excluded.score_sum,
                        score_count = rating_rollup.score_count + 1
                    """, new { nip, role, aspect, score, period }, tx);
            }
        });
    }

    /// <summary>The stream tables are partitioned by month (migration 0006); the writer creates months on demand too.</summary>
    private static Task EnsureMonthAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DateOnly day) =>
        conn.ExecuteScalarAsync("select stream_partitions_ensure(@day)", new { day }, tx);

    private async Task InTransactionAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> work)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await work(conn, tx);
        await tx.CommitAsync();
    }
}
