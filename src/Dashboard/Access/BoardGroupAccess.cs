using System.Security.Claims;
using System.Text.RegularExpressions;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Who may join which hub group: <c>public:{regionId}</c> anyone (aggregates only); <c>region:{id}</c> a
/// person who may read that region; <c>unit:{id}</c> a person who may read the unit's region;
/// <c>employee:{nip}</c> that employee and their superiors (direct and the chain above, <see cref="TeamScope"/>) and
/// nobody else, leaders and HR included (they have no NIP). Anything else: no one.
/// Call from the hub's <c>Subscribe</c> before <c>Groups.AddToGroupAsync</c>.
/// </summary>
public sealed partial class BoardGroupAccess(RegionAccess access, TeamScope team)
{
    /// <summary>True for <c>public:{id}</c>, <c>region:{id}</c>, <c>unit:{id}</c> with a lower-case id and <c>employee:{nip}</c>.</summary>
    public static bool IsWellFormed(string? group) => group is not null && GroupShape().IsMatch(group);

    public async Task<bool> CanJoinAsync(ClaimsPrincipal? user, string group, CancellationToken ct = default)
    {
        var m = GroupShape().Match(group ?? "");
        if (!m.Success)
        {
            return false;
        }
        var (kind, id) = m.Groups[1].Success ? (m.Groups[1].Value, m.Groups[2].Value) : (m.Groups[3].Value, m.Groups[4].Value);
        user ??= new ClaimsPrincipal(new ClaimsIdentity());
        return kind switch
        {
            "public" => true,
            "region" => AccessRolesOf(user) && await access.CanReadRegionAsync(user, id, ct),
            "unit" => AccessRolesOf(user) && await access.CanReadUnitAsync(user, id, ct),
            "employee" => await team.CanSeeEmployeeAsync(user, id, ct),
            _ => false,
        };
    }

    private static bool AccessRolesOf(ClaimsPrincipal user) =>
        AccessRoles.IsKnown(user.FindFirstValue(ClaimTypes.Role));

    [GeneratedRegex("^(?:(public|region|unit):([a-z0-9][a-z0-9-]{0,62})|(employee):([0-9]{18}))$")]
    private static partial Regex GroupShape();
}
