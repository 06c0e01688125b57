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

    /// <summary>Activities were written directly (no staging merge needed).</summary>
    public bool ActivitiesWritten { get; set; }

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

    /// <summary>Marks inserted ids (all when <paramref name="inserted"/> is null) accepted and the rest (stored before) duplicates.</summary>
    public void Resolve<T>(List<Entry<T>> toInsert, HashSet<Guid>? inserted, Func<T, (int Index, Guid Id)> key)
    {
        foreach (var e in toInsert)
        {
            var (index, id) = key(e.Item);
            var accepted = inserted?.Contains(id) ?? true;

            e.Owner.Set(index, accepted ? ItemStatus.Accepted : ItemStatus.Duplicate);
            if (accepted)
            {
                Accepted++;
            }
        }
    }
}
