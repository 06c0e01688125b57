using System.Globalization;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Reference;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The checks that depend on stored events, done set-wise inside the writer's transaction: repeats of an
/// eventId across submissions of one batch, the daily maximum of minutes per employee and local day
/// (stored pending + approved minutes plus this batch's, first come first served), and that a review
/// names a known activity whose employee the reviewer supervises. One round trip, plus one more only
/// when some day would go over its maximum (then stored activities of those days are looked up, so a
/// retry never counts twice against the maximum).
/// </summary>
internal static class WriterChecks
{
    /// <param name="optimistic">
    /// Skip reading stored day totals when no day's batch sum alone exceeds its maximum; the writer then
    /// verifies the totals its rollup upsert returns (<see cref="WorkSet.DayTotalsUnchecked"/>) and redoes the
    /// batch with <paramref name="optimistic"/> false when one went over.
    /// </param>
    public static async Task RunAsync(NpgsqlConnection conn, WorkSet w, ReferenceData refs, bool optimistic,
        CancellationToken ct)
    {
        var groups = new Dictionary<(string Nip, DateOnly Day), (int Stored, int Batch)>();
        foreach (var e in w.Activities)
        {
            var k = (e.Item.Employee.Nip, e.Item.LocalDay);
            groups[k] = groups.TryGetValue(k, out var g) ? (0, g.Batch + e.Item.Item.Minutes) : (0, e.Item.Item.Minutes);
        }
        // Every review target is looked up, also those in this batch: one stored earlier (a retry, maybe with a
        // corrected time in another month) must be referenced by its stored local day, the review's partition key.
        var targets = new HashSet<Guid>(w.Reviews.Count);
        foreach (var e in w.Reviews)
        {
            targets.Add(e.Item.Item.ActivityEventId);
        }
        var owners = new Dictionary<Guid, (string Nip, DateOnly Day)>();
        w.DayTotalsUnchecked = optimistic && w.Activities.TrueForAll(e =>
            groups[(e.Item.Employee.Nip, e.Item.LocalDay)].Batch <= e.Item.Employee.Region.DailyMaxMinutes);
        await PrefetchAsync(conn, w.DayTotalsUnchecked ? [] : groups, targets, owners, ct);
        var existing = await ExistingInFullDaysAsync(conn, w, groups, ct);

        var kept = CheckActivities(w, groups, existing);
        CheckReviews(w, refs, kept, owners);
        KeepFirst(w.Attendance, w.AttendanceToInsert, p => (p.Index, p.Item.EventId));
        KeepFirst(w.Ratings, w.RatingsToInsert, p => (p.Index, p.Item.EventId));
    }

    private static async Task PrefetchAsync(NpgsqlConnection conn,
        Dictionary<(string Nip, DateOnly Day), (int Stored, int Batch)> groups, HashSet<Guid> targets,
        Dictionary<Guid, (string Nip, DateOnly Day)> owners, CancellationToken ct)
    {
        if (groups.Count == 0 && targets.Count == 0)
        {
            return;
        }
        await using var batch = new NpgsqlBatch(conn);
        if (groups.Count > 0)
        {
            var nips = new string[groups.Count];
            var days = new DateOnly[groups.Count];
            var i = 0;
            foreach (var k in groups.Keys)
            {
                nips[i] = k.Nip;
                days[i++] = k.Day;
            }
            var cmd = new NpgsqlBatchCommand(MergeSql.DayTotals);
            cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = nips, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = days, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
            batch.BatchCommands.Add(cmd);
        }
        if (targets.Count > 0)
        {
            var cmd = new NpgsqlBatchCommand(MergeSql.ActivityOwners);
            cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = targets.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            batch.BatchCommands.Add(cmd);
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (groups.Count > 0)
        {
            while (await reader.ReadAsync(ct))
            {
                var k = (reader.GetString(0), reader.GetFieldValue<DateOnly>(1));
                groups[k] = (reader.GetInt32(2), groups[k].Batch);
            }
            await reader.NextResultAsync(ct);
        }
        if (targets.Count > 0)
        {
            while (await reader.ReadAsync(ct))
            {
                owners[reader.GetGuid(0)] = (reader.GetString(1), reader.GetFieldValue<DateOnly>(2));
            }
        }
    }

    /// <summary>
    /// For days that would go over their maximum, which of their activities are already stored (retries:
    /// duplicates must not count twice). Elsewhere duplicates are found by the insert itself.
    /// </summary>
    private static async Task<HashSet<Guid>> ExistingInFullDaysAsync(NpgsqlConnection conn, WorkSet w,
        Dictionary<(string Nip, DateOnly Day), (int Stored, int Batch)> groups, CancellationToken ct)
    {
        var ids = new List<Guid>();
        foreach (var e in w.Activities)
        {
            var g = groups[(e.Item.Employee.Nip, e.Item.LocalDay)];
            if (g.Stored + g.Batch > e.Item.Employee.Region.DailyMaxMinutes)
            {
                ids.Add(e.Item.Item.EventId);
            }
        }
        var existing = new HashSet<Guid>();
        if (ids.Count == 0)
        {
            return existing;
        }
        await using var cmd = new NpgsqlCommand(MergeSql.ExistingActivities, conn);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            existing.Add(reader.GetGuid(0));
        }
        return existing;
    }

    /// <summary>Chooses the activities to insert; returns their owners and local days by event id (for reviews in this batch).</summary>
    private static Dictionary<Guid, (string Nip, DateOnly Day)> CheckActivities(WorkSet w,
        Dictionary<(string Nip, DateOnly Day), (int Stored, int Batch)> groups, HashSet<Guid> existing)
    {
        var kept = new Dictionary<Guid, (string Nip, DateOnly Day)>(w.Activities.Count);
        var running = new Dictionary<(string, DateOnly), int>();
        foreach (var e in w.Activities)
        {
            var p = e.Item;
            var id = p.Item.EventId;
            if (kept.ContainsKey(id))
            {
                e.Owner.Set(p.Index, ItemStatus.Duplicate);
                continue;
            }
            if (existing.Contains(id))
            {
                // stored earlier (a retry): a duplicate, and its minutes are already in the day's total; a
                // review in this batch names the stored row, whose day may differ (looked up with the owners)
                e.Owner.Set(p.Index, ItemStatus.Duplicate);
                continue;
            }
            var k = (p.Employee.Nip, p.LocalDay);
            var g = groups[k];
            var max = p.Employee.Region.DailyMaxMinutes;
            if (g.Stored + g.Batch > max)
            {
                var before = running.TryGetValue(k, out var r) ? r : g.Stored;
                if (before + p.Item.Minutes > max)
                {
                    e.Owner.Reject(p.Index, "minutes",
                        $"The day total of NIP {p.Employee.Nip} on {p.LocalDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} would be {before + p.Item.Minutes} minutes, over the daily maximum of {max} of region {p.Employee.Region.Id} ({before} minutes already claimed).");
                    continue;
                }
                running[k] = before + p.Item.Minutes;
            }
            kept[id] = (p.Employee.Nip, p.LocalDay);
            w.ActivitiesToInsert.Add(e);
        }
        return kept;
    }

    private static void CheckReviews(WorkSet w, ReferenceData refs, Dictionary<Guid, (string Nip, DateOnly Day)> kept,
        Dictionary<Guid, (string Nip, DateOnly Day)> owners)
    {
        var seen = new HashSet<Guid>();
        foreach (var e in w.Reviews)
        {
            var p = e.Item;
            if (!seen.Add(p.Item.EventId))
            {
                e.Owner.Set(p.Index, ItemStatus.Duplicate);
                continue;
            }
            var target = p.Item.ActivityEventId;
            if (!owners.TryGetValue(target, out var activity) && !kept.TryGetValue(target, out activity))
            {
                seen.Remove(p.Item.EventId);
                e.Owner.Reject(p.Index, "activityEventId",
                    $"No activity with eventId {target} is stored or accepted in this batch.");
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
            w.ReviewsToInsert.Add(e);
            w.ReviewOwners.Add(ownerNip);
            w.ReviewDays.Add(activity.Day);
        }
    }

    private static void KeepFirst<T>(List<Entry<T>> all, List<Entry<T>> toInsert, Func<T, (int Index, Guid Id)> key)
    {
        var seen = new HashSet<Guid>(all.Count);
        foreach (var e in all)
        {
            var (index, id) = key(e.Item);
            if (!seen.Add(id))
            {
                e.Owner.Set(index, ItemStatus.Duplicate);
                continue;
            }
            toInsert.Add(e);
        }
    }
}
