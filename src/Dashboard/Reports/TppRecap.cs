using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;

namespace Kinerja.Dashboard.Reports;

/// <summary>One employee's line of the TPP recap: the snapshot's attendance and activity figures and the rules' outputs.</summary>
public sealed record TppRecapRow(string Nip, string Name, string Status, string Position, int WorkingDays, int Hadir, int Terlambat,
    int LateMinutes, int Izin, int Sakit, int Cuti, int DinasLuar, int TksDays, int ActivityMinutes, int ActivityTargetMinutes,
    double ActivityPct, double? TppPercent, decimal TppCeiling, decimal? TppEstimate, string PercentRule, string EstimateRule);

/// <summary>A unit's sheet of the recap.</summary>
public sealed record TppRecapSheet(string UnitId, string UnitName, IReadOnlyList<TppRecapRow> Rows);

/// <summary>The whole recap: a unit, or every unit of a region.</summary>
public sealed record TppRecapData(string RegionId, string RegionName, string Period, DateTimeOffset DataAsOf, string RuleVersions,
    IReadOnlyList<TppRecapSheet> Sheets);

/// <summary>Gathers the TPP recap: one set-based snapshot read of the scope, each snapshot evaluated by the active rules.</summary>
public static class TppRecap
{
    public static async Task<TppRecapData> BuildAsync(ReportJobRow job, IIndicatorQueries indicators, ReportReads reads,
        RuleFigures rules, DateTimeOffset now, Func<int, Task> progress, CancellationToken ct)
    {
        var period = Period.Parse(job.Period);
        var filter = job.UnitId is { } unit ? EmployeeFilter.Unit(unit) : EmployeeFilter.Region(job.RegionId!);
        var people = (await reads.PeopleAsync(job.RegionId, job.UnitId, ct)).ToDictionary(p => p.Nip);
        var snapshots = await indicators.EmployeesAsync(period, filter, ct);
        await progress(20);
        var rows = new List<(string UnitId, TppRecapRow Row)>(snapshots.Count);
        for (var i = 0; i < snapshots.Count; i++)
        {
            var s = snapshots[i];
            var outcome = rules.Evaluate(s);
            var person = people.GetValueOrDefault(s.Nip);
            rows.Add((s.UnitId, new TppRecapRow(s.Nip, person?.Name ?? "", s.Status, s.Position, s.WorkingDays, s.AttendanceHadir,
                s.AttendanceTerlambat, s.LateMinutes, s.AttendanceIzin, s.AttendanceSakit, s.AttendanceCuti, s.AttendanceDinasLuar,
                s.TksDays, s.ActivityMinutes, s.ActivityTargetMinutes, s.ActivityPct, outcome.TppPercent, s.TppCeiling,
                outcome.TppEstimate, rules.SourceOf(outcome, "tppPercent"), rules.SourceOf(outcome, "tppEstimate"))));
            if (i % 200 == 199)
            {
                await progress(20 + 60 * (i + 1) / snapshots.Count);
            }
        }
        var units = people.Values.Select(p => (p.UnitId, p.UnitName)).Distinct().ToDictionary(u => u.UnitId, u => u.UnitName);
        var sheets = rows.GroupBy(r => r.UnitId)
            .Select(g => new TppRecapSheet(g.Key, units.GetValueOrDefault(g.Key, g.Key), g.Select(r => r.Row).OrderBy(r => r.Name).ThenBy(r => r.Nip).ToList()))
            .OrderBy(s => s.UnitName).ThenBy(s => s.UnitId).ToList();
        if (sheets.Count == 0 && job.UnitId is { } only)
        {
            sheets.Add(new TppRecapSheet(only, units.GetValueOrDefault(only, only), []));
        }
        var region = people.Values.FirstOrDefault()?.RegionName ?? await reads.RegionNameAsync(job.ScopeRegionId, ct) ?? job.ScopeRegionId;
        return new TppRecapData(job.ScopeRegionId, region, job.Period, now, rules.VersionsText, sheets);
    }
}
