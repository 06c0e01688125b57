using Kinerja.Core.Domain;

namespace Kinerja.Core.Skp;

/// <summary>
/// Evaluation periods of a plan (DOMAIN.md: monthly or quarterly, the agency chooses): <c>YYYY-MM</c> or <c>YYYY-Qn</c> of
/// the plan's year, the keys per-period targets already use. Realisations and assessments are filed per such period.
/// </summary>
public static class SkpPeriods
{
    /// <summary>
    /// The zone "today" is judged in for the future-period check: Indonesia's easternmost (WIT, UTC+9), so no region is
    /// refused a period that has already begun there.
    /// </summary>
    public static readonly TimeSpan LatestOffset = TimeSpan.FromHours(9);

    /// <summary>The period of <paramref name="key"/>, or an error at <paramref name="field"/>.</summary>
    public static (Period? Period, SkpFieldError? Error) Read(string? key, string field)
    {
        if (string.IsNullOrEmpty(key))
        {
            return (null, new(field, "period is required: an evaluation period YYYY-MM or YYYY-Qn (e.g. 2026-03 or 2026-Q1)."));
        }
        if (!Period.TryParse(key, out var period) || period.Kind is not (PeriodKind.Month or PeriodKind.Quarter))
        {
            return (null, new(field, $"period must be an evaluation period YYYY-MM or YYYY-Qn (e.g. 2026-03 or 2026-Q1); got '{key}'."));
        }
        return (period, null);
    }

    /// <summary>An error when <paramref name="period"/> is outside the plan's year or has not begun yet; else null.</summary>
    public static SkpFieldError? Check(Period period, int planYear, DateTimeOffset now, string field)
    {
        if (period.Start.Year != planYear)
        {
            return new(field, $"period {period.Key} is outside the plan's year {planYear}: use YYYY-MM or YYYY-Qn of {planYear}.");
        }
        var today = DateOnly.FromDateTime(now.ToOffset(LatestOffset).DateTime);
        if (period.Start > today)
        {
            return new(field, $"period {period.Key} has not begun yet (it starts {period.Start:yyyy-MM-dd}): file it once the period is under way.");
        }
        return null;
    }
}
