using Kinerja.Core.Domain;

namespace Kinerja.Core.Calendar;

/// <summary>Target minutes of a period with the working days it was derived from.</summary>
public readonly record struct TargetFigures(int TargetMinutes, int WorkingDays, int WorkingDaysElapsed);

/// <summary>
/// Activity targets pro-rated by working days (DOMAIN.md "Daily activity": typical monthly target
/// 6,750 minutes, configurable per region). A month's target is the region's monthly target ×
/// elapsed working days ÷ working days of the month (so a closed month gets the full target, the
/// current month its month-to-date share, a future month 0). A day gets the month target ÷ working
/// days of its month when it is a working day that has started, else 0. Quarter and year are the
/// sum of their months. Each month's share is rounded to whole minutes before summing.
/// </summary>
public static class ActivityTarget
{
    public static TargetFigures For(RegionCalendar calendar, Period period, DateOnly today)
    {
        var workingDays = calendar.WorkingDays(period);
        var elapsed = calendar.ElapsedWorkingDays(period, today);
        var target = 0;
        if (period.Kind == PeriodKind.Day)
        {
            if (elapsed == 1)
            {
                target = Share(calendar.MonthlyTargetMinutes, 1, calendar.WorkingDays(Period.MonthOf(period.Start)));
            }
            return new TargetFigures(target, workingDays, elapsed);
        }
        for (var month = Period.MonthOf(period.Start); month.Start < period.End; month = Period.MonthOf(month.End))
        {
            target += Share(calendar.MonthlyTargetMinutes, calendar.ElapsedWorkingDays(month, today), calendar.WorkingDays(month));
        }
        return new TargetFigures(target, workingDays, elapsed);
    }

    /// <summary>Month target × elapsed ÷ working days, rounded half away from zero.</summary>
    public static int Share(int monthlyTarget, int elapsedWorkingDays, int workingDaysOfMonth) =>
        workingDaysOfMonth == 0
            ? 0
            : (int)Math.Round((double)monthlyTarget * elapsedWorkingDays / workingDaysOfMonth, MidpointRounding.AwayFromZero);
}
