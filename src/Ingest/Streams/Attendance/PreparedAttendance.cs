using Kinerja.Core.Changes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;

namespace Kinerja.Ingest.Streams.Attendance;

/// <summary>A valid attendance event with its employee resolved.</summary>
internal readonly record struct PreparedAttendance(int Index, AttendanceItem Item, EmployeeRef Employee)
    : IPreparedEvent<PreparedAttendance>
{
    public Guid EventId => Item.EventId;

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedAttendance item) => AttendanceTable.WriteRow(copy, item);

    public static DateOnly? MonthOf(in PreparedAttendance item) => item.Item.Day;

    public static bool Touches(in PreparedAttendance item, ReferenceData refs, out EventTouch touched)
    {
        touched = new EventTouch(item.Employee.Nip, item.Employee.Unit.Id, item.Employee.Region.Id);
        return true;
    }
}
