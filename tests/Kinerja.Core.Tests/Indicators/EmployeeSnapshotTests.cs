using Kinerja.Core.Domain;
using Kinerja.Testing;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// Employee snapshots from the rollups. "Today" is Wednesday 18 March 2026, 10:00 WIB; regions
/// have Nyepi (19 March) and cuti bersama (20 March) as holidays, so March has 20 working days and
/// 13 have elapsed.
/// </summary>
public class EmployeeSnapshotTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private readonly SettableTime _time = SettableTime.AtWib(2026, 3, 18);

    private async Task<IReadOnlyList<string>> SeedAsync(string region, int offset, int staff = 1, string tz = "Asia/Jakarta")
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, region, region + "-u", staff, offset, tz);
        await Rollups.HolidayAsync(db.DataSource, region, "2026-03-19", "2026-03-20");
        return nips;
    }

    [Fact]
    public async Task EmployeeAsync_MonthToDate_SumsMinutesAndProratesTarget()
    {
        // DOMAIN.md "Daily activity": 6,750 minutes a month, pro-rated by working days month-to-date
        var nip = (await SeedAsync("emp-mtd", 1000))[1];
        await Rollups.DayAsync(db.DataSource, nip, "2026-03-02", approved: 400, pending: 30, attendance: "hadir");
        await Rollups.DayAsync(db.DataSource, nip, "2026-03-03", approved: 300, rejected: 60, attendance: "terlambat", late: 25);
        await Rollups.DayAsync(db.DataSource, nip, "2026-03-04", attendance: "izin");
        await Rollups.DayAsync(db.DataSource, nip, "2026-02-27", approved: 999, attendance: "hadir"); // other month

        var s = await Rollups.Queries(db.DataSource, _time).EmployeeAsync(nip, Period.Month(2026, 3));

        Assert.NotNull(s);
        Assert.Equal(("2026-03", "emp-mtd", "emp-mtd-u"), (s.Period, s.RegionId, s.UnitId));
        Assert.Equal((700, 30, 60), (s.ActivityMinutes, s.ActivityMinutesPending, s.ActivityMinutesRejected));
        Assert.Equal(4388, s.ActivityTargetMinutes);
        Assert.Equal((20, 13), (s.WorkingDays, s.WorkingDaysElapsed));
        Assert.Equal(Math.Round(70000.0 / 4388, 2), s.ActivityPct);
        Assert.Equal(2, s.ActivityDays);
        Assert.Equal((1, 1, 1, 25), (s.AttendanceHadir, s.AttendanceTerlambat, s.AttendanceIzin, s.LateMinutes));
    }

    [Fact]
    public async Task EmployeeAsync_ApprovedActivityLaterRejected_StopsCounting()
    {
        // DOMAIN.md "Daily activity": the superior approves or rejects each activity; only approved minutes count
        var nip = (await SeedAsync("emp-flip", 1100))[1];
        await Rollups.DayAsync(db.DataSource, nip, "2026-03-10", approved: 120);
        var queries = Rollups.Queries(db.DataSource, _time);
        Assert.Equal(120, (await queries.EmployeeAsync(nip, Period.Month(2026, 3)))!.ActivityMinutes);

        // the ingest transaction moves the minutes from approved to rejected in the rollup
        await Rollups.DayAsync(db.DataSource, nip, "2026-03-10", rejected: 120);
        var s = await queries.EmployeeAsync(nip, Period.Month(2026, 3));

        Assert.Equal((0, 120), (s!.ActivityMinutes, s.ActivityMinutesRejected));
        Assert.Equal(0, s.ActivityPct);
    }

    [Fact]
    public async Task EmployeeAsync_TksRunAcrossWeekendAndHoliday_IsNotBroken()
    {
        // DOMAIN.md "Attendance discipline": "10 consecutive" TKS days; weekends/holidays between do not break a run
        var nip = (await SeedAsync("emp-run", 1200))[1];
        await Rollups.HolidayAsync(db.DataSource, "emp-run", "2026-02-17");
        await Rollups.TksAsync(db.DataSource, nip, "2026-02-13", "2026-02-16", "2026-02-18", "2026-02-19"); // Fri, Mon, (Tue holiday), Wed, Thu
        await Rollups.DayAsync(db.DataSource, nip, "2026-02-20", attendance: "hadir");
        await Rollups.TksAsync(db.DataSource, nip, "2026-02-23", "2026-02-24");

        var s = await Rollups.Queries(db.DataSource, _time).EmployeeAsync(nip, Period.Month(2026, 2));

        Assert.Equal(4, s!.TksLongestRun);
        Assert.Equal(6, s.TksDays);
        Assert.Equal(6, s.TksDaysYtd);
    }

    [Fact]
    public async Task EmployeeAsync_WorkingDayWithoutTks_BreaksTheRun()
    {
        var nip = (await SeedAsync("emp-break", 1300))[1];
        await Rollups.TksAsync(db.DataSource, nip, "2026-03-02", "2026-03-04", "2026-03-05"); // Tue 3rd has no TKS
        var s = await Rollups.Queries(db.DataSource, _time).EmployeeAsync(nip, Period.Month(2026, 3));
        Assert.Equal(2, s!.TksLongestRun);
    }

    [Fact]
    public async Task EmployeeAsync_TksYearToDate_StartsOnFirstJanuaryAndEndsWithThePeriod()
    {
        // DOMAIN.md "Attendance discipline": TKS days in a year
        var nip = (await SeedAsync("emp-ytd", 1400))[1];
        await Rollups.TksAsync(db.DataSource, nip, "2025-12-31", "2026-01-02", "2026-01-30", "2026-02-03", "2026-03-16");
        var queries = Rollups.Queries(db.DataSource, _time);

        var january = await queries.EmployeeAsync(nip, Period.Month(2026, 1));
        var march = await queries.EmployeeAsync(nip, Period.Month(2026, 3));
        var q1 = await queries.EmployeeAsync(nip, Period.Quarter(2026, 1));
        var december = await queries.EmployeeAsync(nip, Period.Month(2025, 12));

        Assert.Equal((2, 2), (january!.TksDays, january.TksDaysYtd));
        Assert.Equal((1, 4), (march!.TksDays, march.TksDaysYtd));
        Assert.Equal((4, 4), (q1!.TksDays, q1.TksDaysYtd));
        Assert.Equal((1, 1), (december!.TksDays, december.TksDaysYtd));
    }

    [Fact]
    public async Task EmployeeAsync_CurrentMonth_YearToDateStopsAtToday()
    {
        var nip = (await SeedAsync("emp-today", 1500))[1];
        await Rollups.TksAsync(db.DataSource, nip, "2026-03-17", "2026-03-18", "2026-03-23"); // 23rd is after today
        var s = await Rollups.Queries(db.DataSource, _time).EmployeeAsync(nip, Period.Month(2026, 3));
        Assert.Equal(2, s!.TksDaysYtd);
        Assert.Equal(2, s.TksLongestRun);
    }

    [Fact]
    public async Task EmployeeAsync_QuarterAndYear_SumTheirMonths()
    {
        var nip = (await SeedAsync("emp-sum", 1600))[1];
        await Rollups.DayAsync(db.DataSource, nip, "2026-01-05", approved: 100);
        await Rollups.DayAsync(db.DataSource, nip, "2026-02-05", approved: 200);
        await Rollups.DayAsync(db.DataSource, nip, "2026-03-05", approved: 300);
        await Rollups.DayAsync(db.DataSource, nip, "2025-12-31", approved: 400);
        var queries = Rollups.Queries(db.DataSource, _time);

        var q1 = await queries.EmployeeAsync(nip, Period.Quarter(2026, 1));
        var year = await queries.EmployeeAsync(nip, Period.Year(2026));
        var day = await queries.EmployeeAsync(nip, Period.Day(new DateOnly(2026, 2, 5)));

        Assert.Equal((600, 6750 + 6750 + 4388, 3), (q1!.ActivityMinutes, q1.ActivityTargetMinutes, q1.ActivityDays));
        Assert.Equal((600, 6750 + 6750 + 4388), (year!.ActivityMinutes, year.ActivityTargetMinutes));
        Assert.Equal((200, 338, "2026-02-05"), (day!.ActivityMinutes, day.ActivityTargetMinutes, day.Period)); // 6750 ÷ 20
    }

    [Fact]
    public async Task EmployeeAsync_NoDataAtAll_GivesZerosAndNullAverages()
    {
        var nip = (await SeedAsync("emp-empty", 1700))[1];
        var s = await Rollups.Queries(db.DataSource, _time).EmployeeAsync(nip, Period.Month(2026, 3));
        Assert.NotNull(s);
        Assert.Equal((0, 0, 0, 0, 0), (s.ActivityMinutes, s.ActivityDays, s.TksDaysYtd, s.TksLongestRun, s.RatingCount));
        Assert.Null(s.BerAkhlakAvg);
        Assert.Null(s.HasilKerjaAvg);
        Assert.Null(s.Predikat);
        Assert.Equal(0, s.PeriodsSangatBaik);
    }

    [Fact]
    public async Task EmployeeAsync_UnknownNip_IsNull() =>
        Assert.Null(await Rollups.Queries(db.DataSource, _time).EmployeeAsync(TestNips.Make(999_999)));

    [Fact]
    public async Task EmployeeAsync_NoPeriod_IsTheCurrentMonthInTheRegionsZone()
    {
        // still March in UTC and in Jakarta, already April in Manokwari
        var nip = (await SeedAsync("emp-wit", 1800, tz: "Asia/Jayapura"))[1];
        var time = new SettableTime(new DateTimeOffset(2026, 3, 31, 15, 30, 0, TimeSpan.Zero)); // 00:30 WIT on 1 April
        var s = await Rollups.Queries(db.DataSource, time).EmployeeAsync(nip);
        Assert.Equal("2026-04", s!.Period);
    }

    [Fact]
    public async Task EmployeeAsync_ActivityJustAfterMidnightWit_CountsInManokwarisNewMonth()
    {
        // DOMAIN.md "Who and where": 00:30 WIT on the 1st belongs to the 1st in Manokwari
        var nip = (await SeedAsync("emp-manokwari", 1900, tz: "Asia/Jayapura"))[1];
        var clock = new RegionClock("Asia/Jayapura");
        var occurred = new DateTimeOffset(2026, 2, 28, 15, 30, 0, TimeSpan.Zero); // still 28 Feb in UTC and Jakarta
        var localDay = clock.LocalDay(occurred);
        await Rollups.DayAsync(db.DataSource, nip, localDay.ToString("yyyy-MM-dd"), approved: 90);
        var queries = Rollups.Queries(db.DataSource, _time);

        Assert.Equal(90, (await queries.EmployeeAsync(nip, Period.Month(2026, 3)))!.ActivityMinutes);
        Assert.Equal(0, (await queries.EmployeeAsync(nip, Period.Month(2026, 2)))!.ActivityMinutes);
    }
}
