using System.Security.Claims;
using System.Text.RegularExpressions;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Who may join which board hub group: <c>public:{regionId}</c> anyone (aggregates only); <c>region:{id}</c> a
/// person who may read that region; <c>unit:{id}</c> a person who may read the unit's region. Anything else: no one.
/// Call from the hub's <c>Subscribe</c> before <c>Groups.AddToGroupAsync</c>.
/// </summary>
public sealed partial class BoardGroupAccess(RegionAccess access)
{
    /// <summary>True for <c>public:{id}</c>, <c>region:{id}</c> and <c>unit:{id}</c> with a lower-case id.</summary>
    public static bool IsWellFormed(string? group) => group is not null && GroupShape().IsMatch(group);

    public async Task<bool> CanJoinAsync(ClaimsPrincipal? user, string group, CancellationToken ct = default)
    {
        var m = GroupShape().Match(group ?? "");
        if (!m.Success)
        {
            return false;
        }
        var id = m.Groups[2].Value;
        user ??= new ClaimsPrincipal(new ClaimsIdentity());
        return m.Groups[1].Value switch
        {
            "public" => true,
            "region" => AccessRolesOf(user) && await access.CanReadRegionAsync(user, id, ct),
            "unit" => AccessRolesOf(user) && await access.CanReadUnitAsync(user, id, ct),
            _ => false,
        };
    }

    private static bool AccessRolesOf(ClaimsPrincipal user) =>
        AccessRoles.IsKnown(user.FindFirstValue(ClaimTypes.Role));

    [GeneratedRegex("^(public|region|unit):([a-z0-9][a-z0-9-]{0,62})$")]
    private static partial Regex GroupShape();
}
