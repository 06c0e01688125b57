using Kinerja.Core.Domain;

namespace Kinerja.Dashboard.SkpMonitoring;

/// <summary>The evaluation period a screen shows and its due days (<see cref="SkpDueOptions"/>).</summary>
/// <param name="Period">The evaluation period (<c>YYYY-MM</c> or <c>YYYY-Qn</c>).</param>
/// <param name="RealisationDue">The last local day a realisation of it is on time.</param>
/// <param name="AssessmentDue">The last local day an assessment of it is on time.</param>
public sealed record SkpDueDays(Period Period, DateOnly RealisationDue, DateOnly AssessmentDue)
{
    /// <summary>The last closed evaluation period on <paramref name="today"/> (the month or quarter before today's).</summary>
    public static Period LastClosed(DateOnly today, string evaluationPeriod) => evaluationPeriod == "quarter"
        ? Period.Quarter(today.Year, (today.Month - 1) / 3 + 1).Previous()
        : Period.MonthOf(today).Previous();

    public static SkpDueDays Of(Period period, SkpDueOptions options)
    {
        var last = period.End.AddDays(-1);
        return new SkpDueDays(period, last.AddDays(options.RealisationDueDays), last.AddDays(options.AssessmentDueDays));
    }
}
