using System.Globalization;
using System.Security.Claims;

namespace Kinerja.Dashboard.Access;

/// <summary>The claims of a signed-in person: id, user name, display name, role, security stamp. Regions are not
/// claims: they are looked up per request (<see cref="RegionAccess"/>) so revokes apply at once.</summary>
public static class UserPrincipal
{
    public static ClaimsPrincipal Create(UserRecord user, string scheme) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, user.Username),
            new Claim(ClaimTypes.GivenName, user.DisplayName),
            new Claim(ClaimTypes.Role, user.Role),
            new Claim(AccessClaims.Stamp, user.SecurityStamp.ToString()),
        ], scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The audit actor for a principal: <c>user:{name}</c>, <c>source:{name}</c> or <c>anonymous</c>.</summary>
    public static string Actor(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? "anonymous"
        : user.HasClaim(c => c.Type == AccessClaims.SourceId) ? user.Identity.Name ?? "source:?"
        : "user:" + user.Identity.Name;
}
