using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams.Activity;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Review;

/// <summary>
/// The writer checks of a batch's reviews: a review names a known activity (stored, or chosen by the same batch),
/// whose employee the reviewer supervises; repeats of an eventId across submissions are duplicates. Every review
/// target is looked up, also those in this batch: one stored earlier (a retry, maybe with a corrected time in another
/// month) must be referenced by its stored local day, the review's partition key.
/// </summary>
internal sealed class ReviewCheck(StreamPart<PreparedReview> part, WorkSet batch, ReferenceData refs) : StreamCheck
{
    /// <summary>
    /// Owners, local days (the review's partition key) and states of stored activities that reviews point at, locked
    /// until commit: a withdrawal of the same activity in a concurrent transaction waits (and then sees the verdict),
    /// or this batch waits for it and sees <c>withdrawn</c>.
    /// </summary>
    public const string ActivityOwners = """
        select event_id, nip::text, local_day, status = 'withdrawn' from activity where event_id = any($1)
        order by event_id for update
        """;

    private readonly Dictionary<Guid, (string Nip, DateOnly Day)> _owners = [];
    private readonly HashSet<Guid> _withdrawn = [];

    /// <summary>
    /// Reviews of this batch stored before: a retry is answered <c>duplicate</c> even when its verdict could no longer
    /// be given (the activity was withdrawn or changed hands since), so a client never reads "rejected" for a stored event.
    /// </summary>
    public const string StoredReviews = "select event_id from event_registry where event_id = any($1)";

    private readonly HashSet<Guid> _stored = [];

    public override void AddLookups(LookupRound round)
    {
        var targets = new HashSet<Guid>(part.All.Count);
        var ids = new Guid[part.All.Count];
        for (var i = 0; i < part.All.Count; i++)
        {
            targets.Add(part.All[i].Item.Item.ActivityEventId);
            ids[i] = part.All[i].Item.Item.EventId;
        }
        if (targets.Count == 0)
        {
            return;
        }
        var stored = new NpgsqlBatchCommand(StoredReviews);
        stored.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        round.Add(stored, async (reader, ct) =>
        {
            while (await reader.ReadAsync(ct))
            {
                _stored.Add(reader.GetGuid(0));
            }
        });
        var cmd = new NpgsqlBatchCommand(ActivityOwners);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = targets.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        round.Add(cmd, async (reader, ct) =>
        {
            while (await reader.ReadAsync(ct))
            {
                _owners[reader.GetGuid(0)] = (reader.GetString(1), reader.GetFieldValue<DateOnly>(2));
                if (reader.GetBoolean(3))
                {
                    _withdrawn.Add(reader.GetGuid(0));
                }
            }
        });
    }

    public override Task ChooseAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        // the activities this batch inserts (their check ran first: ReviewTable.CheckOrder)
        var chosen = new Dictionary<Guid, (string Nip, DateOnly Day)>();
        if (batch.Part<PreparedActivity>() is { } activities)
        {
            foreach (var a in activities.ToInsert)
            {
                chosen[a.Item.EventId] = (a.Item.Employee.Nip, a.Item.LocalDay);
            }
        }
        var seen = new HashSet<Guid>();
        foreach (var e in part.All)
        {
            var p = e.Item;
            if (!seen.Add(p.Item.EventId) || _stored.Contains(p.Item.EventId))
            {
                e.Owner.Set(p.Index, ItemStatus.Duplicate);
                continue;
            }
            var target = p.Item.ActivityEventId;
            if (!_owners.TryGetValue(target, out var activity) && !chosen.TryGetValue(target, out activity))
            {
                seen.Remove(p.Item.EventId);
                e.Owner.Reject(p.Index, "activityEventId",
                    $"No activity with eventId {target} is stored or accepted in this batch.");
                continue;
            }
            if (_withdrawn.Contains(target))
            {
                seen.Remove(p.Item.EventId);
                e.Owner.Reject(p.Index, "activityEventId", $"Activity {target} was withdrawn by the employee; it can no longer be reviewed.");
                continue;
            }
            var ownerNip = activity.Nip;
            var supervisor = refs.Employees.TryGetValue(ownerNip, out var owner) ? owner.SupervisorNip : null;
            if (supervisor != p.Reviewer.Nip)
            {
                seen.Remove(p.Item.EventId);
                e.Owner.Reject(p.Index, "reviewerNip",
                    $"NIP {p.Reviewer.Nip} is not the supervisor of employee {ownerNip}, who made activity {target} (their supervisor is {supervisor ?? "not set"}).");
                continue;
            }
            part.ToInsert.Add(new Entry<PreparedReview>(e.Owner, p with { OwnerNip = ownerNip, ActivityDay = activity.Day }));
        }
        return Task.CompletedTask;
    }
}
