using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Hosting;

namespace Kinerja.Rules.Live;

/// <summary>
/// The annual evaluation (issue 19, DOMAIN.md "The performance cycle" step 3 and "SKP ... Evaluation: periodic and
/// annual"): the year <c>YYYY</c> evaluated through the same workflows as a month, on the indicators' year snapshot
/// (<see cref="IIndicatorQueries"/> over <see cref="Period.Year"/>: every score of the year's months pooled, TKS days
/// over the whole year, SKP assessments of the year's months and quarters with the newest winning), by the rule versions
/// in force in its December (<see cref="Store.RuleMonth.Of"/>). Its levels are stored like monthly ones with period
/// <c>YYYY</c> in <c>employee_period_level</c>; its triggers are not stored: the monthly evaluation reads year-to-date
/// figures already (PP 94/2021's TKS days per year, <c>TksDaysYtd</c>) and raises each trigger once, so a period
/// <c>YYYY</c> copy would be a second sanction, reward or follow-up item for the same cause. Every month close evaluates
/// the closed month's year (the year so far: provisional); the close of December makes it final.
/// </summary>
public static class AnnualEvaluation
{
    /// <summary>Evaluates the year <paramref name="year"/> for every employee and unit (all regions) and stores the levels.</summary>
    public static async Task<IReadOnlyList<Engine.EvaluationOutcome>> RunAsync(IIndicatorQueries queries,
        RuleEvaluationService evaluation, LevelStore levels, int year, CancellationToken ct)
    {
        var period = Period.Year(year);
        var employees = await queries.EmployeesAsync(period, ct: ct);
        var units = await queries.UnitSnapshotsAsync(period, ct: ct);
        var outcomes = await evaluation.EvaluateWithoutTriggersAsync(employees, units, ct);
        await levels.SaveAsync(outcomes, ct);
        return outcomes;
    }

    /// <summary>
    /// True when closing <paramref name="closedMonth"/> makes its year's predicate final (December); the close of any
    /// other month stores the year so far, a provisional ("sementara") annual predicate.
    /// </summary>
    public static bool ClosesYear(Period closedMonth) => closedMonth.Kind == PeriodKind.Month && closedMonth.Start.Month == 12;
}
