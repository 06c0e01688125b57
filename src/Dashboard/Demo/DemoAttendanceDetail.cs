using Kinerja.Core.Domain;
using Kinerja.Ingest.Contracts;

namespace Kinerja.Dashboard.Demo;

/// <summary>
/// The attendance detail of a simulated day (issue 19), so the regional allowance variants have data: some days late
/// past 60 or 90 minutes, early leave on about 4% of working days, the morning assembly missed on about 6% (and more
/// often when late), unrecorded on about 10%, and a leave type on most cuti, sakit and izin days. Drawn from its own
/// deterministic generator per (NIP, day), so the rest of the day's schedule stays as it was.
/// </summary>
internal static class DemoAttendanceDetail
{
    // cumulative weights of the cuti kinds: mostly annual leave
    private static readonly (int Upto, string Type)[] CutiKinds =
    [
        (70, LeaveType.Tahunan), (75, LeaveType.Sakit), (83, LeaveType.Melahirkan), (90, LeaveType.AlasanPenting),
        (95, LeaveType.Bersama), (98, LeaveType.Besar), (100, LeaveType.LuarTanggungan),
    ];

    public static AttendanceItem Add(AttendanceItem item, string key)
    {
        var rng = new Random((int)DemoIds.Stable(key + ":detail"));
        var atWork = item.Status is AttendanceStatus.Hadir or AttendanceStatus.Terlambat;
        var late = item.LateMinutes is { } minutes && rng.Next(100) < 15 ? minutes + rng.Next(30, 90) : item.LateMinutes;
        int? early = atWork && rng.Next(100) < 4 ? rng.Next(10, 121) : null;
        bool? apel = !atWork || rng.Next(100) < 10 ? null : !(rng.Next(100) < (late > 30 ? 60 : 6));
        var leave = item.Status switch
        {
            AttendanceStatus.Cuti => Cuti(rng.Next(100)),
            AttendanceStatus.Sakit => rng.Next(100) < 60 ? LeaveType.Sakit : null,
            AttendanceStatus.Izin => rng.Next(100) < 80 ? LeaveType.Izin : null,
            _ => null,
        };
        return new AttendanceItem
        {
            EventId = item.EventId, Nip = item.Nip, Day = item.Day, Status = item.Status, LateMinutes = late,
            EarlyLeaveMinutes = early, Apel = apel, LeaveType = leave,
        };
    }

    private static string Cuti(int roll)
    {
        foreach (var (upto, type) in CutiKinds)
        {
            if (roll < upto)
            {
                return type;
            }
        }
        return LeaveType.Tahunan;
    }
}
