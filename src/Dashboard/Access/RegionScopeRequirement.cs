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
    private const int MaxNamed = 16;

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
        // Every region, unit and NIP the request names must be readable (a readable region=... must not
        // smuggle an unreadable unit=... past the check), and a pimpinan request must name at least one.
        var named = 0;
        foreach (var region in Values(http, RegionKeys))
        {
            named++;
            if (!regions.Contains(region))
            {
                return false;
            }
        }
        foreach (var unit in Values(http, UnitKeys))
        {
            named++;
            if (named > MaxNamed || unit.Length > 63 || !await access.CanReadUnitAsync(user, unit, ct))
            {
                return false;
            }
        }
        foreach (var nip in Values(http, NipKeys))
        {
            named++;
            if (named > MaxNamed || nip.Length != 18 || !await access.CanReadEmployeeAsync(user, nip, ct))
            {
                return false;
            }
        }
        return named > 0;
    }

    private static IEnumerable<string> Values(HttpContext http, string[] keys)
    {
        foreach (var key in keys)
        {
            if (http.Request.RouteValues.TryGetValue(key, out var v) && v?.ToString() is { Length: > 0 } s)
            {
                yield return s;
            }
            if (http.Request.Query.TryGetValue(key, out var q))
            {
                foreach (var qs in q)
                {
                    if (!string.IsNullOrEmpty(qs))
                    {
                        yield return qs;
                    }
                }
            }
        }
    }
}
