using System.Globalization;
using Kinerja.Core.Changes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;

namespace Kinerja.Ingest.Streams.Rating;

/// <summary>A valid rating; <see cref="Employee"/> is null for a unit rating.</summary>
internal readonly record struct PreparedRating(int Index, RatingItem Item, EmployeeRef? Employee, UnitRef Unit)
    : IPreparedEvent<PreparedRating>
{
    public Guid EventId => Item.EventId;

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedRating item) => RatingTable.WriteRow(copy, item);

    /// <summary>The rated month (the validator checked the <c>YYYY-MM</c> format).</summary>
    public static DateOnly? MonthOf(in PreparedRating item) =>
        DateOnly.ParseExact(item.Item.Period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool Touches(in PreparedRating item, ReferenceData refs, out EventTouch touched)
    {
        touched = new EventTouch(item.Employee?.Nip, item.Unit.Id, item.Unit.Region.Id);
        return true;
    }
}
