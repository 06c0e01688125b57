using Kinerja.Core.Changes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;

namespace Kinerja.Ingest.Streams.Activity;

/// <summary>A valid activity with what the writer needs resolved (owner, local day).</summary>
internal readonly record struct PreparedActivity(int Index, ActivityItem Item, EmployeeRef Employee, DateOnly LocalDay)
    : IPreparedEvent<PreparedActivity>
{
    public Guid EventId => Item.EventId;

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedActivity item) => ActivityTable.WriteRow(copy, item);

    public static DateOnly? MonthOf(in PreparedActivity item) => item.LocalDay;

    public static bool Touches(in PreparedActivity item, ReferenceData refs, out EventTouch touched)
    {
        touched = new EventTouch(item.Employee.Nip, item.Employee.Unit.Id, item.Employee.Region.Id);
        return true;
    }
}
