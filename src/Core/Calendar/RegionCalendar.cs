using System.Collections.Frozen;
using Kinerja.Core.Domain;

namespace Kinerja.Core.Calendar;

/// <summary>
/// One region's working calendar: Monday-Friday minus the region's holidays (DOMAIN.md "Who and
/// where": the work week is Monday-Friday; holidays come from the <c>holiday</c> table), in the
/// region's own time zone, plus its monthly activity target.
/// </summary>
public sealed class RegionCalendar
{
    public RegionCalendar(string regionId, string name, string timeZoneId, int monthlyTargetMinutes,
        IEnumerable<DateOnly> holidays)
    {
        RegionId = regionId;
        Name = name;
        Clock = new RegionClock(timeZoneId);
        MonthlyTargetMinutes = monthlyTargetMinutes;
        Holidays = holidays.ToFrozenSet();
    }

    public string RegionId { get; }

    public string Name { get; }

    public RegionClock Clock { get; }

    /// <summary>Activity target of a full month in minutes (<c>region.monthly_target_minutes</c>, default 6,750).</summary>
    public int MonthlyTargetMinutes { get; }

    public FrozenSet<DateOnly> Holidays { get; }

    /// <summary>The region-local date now.</summary>
    public DateOnly Today(TimeProvider time) => Clock.Today(time);

    public bool IsHoliday(DateOnly day) => Holidays.Contains(day);

    /// <summary>True on Monday-Friday that is not one of the region's holidays.</summary>
    public bool IsWorkingDay(DateOnly day) => !WorkWeek.IsWeekend(day) && !Holidays.Contains(day);

    /// <summary>Working days in <c>[start, endExclusive)</c>.</summary>
    public int WorkingDays(DateOnly start, DateOnly endExclusive)
    {
        var count = 0;
        for (var d = start; d < endExclusive; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>Working days of the whole period.</summary>
    public int WorkingDays(Period period) => WorkingDays(period.Start, period.End);

    /// <summary>
    /// Working days of the period up to and including <paramref name="today"/> (the day in progress
    /// counts: a month-to-date target expects today's minutes by the end of today). A closed period
    /// gives all its working days; a future one gives 0.
    /// </summary>
    public int ElapsedWorkingDays(Period period, DateOnly today) =>
        WorkingDays(period.Start, Min(period.End, today.AddDays(1)));

    /// <summary>Exclusive end of "to date" for the period: its end, or tomorrow while it is current.</summary>
    public static DateOnly ToDateEnd(Period period, DateOnly today) => Min(period.End, today.AddDays(1));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
