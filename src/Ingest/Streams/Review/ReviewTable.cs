using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Review;

/// <summary>
/// The <c>activity_review</c> stream table as the writer fills it: the columns it writes and one binary COPY row
/// per review, COPYed into a session staging table and merged with the activity status and day rollup
/// (<see cref="MergeSql"/>). <c>activity_day</c> (the partition key) is the reviewed activity's stored local day,
/// which the writer check looks up (<see cref="ReviewCheck"/>). Registered after activities: its partitions'
/// foreign key needs the activity ones, and its check reads the activities the same batch chose.
/// </summary>
internal sealed class ReviewTable : StreamTable<PreparedReview>
{
    public const string TableName = "activity_review";

    /// <summary>The columns the writer fills, in <see cref="WriteRow"/> order.</summary>
    public const string Columns = "event_id, activity_event_id, activity_day, approved, reviewer_nip, at, note";

    private const string Stage = "ingest_stage_review";

    /// <summary>
    /// New reviews (<c>$1</c>: the days of the reviewed activities, a <c>date[]</c> holding every <c>activity_day</c> of
    /// the staged rows; it only narrows the partitions read, PostgreSQL 15 otherwise plans and locks every month kept);
    /// each touched activity takes the verdict of its latest review (by <c>at</c>, then
    /// <c>event_id</c>) among stored and new ones, and its minutes move between the day's buckets.
    /// </summary>
    public const string MergeSql = $"""
        with ins as (
            insert into {TableName} ({Columns})
            select {Columns} from {Stage}
            returning event_id, activity_event_id, activity_day, approved, at
        ), cand as (
            select activity_event_id, activity_day, approved, at, event_id from ins
            union all
            select r.activity_event_id, r.activity_day, r.approved, r.at, r.event_id
            from activity_review r
            where r.activity_day = any($1) and (r.activity_event_id, r.activity_day) in (select activity_event_id, activity_day from ins)
        ), latest as (
            select distinct on (activity_event_id) activity_event_id, activity_day,
                   case when approved then 'approved' else 'rejected' end as status
            from cand
            order by activity_event_id, at desc, event_id desc
        ), chg as (
            select a.event_id, a.nip, a.local_day, a.minutes, a.status as old_status, l.status as new_status
            from activity a join latest l on l.activity_event_id = a.event_id and l.activity_day = a.local_day
            where a.local_day = any($1) and a.status <> l.status and a.status <> 'withdrawn'
        ), upd as (
            update activity a set status = c.new_status
            from chg c
            where a.local_day = any($1) and a.event_id = c.event_id and a.local_day = c.local_day
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

    public static readonly ReviewTable Instance = new();

    private ReviewTable()
    {
    }

    public override string Name => TableName;

    public override char RegistryCode => 'v';

    public override bool Partitioned => true;

    public override string Staging => StagingLike(Stage, TableName, Columns);

    public override string Copy => BinaryCopy(Stage, Columns);

    public override string Merge => MergeSql;

    /// <summary>The merge with <c>$1</c> the reviewed activities' days: only their partitions are planned and locked.</summary>
    public override NpgsqlBatchCommand MergeCommand(IReadOnlyList<Entry<PreparedReview>> rows) =>
        WithDays(MergeSql, rows.Select(r => r.Item.ActivityDay));

    /// <summary>After the activities: a review may name an activity the same batch chose.</summary>
    public override int CheckOrder => 1;

    public override StreamCheck Check(StreamPart<PreparedReview> part, WorkSet batch, ReferenceData refs) =>
        new ReviewCheck(part, batch, refs);

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedReview review)
    {
        var r = review.Item;
        copy.StartRow();
        copy.Write(r.EventId, NpgsqlDbType.Uuid);
        copy.Write(r.ActivityEventId, NpgsqlDbType.Uuid);
        copy.Write(review.ActivityDay, NpgsqlDbType.Date);
        copy.Write(r.Approved, NpgsqlDbType.Boolean);
        copy.Write(r.ReviewerNip, NpgsqlDbType.Char);
        copy.Write(r.At.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        copy.WriteNullable(r.Note);
    }
}
