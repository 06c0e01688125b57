using Microsoft.AspNetCore.Authorization;

namespace Kinerja.Dashboard.Access;

/// <summary>The request's region (from the route or query) must be readable by the user (<see cref="RegionAccess"/>).</summary>
public sealed class RegionScopeRequirement : IAuthorizationRequirement;

/// <summary>A resource for resource-based checks: <c>authorization.AuthorizeAsync(user, new RegionResource(id), Policies.ReadRegion)</c>.</summary>
public sealed record RegionResource(string RegionId);

/// <summary>
/// Finds the region of a request: route values or query parameters <c>region</c>/<c>regionId</c>, else
/// <c>unit</c>/<c>unitId</c> (its region), else <c>nip</c> (the employee's region). A pimpinan request that names
/// none of them, or an unknown unit/employee, is refused (lists across regions need sdm/admin or explicit filtering).
/// </summary>
internal sealed class RegionScopeHandler(RegionAccess access) : AuthorizationHandler<RegionScopeRequirement>
{
    private static readonly string[] RegionKeys = ["region", "regionId"];
    private static readonly string[] UnitKeys = ["unit", "unitId"];
    private static readonly string[] NipKeys = ["nip"];

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RegionScopeRequirement requirement)
    {
        var user = context.User;
        var ct = CancellationToken.None;
        var allowed = context.Resource switch
        {
            RegionResource r => await access.CanReadRegionAsync(user, r.RegionId, ct),
            HttpContext http => await CheckRequestAsync(user, http),
            _ => await access.ReadableRegionsAsync(user, ct) is null,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }

    private async Task<bool> CheckRequestAsync(System.Security.Claims.ClaimsPrincipal user, HttpContext http)
    {
        var ct = http.RequestAborted;
        var regions = await access.ReadableRegionsAsync(user, ct);
        if (regions is null)
        {
            return true;
        }
        if (Value(http, RegionKeys) is { } region)
        {
            return regions.Contains(region);
        }
        if (Value(http, UnitKeys) is { } unit)
        {
            return unit.Length <= 63 && await access.CanReadUnitAsync(user, unit, ct);
        }
        if (Value(http, NipKeys) is { } nip)
        {
            return nip.Length == 18 && await access.CanReadEmployeeAsync(user, nip, ct);
        }
        return false;
    }

    private static string? Value(HttpContext http, string[] keys)
    {
        foreach (var key in keys)
        {
            if (http.Request.RouteValues.TryGetValue(key, out var v) && v?.ToString() is { Length: > 0 } s)
            {
                return s;
            }
            if (http.Request.Query.TryGetValue(key, out var q) && q.Count > 0 && q[0] is { Length: > 0 } qs)
            {
                return qs;
            }
        }
        return null;
    }
}
