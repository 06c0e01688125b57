using System.Globalization;
using System.Security.Claims;

namespace Kinerja.Dashboard.Access;

/// <summary>The claims of a signed-in person: id, user name, display name, role, security stamp and, for pegawai, the
/// NIP. Regions are not claims: they are looked up per request (<see cref="RegionAccess"/>) so revokes apply at once.</summary>
public static class UserPrincipal
{
    public static ClaimsPrincipal Create(UserRecord user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
            new(ClaimTypes.GivenName, user.DisplayName),
            new(ClaimTypes.Role, user.Role),
            new(AccessClaims.Stamp, user.SecurityStamp.ToString()),
        };
        if (user.Nip is { } nip)
        {
            claims.Add(new Claim(AccessClaims.Nip, nip));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The NIP of a signed-in pegawai, or null for anyone else.</summary>
    public static string? NipOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.Role) == AccessRoles.Pegawai
            ? user.FindFirstValue(AccessClaims.Nip)
            : null;

    /// <summary>The audit actor for a principal: <c>user:{name}</c>, <c>source:{name}</c> or <c>anonymous</c>.</summary>
    public static string Actor(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? "anonymous"
        : user.HasClaim(c => c.Type == AccessClaims.SourceId) ? user.Identity.Name ?? "source:?"
        : "user:" + user.Identity.Name;
}
