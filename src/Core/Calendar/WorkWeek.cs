namespace Kinerja.Core.Calendar;

/// <summary>The work week is Monday-Friday (DOMAIN.md "Who and where").</summary>
public static class WorkWeek
{
    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
