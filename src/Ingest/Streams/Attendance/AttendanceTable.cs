using Kinerja.Ingest.Pipeline;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Attendance;

/// <summary>
/// The <c>attendance</c> stream table as the writer fills it: the columns it writes and one binary COPY row per
/// attendance event (<c>seq</c>, the arrival order, comes from the table's sequence).
/// </summary>
internal static class AttendanceTable
{
    public const string Name = "attendance";

    /// <summary>The columns the writer fills, in <see cref="WriteRow"/> order.</summary>
    public const string Columns = "event_id, nip, day, status, late_minutes";

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedAttendance attendance)
    {
        var t = attendance.Item;
        copy.StartRow();
        copy.Write(t.EventId, NpgsqlDbType.Uuid);
        copy.Write(t.Nip, NpgsqlDbType.Char);
        copy.Write(t.Day, NpgsqlDbType.Date);
        copy.Write(t.Status, NpgsqlDbType.Text);
        copy.Write(t.LateMinutes ?? 0, NpgsqlDbType.Integer);
    }
}
