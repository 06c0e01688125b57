using System.Globalization;

namespace Kinerja.ScaleOut.Tests.Infrastructure;

/// <summary>
/// The clock of the server processes, shared with the tests: the machine's clock shifted to 10:00 WIB on the 18th of
/// its current month (<c>Kinerja:Clock:Offset</c>, passed to every process). Mid-month on a weekday morning, the
/// month always has working days behind it, whatever the date the suite runs on (the first working days of January
/// have none before them in the year, and the last evening of a month in WIT is already the next day there).
/// </summary>
public static class ClusterClock
{
    /// <summary>The shift from the machine's clock, fixed for the test run.</summary>
    public static readonly TimeSpan Offset = MidMonth(DateTimeOffset.UtcNow) - DateTimeOffset.UtcNow;

    /// <summary>The processes' "now".</summary>
    public static DateTimeOffset Now => DateTimeOffset.UtcNow + Offset;

    /// <summary>The processes' "today" in WIB.</summary>
    public static DateOnly TodayWib => DateOnly.FromDateTime(Now.ToOffset(TimeSpan.FromHours(7)).DateTime);

    /// <summary>The <c>Kinerja:Clock:Offset</c> setting of the processes.</summary>
    public static string Setting => Offset.ToString("c", CultureInfo.InvariantCulture);

    private static DateTimeOffset MidMonth(DateTimeOffset utc)
    {
        var wib = utc.ToOffset(TimeSpan.FromHours(7));
        var day = new DateTimeOffset(wib.Year, wib.Month, 18, 10, 0, 0, TimeSpan.FromHours(7));
        // the 18th may fall on a weekend: the nearest weekday before it
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(-1);
        }
        return day;
    }
}
