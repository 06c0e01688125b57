using Kinerja.Ingest.Streams.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Streams.Attendance;

/// <summary>
/// The <c>attendance</c> stream table as the writer fills it: the columns it writes and one binary COPY row per
/// attendance event (<c>seq</c>, the arrival order, comes from the table's sequence), COPYed into a session staging
/// table and merged with the day's attendance rollup (<see cref="MergeSql"/>).
/// </summary>
internal sealed class AttendanceTable : StreamTable<PreparedAttendance>
{
    public const string TableName = "attendance";

    /// <summary>The columns the writer fills, in <see cref="WriteRow"/> order.</summary>
    public const string Columns = "event_id, nip, day, status, late_minutes, early_leave_minutes, apel, leave_type";

    private const string Stage = "ingest_stage_attendance";

    // "ord" keeps the arrival order within a batch (the merge inserts in that order): a session sequence numbers the
    // rows as the COPY adds them
    private const string StagingSql = $"""
        create temp table if not exists {Stage} on commit delete rows as
            select {Columns}, 0::bigint as ord from {TableName} with no data;
        create temp sequence if not exists {Stage}_ord;
        alter table {Stage} alter column ord set default nextval('{Stage}_ord');
        """;

    /// <summary>
    /// New attendance events in arrival order; the latest new one of each (nip, day) becomes the day's
    /// status (new rows have the highest <c>seq</c>: the single writer assigns them).
    /// </summary>
    public const string MergeSql = $"""
        with ins as (
            insert into {TableName} ({Columns})
            select {Columns} from {Stage}
            order by ord
            returning nip, day, status, late_minutes, early_leave_minutes, apel, leave_type, seq
        ), latest as (
            select distinct on (nip, day) nip, day, status, late_minutes, early_leave_minutes, apel, leave_type
            from ins
            order by nip, day, seq desc
        )
        insert into employee_day as d (nip, day, attendance_status, late_minutes, early_leave_minutes, apel, leave_type)
        select nip, day, status, late_minutes, early_leave_minutes, apel, leave_type from latest
        on conflict (nip, day) do update
            set attendance_status = excluded.attendance_status,
                late_minutes = excluded.late_minutes,
                early_leave_minutes = excluded.early_leave_minutes,
                apel = excluded.apel,
                leave_type = excluded.leave_type
        """;

    public static readonly AttendanceTable Instance = new();

    private AttendanceTable()
    {
    }

    public override string Name => TableName;

    public override char RegistryCode => 't';

    public override bool Partitioned => true;

    public override string Staging => StagingSql;

    public override string Copy => BinaryCopy(Stage, Columns);

    public override string Merge => MergeSql;

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedAttendance attendance)
    {
        var t = attendance.Item;
        copy.StartRow();
        copy.Write(t.EventId, NpgsqlDbType.Uuid);
        copy.Write(t.Nip, NpgsqlDbType.Char);
        copy.Write(t.Day, NpgsqlDbType.Date);
        copy.Write(t.Status, NpgsqlDbType.Text);
        copy.Write(t.LateMinutes ?? 0, NpgsqlDbType.Integer);
        copy.Write(t.EarlyLeaveMinutes ?? 0, NpgsqlDbType.Integer);
        if (t.Apel is { } apel)
        {
            copy.Write(apel, NpgsqlDbType.Boolean);
        }
        else
        {
            copy.WriteNull();
        }
        if (t.LeaveType is { } leave)
        {
            copy.Write(leave, NpgsqlDbType.Text);
        }
        else
        {
            copy.WriteNull();
        }
    }
}
