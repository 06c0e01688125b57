namespace Kinerja.Core.Domain;

/// <summary>
/// Leave types of an attendance day (<c>leaveType</c>, migration 0030): the kinds of cuti of PP 11/2017 and <c>izin</c>
/// (a permit). Which statuses each may accompany: <see cref="AllowedFor"/>.
/// </summary>
public static class LeaveType
{
    public const string Tahunan = "tahunan";
    public const string Besar = "besar";
    public const string Sakit = "sakit";
    public const string Melahirkan = "melahirkan";
    public const string AlasanPenting = "alasan_penting";
    public const string Bersama = "bersama";
    public const string LuarTanggungan = "luar_tanggungan";
    public const string Izin = "izin";

    /// <summary>The cuti kinds of PP 11/2017 (status <c>cuti</c>).</summary>
    public static readonly IReadOnlyList<string> Cuti = [Tahunan, Besar, Sakit, Melahirkan, AlasanPenting, Bersama, LuarTanggungan];

    public static readonly IReadOnlyList<string> All = [.. Cuti, Izin];

    /// <summary>
    /// The leave types a status may carry: <c>cuti</c> any cuti kind, <c>sakit</c> only <c>sakit</c> (cuti sakit),
    /// <c>izin</c> only <c>izin</c>; every other status none.
    /// </summary>
    public static IReadOnlyList<string> AllowedFor(string status) => status switch
    {
        AttendanceStatus.Cuti => Cuti,
        AttendanceStatus.Sakit => [Sakit],
        AttendanceStatus.Izin => [Izin],
        _ => [],
    };
}
