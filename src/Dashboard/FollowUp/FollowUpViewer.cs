using System.Security.Claims;
using Kinerja.Dashboard.Access;
using Kinerja.Rules.FollowUp;

namespace Kinerja.Dashboard.FollowUp;

/// <summary>
/// The signed-in person reading or moving follow-up items, with what they may do: an employee (pegawai) acts on the items
/// assigned to their NIP (as superior, or as the employee when the rule's actor is <c>pegawai</c>) and reads their own;
/// HR (sdm) reads and acts on every item of their regions (the regions granted to them, or every region when none is);
/// leaders (pimpinan, granted regions) and admins read. Only HR moves an item marked <c>perlu_ditinjau</c>.
/// </summary>
internal sealed record FollowUpViewer(UserRecord User, EmployeeEntry? Employee, IReadOnlySet<string>? ReadRegions)
{
    public bool IsHr => User.Role == AccessRoles.Sdm;

    /// <summary>The regions whose HR this person is: null for every region, empty when not HR.</summary>
    public IReadOnlySet<string>? HrRegions => !IsHr ? new HashSet<string>() : User.Regions.Count > 0 ? User.Regions.ToHashSet() : null;

    public bool IsHrOf(string regionId) => IsHr && (HrRegions is null || HrRegions.Contains(regionId));

    public bool MayReadRegion(string regionId) => Employee is null && (ReadRegions is null || ReadRegions.Contains(regionId))
        && (!IsHr || IsHrOf(regionId));

    public bool CanAct(FollowUpRow item) => IsHrOf(item.RegionId)
        || (Employee is not null && item.AssigneeNip == Employee.Nip && item.State != FollowUpStates.ForReview);

    /// <summary>The history's and audit's name for this person.</summary>
    public string ActorName => Employee is not null ? $"{Employee.Name} ({Employee.Nip})"
        : string.IsNullOrWhiteSpace(User.DisplayName) ? User.Username : $"{User.DisplayName} ({User.Username})";

    public static async Task<FollowUpViewer?> ResolveAsync(ClaimsPrincipal user, RegionAccess access, TeamScope team, CancellationToken ct)
    {
        if (await access.CurrentUserAsync(user, ct) is not { } record)
        {
            return null;
        }
        if (record.Role == AccessRoles.Pegawai)
        {
            return record.Nip is { } nip && await team.EmployeeAsync(nip, ct) is { Active: true } e
                ? new FollowUpViewer(record, e, new HashSet<string>())
                : null;
        }
        return new FollowUpViewer(record, null, await access.ReadableRegionsAsync(user, ct));
    }
}
