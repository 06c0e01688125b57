using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Testing;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// The attendance detail fields of the employee snapshot (issue 19; migration 0030) from stored attendance rows,
/// hand-counted: days per lateness band (1-30, 31-60, 61-90, over 90 minutes, boundaries included), early-leave days and
/// minutes, missed assemblies (apel recorded false; not recorded does not count), days per leave type, and a whole month
/// of TKS. The latest record of a (nip, day) wins. "Today" is 18 March 2026 WIB; February 2026 has 20 working days.
/// </summary>
public class AttendanceDetailSnapshotTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Unit = "att-detail-u";
    private readonly SettableTime _time = SettableTime.AtWib(2026, 3, 18);

    private static DateOnly Feb(int day) => new(2026, 2, day);

    [Fact]
    public async Task EmployeesAsync_StoredAttendanceDetail_CountsEveryBandLeaveTypeAndWholeMonth()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "att-detail", Unit, 3, 9300);
        var (a, allTks, almost) = (nips[1], nips[2], nips[3]);
        var ingest = new MiniIngest(db.DataSource, new Dictionary<string, RegionClock>());
        Task Att(string nip, DateOnly day, string status, int late = 0, int early = 0, bool? apel = null, string? leave = null) =>
            ingest.AttendanceAsync(Guid.NewGuid(), nip, day, status, late, early, apel, leave);

        await Att(a, Feb(2), AttendanceStatus.Terlambat, late: 15, apel: false); // band 1-30, apel missed
        await Att(a, Feb(3), AttendanceStatus.Terlambat, late: 30);              // band 1-30 (upper bound)
        await Att(a, Feb(4), AttendanceStatus.Terlambat, late: 31, early: 20);   // band 31-60 (lower bound), early leave
        await Att(a, Feb(5), AttendanceStatus.Terlambat, late: 60);              // band 31-60
        await Att(a, Feb(6), AttendanceStatus.Terlambat, late: 61);              // band 61-90
        await Att(a, Feb(9), AttendanceStatus.Terlambat, late: 90);              // band 61-90 (upper bound)
        await Att(a, Feb(10), AttendanceStatus.Terlambat, late: 91, apel: true); // over 90; apel attended
        await Att(a, Feb(11), AttendanceStatus.Hadir, early: 45, apel: false);   // early leave, apel missed
        await Att(a, Feb(12), AttendanceStatus.Cuti, leave: LeaveType.Tahunan);
        await Att(a, Feb(13), AttendanceStatus.Cuti, leave: LeaveType.Tahunan);
        await Att(a, Feb(13), AttendanceStatus.Cuti, leave: LeaveType.Melahirkan); // the latest record of the day wins
        await Att(a, Feb(16), AttendanceStatus.Sakit, leave: LeaveType.Sakit);
        await Att(a, Feb(17), AttendanceStatus.Izin, leave: LeaveType.Izin);
        await Att(a, Feb(18), AttendanceStatus.Izin);                              // a permit without its type
        await Att(a, Feb(19), AttendanceStatus.Hadir);                             // apel not recorded: not missed
        await Att(a, Feb(20), AttendanceStatus.Terlambat, late: 45, apel: false);
        await Att(a, Feb(20), AttendanceStatus.Hadir);                             // corrected: no lateness, apel not recorded
        await Att(a, Feb(23), AttendanceStatus.Cuti, leave: LeaveType.Besar);
        await Att(a, Feb(24), AttendanceStatus.Cuti, leave: LeaveType.AlasanPenting);
        await Att(a, Feb(25), AttendanceStatus.Cuti, leave: LeaveType.Bersama);
        await Att(a, Feb(26), AttendanceStatus.Cuti, leave: LeaveType.LuarTanggungan);
        await Att(a, new DateOnly(2026, 3, 2), AttendanceStatus.Terlambat, late: 100, apel: false); // March: not February's
        for (var d = Feb(1); d < new DateOnly(2026, 3, 1); d = d.AddDays(1))
        {
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }
            await Att(allTks, d, AttendanceStatus.TanpaKeterangan);
            if (d != Feb(27))
            {
                await Att(almost, d, AttendanceStatus.TanpaKeterangan);
            }
        }

        var queries = Rollups.Queries(db.DataSource, _time);
        var february = (await queries.EmployeesAsync(Period.Month(2026, 2), EmployeeFilter.Unit(Unit))).ToDictionary(s => s.Nip);
        var s = february[a];
        Assert.Equal((2, 2, 2, 1), (s.LateDays1To30, s.LateDays31To60, s.LateDays61To90, s.LateDaysOver90));
        Assert.Equal((2, 65, 2), (s.EarlyLeaveDays, s.EarlyLeaveMinutes, s.ApelMissedDays));
        Assert.Equal((1, 1, 1, 1), (s.LeaveDaysTahunan, s.LeaveDaysMelahirkan, s.LeaveDaysSakit, s.LeaveDaysBesar));
        Assert.Equal((1, 1, 1), (s.LeaveDaysAlasanPenting, s.LeaveDaysBersama, s.LeaveDaysLuarTanggungan));
        Assert.Equal((1, 2), (s.IzinDays, s.AttendanceIzin));
        Assert.Equal((7, 6), (s.AttendanceTerlambat, s.AttendanceCuti));
        Assert.False(s.TksWholeMonth);
        Assert.Equal(20, february[allTks].WorkingDays);
        Assert.Equal((20, true), (february[allTks].TksDays, february[allTks].TksWholeMonth));
        Assert.Equal((19, false), (february[almost].TksDays, february[almost].TksWholeMonth));

        // the naive recompute from the raw attendance rows gives the same snapshots
        var raw = await queries.RecomputeFromRawAsync(Period.Month(2026, 2), EmployeeFilter.Unit(Unit));
        Assert.Equal(raw.OrderBy(x => x.Nip, StringComparer.Ordinal), february.Values.OrderBy(x => x.Nip, StringComparer.Ordinal));
        // a day reads the day rollup; the quarter adds March's day over 90 minutes and its missed apel
        var day = await queries.EmployeeAsync(a, Period.Day(Feb(11)));
        Assert.Equal((1, 45, 1, 0), (day!.EarlyLeaveDays, day.EarlyLeaveMinutes, day.ApelMissedDays, day.LateDays1To30));
        var quarter = await queries.EmployeeAsync(a, Period.Quarter(2026, 1));
        Assert.Equal((2, 3, 2), (quarter!.LateDaysOver90, quarter.ApelMissedDays, quarter.EarlyLeaveDays));
        Assert.False(quarter.TksWholeMonth);
        var march = await queries.EmployeeAsync(allTks, Period.Month(2026, 3));
        Assert.False(march!.TksWholeMonth);
    }
}
