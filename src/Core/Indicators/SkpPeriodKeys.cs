using Kinerja.Core.Domain;

namespace Kinerja.Core.Indicators;

/// <summary>
/// Which SKP evaluation periods (<c>YYYY-MM</c> or <c>YYYY-Qn</c>, the keys realisations and assessments are filed
/// under) count for a snapshot period: the periods that lie inside it or contain it. A month reads its own month and its
/// quarter (an agency evaluating quarterly assesses the quarter); a quarter reads itself and its three months; a year
/// reads every month and quarter of the year. Where several count, the newest realisation or assessment wins.
/// </summary>
internal static class SkpPeriodKeys
{
    public static string[] For(Period levelPeriod)
    {
        var year = levelPeriod.Start.Year;
        var quarterOf = (levelPeriod.Start.Month - 1) / 3 + 1;
        return levelPeriod.Kind switch
        {
            PeriodKind.Year => [.. Enumerable.Range(1, 12).Select(m => Period.Month(year, m).Key),
                .. Enumerable.Range(1, 4).Select(q => Period.Quarter(year, q).Key)],
            PeriodKind.Quarter => [levelPeriod.Key, .. PeriodPlan.MonthsOf(levelPeriod).Select(m => m.Key)],
            _ => [Period.MonthOf(levelPeriod.Start).Key, Period.Quarter(year, quarterOf).Key],
        };
    }
}
