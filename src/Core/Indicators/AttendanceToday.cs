namespace Kinerja.Core.Indicators;

/// <summary>Today's attendance of a group's active employees by status (latest record of the day).</summary>
public sealed record AttendanceToday
{
    public int Hadir { get; init; }
    public int Terlambat { get; init; }
    public int Izin { get; init; }
    public int Sakit { get; init; }
    public int Cuti { get; init; }
    public int DinasLuar { get; init; }
    public int TanpaKeterangan { get; init; }
    /// <summary>Active employees with no attendance record today yet.</summary>
    public int NotRecorded { get; init; }
}
