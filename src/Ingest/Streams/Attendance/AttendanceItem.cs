namespace Kinerja.Ingest.Contracts;

/// <summary>
/// One attendance record of an employee for a local day, JSON <c>POST /api/v1/attendance</c>.
/// The latest record of a (nip, day) by arrival is the day's status.
/// </summary>
public sealed class AttendanceItem
{
    /// <summary>Client-made idempotency key (<c>eventId</c>).</summary>
    public Guid EventId { get; init; }

    /// <summary>The employee's NIP (<c>nip</c>).</summary>
    public string Nip { get; init; } = "";

    /// <summary>The local date in the employee's region (<c>day</c>, <c>YYYY-MM-DD</c>).</summary>
    public DateOnly Day { get; init; }

    /// <summary>One of <see cref="Kinerja.Core.Domain.AttendanceStatus"/> (<c>status</c>).</summary>
    public string Status { get; init; } = "";

    /// <summary>Minutes late (<c>lateMinutes</c>, optional, default 0).</summary>
    public int? LateMinutes { get; init; }

    /// <summary>Minutes the employee left before the end of the working day (<c>earlyLeaveMinutes</c>, optional, default 0).</summary>
    public int? EarlyLeaveMinutes { get; init; }

    /// <summary>Attended the morning assembly (<c>apel</c>, optional; null when not recorded).</summary>
    public bool? Apel { get; init; }

    /// <summary>
    /// The kind of leave of a <c>cuti</c>, <c>sakit</c> or <c>izin</c> day (<c>leaveType</c>, optional): one of
    /// <see cref="Kinerja.Core.Domain.LeaveType.All"/>.
    /// </summary>
    public string? LeaveType { get; init; }
}
