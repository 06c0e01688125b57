using Kinerja.Core.Changes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;

namespace Kinerja.Ingest.Streams.Review;

/// <summary>
/// A valid review with its reviewer resolved. The writer check (<see cref="ReviewCheck"/>) fills in the reviewed
/// activity's owner and stored local day (the review's partition key) before the review is chosen for insertion.
/// </summary>
internal readonly record struct PreparedReview(int Index, ReviewItem Item, EmployeeRef Reviewer,
    string? OwnerNip = null, DateOnly ActivityDay = default) : IPreparedEvent<PreparedReview>
{
    public Guid EventId => Item.EventId;

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedReview item) => ReviewTable.WriteRow(copy, item);

    /// <summary>None of its own: a review lives in the month of its activity, created with the activity's.</summary>
    public static DateOnly? MonthOf(in PreparedReview item) => null;

    /// <summary>A review concerns the owner of the reviewed activity.</summary>
    public static bool Touches(in PreparedReview item, ReferenceData refs, out EventTouch touched)
    {
        if (item.OwnerNip is { } nip && refs.Employees.TryGetValue(nip, out var owner))
        {
            touched = new EventTouch(owner.Nip, owner.Unit.Id, owner.Region.Id);
            return true;
        }
        touched = default;
        return false;
    }
}
