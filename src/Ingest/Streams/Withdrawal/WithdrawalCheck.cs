using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Streams.Activity;
using Kinerja.Ingest.Streams.Review;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Withdrawal;

/// <summary>
/// The writer checks of a batch's withdrawals. The withdrawn activity must exist (stored, or accepted by the same
/// batch), belong to the withdrawing employee (an unknown activity and someone else's get the same answer), and be
/// pending or returned, not withdrawn before; <c>replacedBy</c> must name an activity of the same employee, stored or
/// accepted by the same batch. The stored activities are read <c>for update</c>: a review and a withdrawal of the same
/// activity in concurrent transactions queue on the row (the review check locks it too), so one of them sees the
/// other's outcome. A review of the same activity chosen by the same batch wins (reviews are checked first) and the
/// withdrawal is refused. A repeat of a stored withdrawal's eventId is a duplicate.
/// </summary>
internal sealed class WithdrawalCheck(StreamPart<PreparedWithdrawal> part, WorkSet batch) : StreamCheck
{
    /// <summary>Owners, local days and states of the stored activities withdrawals name (locked until commit).</summary>
    public const string Activities = """
        select event_id, nip::text, local_day, status from activity where event_id = any($1)
        order by event_id for update
        """;

    /// <summary>Which of these withdrawal ids are stored (retries).</summary>
    public const string StoredWithdrawals = """
        select event_id from activity_withdrawal where event_id = any($1)
        """;

    private readonly Dictionary<Guid, (string Nip, DateOnly Day, string Status)> _activities = [];
    private readonly HashSet<Guid> _stored = [];

    public override void AddLookups(LookupRound round)
    {
        if (part.All.Count == 0)
        {
            return;
        }
        var targets = new HashSet<Guid>(part.All.Count);
        var ids = new Guid[part.All.Count];
        for (var i = 0; i < part.All.Count; i++)
        {
            var w = part.All[i].Item.Item;
            ids[i] = w.EventId;
            targets.Add(w.ActivityEventId);
            if (w.ReplacedBy is { } replacedBy)
            {
                targets.Add(replacedBy);
            }
        }
        var activities = new NpgsqlBatchCommand(Activities);
        activities.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = targets.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        round.Add(activities, async (reader, ct) =>
        {
            while (await reader.ReadAsync(ct))
            {
                _activities[reader.GetGuid(0)] = (reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3));
            }
        });
        var stored = new NpgsqlBatchCommand(StoredWithdrawals);
        stored.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        round.Add(stored, async (reader, ct) =>
        {
            while (await reader.ReadAsync(ct))
            {
                _stored.Add(reader.GetGuid(0));
            }
        });
    }

    public override Task ChooseAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        // the activities this batch inserts are pending (their check ran first); so are the reviews it inserts
        if (batch.Part<PreparedActivity>() is { } activities)
        {
            foreach (var a in activities.ToInsert)
            {
                _activities.TryAdd(a.Item.EventId, (a.Item.Employee.Nip, a.Item.LocalDay, "pending"));
            }
        }
        var reviewed = new HashSet<Guid>();
        if (batch.Part<PreparedReview>() is { } reviews)
        {
            foreach (var r in reviews.ToInsert)
            {
                reviewed.Add(r.Item.Item.ActivityEventId);
            }
        }
        var seen = new HashSet<Guid>();
        var withdrawn = new HashSet<Guid>();
        foreach (var e in part.All)
        {
            var p = e.Item;
            var w = p.Item;
            if (_stored.Contains(w.EventId) || !seen.Add(w.EventId))
            {
                e.Owner.Set(p.Index, ItemStatus.Duplicate);
                continue;
            }
            if (Refusal(w, reviewed, withdrawn) is { } refusal)
            {
                seen.Remove(w.EventId);
                e.Owner.Reject(p.Index, refusal.Field, refusal.Message);
                continue;
            }
            withdrawn.Add(w.ActivityEventId);
            part.ToInsert.Add(new Entry<PreparedWithdrawal>(e.Owner, p with { ActivityDay = _activities[w.ActivityEventId].Day }));
        }
        return Task.CompletedTask;
    }

    private (string Field, string Message)? Refusal(WithdrawalItem w, HashSet<Guid> reviewed, HashSet<Guid> withdrawnInBatch)
    {
        var id = w.ActivityEventId;
        if (!_activities.TryGetValue(id, out var activity) || activity.Nip != w.Nip)
        {
            return ("activityEventId", $"Employee {w.Nip} has no activity {id} (stored, or accepted in this batch).");
        }
        if (activity.Status == "withdrawn" || withdrawnInBatch.Contains(id))
        {
            return ("activityEventId", $"Activity {id} is already withdrawn.");
        }
        if (activity.Status == "approved")
        {
            return ("activityEventId", $"Activity {id} is approved; only a pending or returned activity can be withdrawn.");
        }
        if (reviewed.Contains(id))
        {
            return ("activityEventId", $"Activity {id} was reviewed by the superior at the same time; it can no longer be withdrawn as it was (read its state again).");
        }
        if (w.ReplacedBy is { } replacedBy)
        {
            if (!_activities.TryGetValue(replacedBy, out var replacement) || replacement.Nip != w.Nip)
            {
                return ("replacedBy", $"Employee {w.Nip} has no activity {replacedBy} (stored, or accepted in this batch): send the replacing activity before or with the withdrawal.");
            }
            if (replacement.Status == "withdrawn" || withdrawnInBatch.Contains(replacedBy))
            {
                return ("replacedBy", $"Activity {replacedBy} is withdrawn; it cannot replace another one.");
            }
        }
        return null;
    }
}
