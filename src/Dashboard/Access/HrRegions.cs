using System.Security.Claims;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// The regions whose HR work a person may do (<see cref="Policies.Hr"/> lets sdm and admin in; this narrows it per region):
/// null for every region (an admin, or an sdm without granted regions), else the regions granted to the sdm; empty when the
/// session is no longer valid.
/// </summary>
public static class HrRegions
{
    public static async Task<IReadOnlySet<string>?> OfAsync(ClaimsPrincipal user, RegionAccess access, CancellationToken ct)
    {
        if (user.IsInRole(AccessRoles.Admin))
        {
            return null;
        }
        var record = await access.CurrentUserAsync(user, ct);
        return record is null ? new HashSet<string>() : record.Regions.Count > 0 ? record.Regions.ToHashSet(StringComparer.Ordinal) : null;
    }

    /// <summary>True when the person may do HR work in <paramref name="regionId"/>.</summary>
    public static bool Allows(IReadOnlySet<string>? regions, string regionId) => regions is null || regions.Contains(regionId);
}
