using Kinerja.Core.Calendar;
using Kinerja.Core.Domain;

namespace Kinerja.Core.Tests.Calendar;

/// <summary>
/// DOMAIN.md "Who and where" (work week Monday-Friday, holidays from the calendar table, the
/// region's local day) and "Daily activity" (6,750-minute monthly target pro-rated by working days).
/// March 2026 has 22 weekdays; with Nyepi (19th) and cuti bersama (20th) 20 working days.
/// </summary>
public class RegionCalendarTests
{
    private static readonly RegionCalendar Siantar = new("pematangsiantar", "Kota Pematangsiantar", "Asia/Jakarta", 6750,
        [new DateOnly(2026, 3, 19), new DateOnly(2026, 3, 20)]);

    private static DateOnly D(int m, int d) => new(2026, m, d);

    [Fact]
    public void IsWorkingDay_WeekendAndHoliday_AreNot()
    {
        Assert.True(Siantar.IsWorkingDay(D(3, 18)));   // Wednesday
        Assert.False(Siantar.IsWorkingDay(D(3, 19)));  // holiday (Thursday)
        Assert.False(Siantar.IsWorkingDay(D(3, 21)));  // Saturday
        Assert.False(Siantar.IsWorkingDay(D(3, 22)));  // Sunday
    }

    [Fact]
    public void WorkingDays_MonthWithTwoHolidays_IsWeekdaysMinusHolidays()
    {
        Assert.Equal(20, Siantar.WorkingDays(Period.Month(2026, 3)));
        Assert.Equal(20, Siantar.WorkingDays(Period.Month(2026, 2)));
        Assert.Equal(22, Siantar.WorkingDays(Period.Month(2026, 1)));
    }

    [Fact]
    public void ElapsedWorkingDays_CountsTodayAndNothingAfter()
    {
        var march = Period.Month(2026, 3);
        Assert.Equal(13, Siantar.ElapsedWorkingDays(march, D(3, 18)));
        Assert.Equal(13, Siantar.ElapsedWorkingDays(march, D(3, 20))); // two holidays add nothing
        Assert.Equal(20, Siantar.ElapsedWorkingDays(march, D(4, 2)));  // closed month: all of it
        Assert.Equal(0, Siantar.ElapsedWorkingDays(march, D(2, 27)));  // future month
    }

    [Fact]
    public void Target_MonthToDate_IsTargetTimesElapsedOverWorkingDays()
    {
        var t = ActivityTarget.For(Siantar, Period.Month(2026, 3), D(3, 18));
        Assert.Equal(4388, t.TargetMinutes); // 6750 × 13 ÷ 20 = 4387.5, rounded half away from zero
        Assert.Equal(20, t.WorkingDays);
        Assert.Equal(13, t.WorkingDaysElapsed);
    }

    [Fact]
    public void Target_ClosedMonth_IsTheFullMonthlyTarget() =>
        Assert.Equal(6750, ActivityTarget.For(Siantar, Period.Month(2026, 2), D(3, 18)).TargetMinutes);

    [Fact]
    public void Target_QuarterAndYear_AreSumsOfTheirMonths()
    {
        Assert.Equal(6750 + 6750 + 4388, ActivityTarget.For(Siantar, Period.Quarter(2026, 1), D(3, 18)).TargetMinutes);
        Assert.Equal(6750 + 6750 + 4388, ActivityTarget.For(Siantar, Period.Year(2026), D(3, 18)).TargetMinutes);
        Assert.Equal(6750 * 12, ActivityTarget.For(Siantar, Period.Year(2025), D(3, 18)).TargetMinutes);
        Assert.Equal(0, ActivityTarget.For(Siantar, Period.Quarter(2026, 2), D(3, 18)).TargetMinutes);
    }

    [Fact]
    public void Target_Day_IsOneWorkingDaysShareAndZeroOnHolidaysAndFutureDays()
    {
        Assert.Equal(338, ActivityTarget.For(Siantar, Period.Day(D(3, 18)), D(3, 18)).TargetMinutes); // 6750 ÷ 20
        Assert.Equal(0, ActivityTarget.For(Siantar, Period.Day(D(3, 19)), D(3, 20)).TargetMinutes);
        Assert.Equal(0, ActivityTarget.For(Siantar, Period.Day(D(3, 21)), D(3, 23)).TargetMinutes);
        Assert.Equal(0, ActivityTarget.For(Siantar, Period.Day(D(3, 23)), D(3, 18)).TargetMinutes);
    }

    [Fact]
    public void Today_IsTheRegionsLocalDate_HalfPastMidnightWitIsTheFirstInManokwari()
    {
        var manokwari = new RegionCalendar("manokwari", "Kabupaten Manokwari", "Asia/Jayapura", 6750, []);
        var time = new Indicators.SettableTime(new DateTimeOffset(2026, 2, 28, 15, 30, 0, TimeSpan.Zero)); // 00:30 WIT 1 Mar
        Assert.Equal(D(3, 1), manokwari.Today(time));
        Assert.Equal(D(2, 28), Siantar.Today(time));
        // and the month-to-date target follows the local date: 1 March is a Sunday, so nothing has elapsed yet
        Assert.Equal(0, ActivityTarget.For(manokwari, Period.MonthOf(manokwari.Today(time)), manokwari.Today(time)).TargetMinutes);
    }
}
