using Kinerja.Core.Domain;
using Kinerja.Core.Privacy;
using Kinerja.Dashboard.FollowUp;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.SkpMonitoring;

/// <summary>
/// Builds the monitoring report, the leaders' board panels and the public IKU figures from
/// <see cref="SkpMonitoringReads"/>, <see cref="IkuAttainmentReads"/> and <see cref="FollowUpCounts"/>, so the three screens
/// count the same way.
/// </summary>
public sealed class SkpMonitoringService(SkpMonitoringReads reads, IkuAttainmentReads iku, FollowUpCounts followUps, SmallGroups privacy,
    IOptions<SkpDueOptions> options, TimeProvider time)
{
    /// <summary>What a request asked for, resolved against the region's local day (defaults filled in).</summary>
    public sealed record Scope(string RegionId, DateOnly Today, int Year, SkpDueDays Due);

    /// <summary>The scope of a request, or null when the region does not exist.</summary>
    public async Task<Scope?> ScopeAsync(string regionId, int? year, Period? period, CancellationToken ct)
    {
        if (await reads.RegionDayAsync(regionId, time.GetUtcNow(), ct) is not { } day)
        {
            return null;
        }
        var evaluated = period ?? SkpDueDays.LastClosed(day.Today, options.Value.EvaluationPeriod);
        return new Scope(regionId, day.Today, year ?? day.Today.Year, SkpDueDays.Of(evaluated, options.Value));
    }

    public async Task<SkpMonitoringReport> MonitoringAsync(Scope scope, string? unitId, CancellationToken ct)
    {
        var people = await reads.EmployeesAsync(scope.RegionId, unitId, scope.Year, scope.Due, time.GetUtcNow(), ct);
        var units = (await reads.UnitsAsync(scope.RegionId, ct)).Where(u => unitId is null || u.Id == unitId);
        var byUnit = people.ToLookup(p => p.UnitId);
        return new SkpMonitoringReport(scope.RegionId, unitId, scope.Year, scope.Due.Period.Key, scope.Today, scope.Due.RealisationDue,
            scope.Due.AssessmentDue, units.Select(u =>
            {
                var staff = byUnit[u.Id].ToList();
                var noPlan = staff.Where(p => !p.PlanApproved).ToList();
                var lateRealisations = staff.Where(p => SkpDueStatus.IsLate(p.Realisation)).ToList();
                var lateAssessments = staff.Where(p => SkpDueStatus.IsLate(p.Assessment)).ToList();
                return new SkpMonitoringUnit(u.Id, u.Name, staff.Count, noPlan.Count, lateRealisations.Count, lateAssessments.Count,
                    noPlan, lateRealisations, lateAssessments);
            }).ToList());
    }

    public async Task<BoardUnitsReport> BoardAsync(Scope scope, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var people = (await reads.EmployeesAsync(scope.RegionId, null, scope.Year, scope.Due, now, ct)).ToLookup(p => p.UnitId);
        var attainment = await iku.PerUnitAsync(scope.RegionId, scope.Year, ct);
        var month = Period.MonthOf(scope.Today).Key;
        var counts = (await followUps.PerUnitAsync(scope.RegionId, month, now, ct)).ToDictionary(c => c.UnitId, StringComparer.Ordinal);
        var units = await reads.UnitsAsync(scope.RegionId, ct);
        return new BoardUnitsReport(scope.RegionId, scope.Year, scope.Due.Period.Key, scope.Today, scope.Due.RealisationDue,
            scope.Due.AssessmentDue, month, units.Select(u =>
            {
                var staff = people[u.Id].ToList();
                var approved = staff.Count(p => p.PlanApproved);
                var planned = staff.Count(p => p.Realisation != SkpDueStatus.NoPlan);
                var realisedOnTime = staff.Count(p => p.Realisation == SkpDueStatus.OnTime);
                var assessedOnTime = staff.Count(p => p.Assessment == SkpDueStatus.OnTime);
                return new BoardUnitFigures(u.Id, u.Name, staff.Count, approved, Share(approved, staff.Count), planned,
                    realisedOnTime, Share(realisedOnTime, planned), assessedOnTime, Share(assessedOnTime, planned),
                    attainment.GetValueOrDefault(u.Id) ?? new IkuAttainment(0, 0, null),
                    counts.GetValueOrDefault(u.Id) ?? new UnitFollowUpCounts(u.Id, u.Name, 0, 0, 0, 0, 0));
            }).ToList());
    }

    /// <summary>IKU attainment per unit for anyone: a unit with fewer active employees than the privacy floor shows nothing.</summary>
    public async Task<PublicIkuReport> PublicAsync(Scope scope, CancellationToken ct)
    {
        var people = (await reads.EmployeesAsync(scope.RegionId, null, scope.Year, scope.Due, time.GetUtcNow(), ct)).ToLookup(p => p.UnitId);
        var attainment = await iku.PerUnitAsync(scope.RegionId, scope.Year, ct);
        var units = await reads.UnitsAsync(scope.RegionId, ct);
        return new PublicIkuReport(scope.RegionId, scope.Year, privacy.MinGroupSize, units.Select(u =>
        {
            if (!privacy.IsPublishable(people[u.Id].Count()))
            {
                return new PublicIkuUnit(u.Id, u.Name, true, null, null, null);
            }
            var a = attainment.GetValueOrDefault(u.Id) ?? new IkuAttainment(0, 0, null);
            return new PublicIkuUnit(u.Id, u.Name, false, a.IkuCount, a.Reported, a.AttainmentPct);
        }).ToList());
    }

    private static double? Share(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);
}
