using System.Security.Claims;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Region scope of people: sdm and admin read every region, pimpinan only the regions granted to them
/// (read from the database through <see cref="AccessCache"/>, so a revoke takes effect on the next request).
/// Usable from endpoints (via <see cref="Policies.ReadRegion"/>), hubs and services.
/// </summary>
public sealed class RegionAccess(AccessCache cache)
{
    /// <summary>True when <paramref name="user"/> may read data of <paramref name="regionId"/>.</summary>
    public async Task<bool> CanReadRegionAsync(ClaimsPrincipal user, string regionId, CancellationToken ct = default)
    {
        var regions = await ReadableRegionsAsync(user, ct);
        return regions is null || regions.Contains(regionId);
    }

    public async Task<bool> CanReadUnitAsync(ClaimsPrincipal user, string unitId, CancellationToken ct = default)
    {
        var regions = await ReadableRegionsAsync(user, ct);
        if (regions is null)
        {
            return IsPerson(user);
        }
        var region = await cache.RegionOfUnitAsync(unitId, ct);
        return region is not null && regions.Contains(region);
    }

    public async Task<bool> CanReadEmployeeAsync(ClaimsPrincipal user, string nip, CancellationToken ct = default)
    {
        var regions = await ReadableRegionsAsync(user, ct);
        if (regions is null)
        {
            return IsPerson(user);
        }
        var region = await cache.RegionOfEmployeeAsync(nip, ct);
        return region is not null && regions.Contains(region);
    }

    /// <summary>
    /// The regions the user may read: null for every region (sdm, admin), a set (possibly empty) for pimpinan,
    /// empty for anyone else (pegawai, anonymous, ingest sources, disabled or changed users).
    /// </summary>
    public async Task<IReadOnlySet<string>?> ReadableRegionsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var record = await CurrentUserAsync(user, ct);
        if (record is null)
        {
            return new HashSet<string>();
        }
        // Only sdm and admin read every region; a pegawai reads no region (self and team go through TeamScope).
        return AccessRoles.IsRegionScoped(record.Role) ? record.Regions.ToHashSet()
            : AccessRoles.IsKnown(record.Role) ? null
            : new HashSet<string>();
    }

    /// <summary>The signed-in person's current record when their session is still valid (same stamp, role and NIP,
    /// enabled, activated), else null.</summary>
    public async Task<UserRecord?> CurrentUserAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.Identity?.IsAuthenticated != true
            || !long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            || user.FindFirstValue(AccessClaims.Stamp) is not { } stamp)
        {
            return null;
        }
        var record = await cache.UserAsync(id, ct);
        return record is { Disabled: false, MustChangePassword: false } && record.SecurityStamp.ToString() == stamp
               && record.Role == user.FindFirstValue(ClaimTypes.Role)
               && record.Nip == user.FindFirstValue(AccessClaims.Nip)
            ? record
            : null;
    }

    private static bool IsPerson(ClaimsPrincipal user) => AccessRoles.IsKnown(user.FindFirstValue(ClaimTypes.Role));
}
