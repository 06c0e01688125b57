using System.Security.Claims;
using Kinerja.Dashboard.Access;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Survey;

/// <summary>
/// Who reads and answers a unit's complaints (<see cref="Policies.Complaints"/> lets sdm and pegawai through; this
/// decides per unit): HR (sdm) for every unit, as HR reads every region; a signed-in employee (pegawai) only for their
/// own unit and only when the unit's region is listed in <c>Kinerja:Survey:ComplaintStaffRegions</c>. Leaders
/// (pimpinan) and admins see the counts on the board, not the texts.
/// </summary>
public sealed class ComplaintAccess(RegionAccess regions, TeamScope team, IOptions<SurveyOptions> options)
{
    public async Task<bool> CanHandleAsync(ClaimsPrincipal user, string unitId, CancellationToken ct)
    {
        var record = await regions.CurrentUserAsync(user, ct);
        if (record is null)
        {
            return false;
        }
        if (record.Role == AccessRoles.Sdm)
        {
            return true;
        }
        return record.Role == AccessRoles.Pegawai
               && record.Nip is { } nip
               && await team.EmployeeAsync(nip, ct) is { Active: true } employee
               && employee.UnitId == unitId
               && options.Value.ComplaintStaffRegions.Contains(employee.RegionId, StringComparer.Ordinal);
    }
}
