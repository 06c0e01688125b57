using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Rules.Live;

/// <summary>
/// Evaluates closed months again after a publish that takes effect from one of them (HR confirmed it): their employees
/// and units through the set now in force for each month, storing new triggers and changed levels (a trigger that no
/// longer holds marks its open follow-up item for review; stored triggers are never deleted).
/// </summary>
public static class ClosedMonthReevaluation
{
    /// <summary>
    /// Re-evaluates <paramref name="months"/> in order (each month's levels feed the next one's history); returns the
    /// months done, or null when this process has no indicators to read them from.
    /// </summary>
    public static async Task<int?> RunAsync(IServiceProvider services, IReadOnlyList<string> months, CancellationToken ct)
    {
        if (services.GetService<IIndicatorQueries>() is not { } queries || services.GetService<LevelStore>() is not { } levels)
        {
            return null;
        }
        var evaluation = services.GetRequiredService<RuleEvaluationService>();
        foreach (var month in months)
        {
            var period = Period.Parse(month);
            var employees = await queries.EmployeesAsync(period, ct: ct);
            var units = await queries.UnitSnapshotsAsync(period, ct: ct);
            var batch = await evaluation.EvaluateAndStoreAsync(employees, units, ct);
            await levels.SaveAsync(batch.Outcomes, ct);
        }
        return months.Count;
    }
}
