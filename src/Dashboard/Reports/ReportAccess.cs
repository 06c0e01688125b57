using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.FollowUp;

namespace Kinerja.Dashboard.Reports;

/// <summary>
/// Who may request and read which document: HR (sdm) of the region every kind; leaders (pimpinan) of the region the unit
/// report; an employee their own evaluation, and a superior the evaluation of their direct reports. A job is read only by
/// the account that requested it and by HR of its region (others get 404, so ids reveal nothing).
/// </summary>
internal static class ReportAccess
{
    /// <summary>The outcome of a request's access check: the scope's region, or a status and why.</summary>
    public sealed record Decision(string? Region, int Status, string? Detail);

    public static async Task<Decision> ForRequestAsync(ReportSpec spec, FollowUpViewer viewer, AccessCache cache, TeamScope team,
        ReportReads reads, CancellationToken ct)
    {
        if (viewer.Employee is { } me)
        {
            if (spec.Kind != ReportKinds.Evaluation)
            {
                return new(null, 403, "Employees may request only evaluation documents (their own, or of their direct reports).");
            }
            if (spec.Nip != me.Nip && !await team.IsDirectReportAsync(me.Nip, spec.Nip!, ct))
            {
                return new(null, 403, "You may request only your own evaluation document or those of your direct reports.");
            }
            return new(me.Nip == spec.Nip ? me.RegionId : await cache.RegionOfEmployeeAsync(spec.Nip!, ct), 0, null);
        }
        var region = spec.RegionId is { } r ? (await reads.RegionNameAsync(r, ct) is null ? null : r)
            : spec.UnitId is { } u ? await cache.RegionOfUnitAsync(u, ct)
            : await cache.RegionOfEmployeeAsync(spec.Nip!, ct);
        if (region is null)
        {
            var (field, value) = spec.RegionId is not null ? ("regionId", spec.RegionId) : spec.UnitId is not null ? ("unitId", spec.UnitId) : ("nip", spec.Nip);
            return new(null, 404, $"'{field}': nothing has the id '{value}'.");
        }
        if (viewer.IsHrOf(region))
        {
            return new(region, 0, null);
        }
        if (viewer.User.Role == AccessRoles.Pimpinan && spec.Kind == ReportKinds.Unit && viewer.MayReadRegion(region))
        {
            return new(region, 0, null);
        }
        return new(null, 403, spec.Kind == ReportKinds.Unit
            ? $"Unit reports of region '{region}' are for its HR (sdm) and leaders (pimpinan)."
            : $"{(spec.Kind == ReportKinds.Tpp ? "TPP recaps" : "Evaluation documents")} of region '{region}' are for its HR (sdm).");
    }

    public static bool MayRead(ReportJobRow job, FollowUpViewer viewer) =>
        job.RequestedBy == viewer.User.Username || viewer.IsHrOf(job.ScopeRegionId);
}
