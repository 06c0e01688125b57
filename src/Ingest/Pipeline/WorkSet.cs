using Kinerja.Ingest.Contracts;

namespace Kinerja.Ingest.Pipeline;

/// <summary>An item of a writer batch together with the submission that awaits its outcome.</summary>
internal readonly record struct Entry<T>(Submission Owner, T Item);

/// <summary>
/// The items of one writer batch per stream, in queue order, and those chosen for insertion after the
/// writer-side checks. Rebuilt for every attempt of the batch.
/// </summary>
internal sealed class WorkSet
{
    public List<Entry<PreparedActivity>> Activities { get; } = [];
    public List<Entry<PreparedAttendance>> Attendance { get; } = [];
    public List<Entry<PreparedRating>> Ratings { get; } = [];
    public List<Entry<PreparedReview>> Reviews { get; } = [];

    public List<Entry<PreparedActivity>> ActivitiesToInsert { get; } = [];
    public List<Entry<PreparedAttendance>> AttendanceToInsert { get; } = [];
    public List<Entry<PreparedRating>> RatingsToInsert { get; } = [];
    public List<Entry<PreparedReview>> ReviewsToInsert { get; } = [];

    /// <summary>Owner NIP of each review to insert, parallel to <see cref="ReviewsToInsert"/>.</summary>
    public List<string> ReviewOwners { get; } = [];

    /// <summary>Local day of each reviewed activity (the review's partition key), parallel to <see cref="ReviewsToInsert"/>.</summary>
    public List<DateOnly> ReviewDays { get; } = [];

    public int Accepted { get; set; }

    /// <summary>Stored day totals were not read (optimistic); the rollup upsert's totals must be verified.</summary>
    public bool DayTotalsUnchecked { get; set; }

    /// <summary>All items of the batch, whatever their outcome.</summary>
    public int Count => Activities.Count + Attendance.Count + Ratings.Count + Reviews.Count;

    public static WorkSet From(IReadOnlyList<Submission> batch)
    {
        var w = new WorkSet();
        foreach (var s in batch)
        {
            switch (s)
            {
                case Submission<PreparedActivity> a:
                    foreach (var p in a.Items)
                    {
                        w.Activities.Add(new(s, p));
                    }
                    break;
                case Submission<PreparedAttendance> t:
                    foreach (var p in t.Items)
                    {
                        w.Attendance.Add(new(s, p));
                    }
                    break;
                case Submission<PreparedRating> r:
                    foreach (var p in r.Items)
                    {
                        w.Ratings.Add(new(s, p));
                    }
                    break;
                case Submission<PreparedReview> v:
                    foreach (var p in v.Items)
                    {
                        w.Reviews.Add(new(s, p));
                    }
                    break;
                default:
                    throw new InvalidOperationException($"Unknown submission type {s.GetType().Name}.");
            }
        }
        return w;
    }

    /// <summary>The ids to claim in the registry, per stream code; streams with nothing to insert are left out.</summary>
    public List<(string Stream, Guid[] Ids)> Claims()
    {
        var claims = new List<(string, Guid[])>(4);
        AddClaim(claims, EventRegistry.Activity, ActivitiesToInsert, static p => p.Item.EventId);
        AddClaim(claims, EventRegistry.Review, ReviewsToInsert, static p => p.Item.EventId);
        AddClaim(claims, EventRegistry.Attendance, AttendanceToInsert, static p => p.Item.EventId);
        AddClaim(claims, EventRegistry.Rating, RatingsToInsert, static p => p.Item.EventId);
        return claims;
    }

    /// <summary>
    /// Marks a stream's items to insert accepted, except the ids in <paramref name="stored"/> (stored before):
    /// those are duplicates and leave the lists, so only accepted items are written.
    /// </summary>
    public void Resolve(string stream, HashSet<Guid> stored)
    {
        switch (stream)
        {
            case EventRegistry.Activity:
                Resolve(ActivitiesToInsert, stored, static p => (p.Index, p.Item.EventId), null);
                break;
            case EventRegistry.Review:
                var kept = Resolve(ReviewsToInsert, stored, static p => (p.Index, p.Item.EventId), (from, to) =>
                {
                    ReviewOwners[to] = ReviewOwners[from];
                    ReviewDays[to] = ReviewDays[from];
                });
                ReviewOwners.RemoveRange(kept, ReviewOwners.Count - kept);
                ReviewDays.RemoveRange(kept, ReviewDays.Count - kept);
                break;
            case EventRegistry.Attendance:
                Resolve(AttendanceToInsert, stored, static p => (p.Index, p.Item.EventId), null);
                break;
            case EventRegistry.Rating:
                Resolve(RatingsToInsert, stored, static p => (p.Index, p.Item.EventId), null);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(stream), stream, "Unknown registry stream code.");
        }
    }

    private static void AddClaim<T>(List<(string, Guid[])> claims, string stream, List<Entry<T>> toInsert, Func<T, Guid> id)
    {
        if (toInsert.Count == 0)
        {
            return;
        }
        var ids = new Guid[toInsert.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = id(toInsert[i].Item);
        }
        claims.Add((stream, ids));
    }

    /// <summary>Returns how many entries were kept (moved to the front, in order); <paramref name="move"/> follows them.</summary>
    private int Resolve<T>(List<Entry<T>> toInsert, HashSet<Guid> stored, Func<T, (int Index, Guid Id)> key,
        Action<int, int>? move)
    {
        var kept = 0;
        for (var i = 0; i < toInsert.Count; i++)
        {
            var e = toInsert[i];
            var (index, id) = key(e.Item);
            if (stored.Contains(id))
            {
                e.Owner.Set(index, ItemStatus.Duplicate);
                continue;
            }
            e.Owner.Set(index, ItemStatus.Accepted);
            Accepted++;
            toInsert[kept] = e;
            move?.Invoke(i, kept);
            kept++;
        }
        toInsert.RemoveRange(kept, toInsert.Count - kept);
        return kept;
    }
}
