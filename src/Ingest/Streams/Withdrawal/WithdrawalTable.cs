using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Withdrawal;

/// <summary>
/// The <c>activity_withdrawal</c> stream table (migration 0018): one binary COPY row per withdrawal into a session
/// staging table, merged with the activity status (<c>withdrawn</c>) and the day rollup (<see cref="MergeSql"/>): the
/// withdrawn minutes leave their bucket (pending or rejected) and the activity leaves the day's count, in the batch's
/// transaction. Not partitioned; registered after reviews: its check reads the reviews the same batch chose, and its
/// merge runs after theirs. Never overlaps (<see cref="StreamTable.Overlaps"/>): a batch holding a withdrawal is
/// written serially.
/// </summary>
internal sealed class WithdrawalTable : StreamTable<PreparedWithdrawal>
{
    public const string TableName = "activity_withdrawal";

    /// <summary>The columns the writer fills, in <see cref="WriteRow"/> order.</summary>
    public const string Columns = "event_id, activity_event_id, activity_day, nip, replaced_by, occurred_at";

    private const string Stage = "ingest_stage_withdrawal";

    /// <summary>
    /// New withdrawals (<c>$1</c>: the days of the withdrawn activities, a <c>date[]</c> holding every
    /// <c>activity_day</c> of the staged rows, which only narrows the partitions read); each withdrawn activity becomes <c>withdrawn</c> and its minutes and count leave the day's
    /// rollup (<c>employee_month</c> follows by its trigger); a day left with nothing (no activity, no attendance) is
    /// deleted, as if the activity had never come, so the rollup equals its from-scratch recompute. The writer check locked the activities and chose only
    /// pending or returned ones; the status condition keeps the rollup right even so.
    /// </summary>
    public const string MergeSql = $"""
        with ins as (
            insert into {TableName} ({Columns})
            select {Columns} from {Stage}
            returning activity_event_id, activity_day
        ), chg as (
            select a.event_id, a.nip, a.local_day, a.minutes, a.status as old_status
            from activity a join ins i on i.activity_event_id = a.event_id and i.activity_day = a.local_day
            where a.local_day = any($1) and a.status in ('pending', 'rejected')
        ), upd as (
            update activity a set status = 'withdrawn'
            from chg c
            where a.local_day = any($1) and a.event_id = c.event_id and a.local_day = c.local_day
            returning c.nip, c.local_day, c.minutes, c.old_status
        ), delta as (
            select nip, local_day, count(*)::int as n,
                   sum(case when old_status = 'pending' then minutes else 0 end)::int as d_pending,
                   sum(case when old_status = 'rejected' then minutes else 0 end)::int as d_rejected
            from upd
            group by nip, local_day
        ), emptied as (
            select d.nip, d.day from employee_day d join delta x on d.nip = x.nip and d.day = x.local_day
            where d.activity_count = x.n and d.minutes_pending = x.d_pending and d.minutes_rejected = x.d_rejected
              and d.minutes_approved = 0 and d.attendance_status is null and d.late_minutes = 0
        ), upd_day as (
            update employee_day d
            set activity_count = d.activity_count - x.n,
                minutes_pending = d.minutes_pending - x.d_pending,
                minutes_rejected = d.minutes_rejected - x.d_rejected
            from delta x
            where d.nip = x.nip and d.day = x.local_day and (d.nip, d.day) not in (select nip, day from emptied)
        )
        delete from employee_day d using emptied e where d.nip = e.nip and d.day = e.day
        """;

    public static readonly WithdrawalTable Instance = new();

    private WithdrawalTable()
    {
    }

    public override string Name => TableName;

    public override char RegistryCode => 'w';

    public override string Staging => StagingLike(Stage, TableName, Columns);

    public override string Copy => BinaryCopy(Stage, Columns);

    public override string Merge => MergeSql;

    /// <summary>The merge with <c>$1</c> the withdrawn activities' days: only their partitions are planned and locked.</summary>
    public override NpgsqlBatchCommand MergeCommand(IReadOnlyList<Entry<PreparedWithdrawal>> rows) =>
        WithDays(MergeSql, rows.Select(r => r.Item.ActivityDay));

    /// <summary>After activities and reviews: a withdrawal may name an activity the same batch chose, or one it reviews.</summary>
    public override int CheckOrder => 2;

    public override StreamCheck Check(StreamPart<PreparedWithdrawal> part, WorkSet batch, ReferenceData refs) =>
        new WithdrawalCheck(part, batch);

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedWithdrawal withdrawal)
    {
        var w = withdrawal.Item;
        copy.StartRow();
        copy.Write(w.EventId, NpgsqlDbType.Uuid);
        copy.Write(w.ActivityEventId, NpgsqlDbType.Uuid);
        copy.Write(withdrawal.ActivityDay, NpgsqlDbType.Date);
        copy.Write(w.Nip, NpgsqlDbType.Char);
        if (w.ReplacedBy is { } replacedBy)
        {
            copy.Write(replacedBy, NpgsqlDbType.Uuid);
        }
        else
        {
            copy.WriteNull();
        }
        copy.Write(w.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
    }
}
