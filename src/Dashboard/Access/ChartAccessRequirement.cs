using Microsoft.AspNetCore.Authorization;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Board chart files (<c>/charts/{file}</c>, ids <c>p.{region}.*</c>, <c>r.{region}.*</c>, <c>u.{unit}.*</c>):
/// public charts (<c>p.</c>) for anyone, region and unit charts only for people who may read that region.
/// </summary>
public sealed class ChartAccessRequirement : IAuthorizationRequirement;

internal sealed class ChartAccessHandler(RegionAccess access) : AuthorizationHandler<ChartAccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ChartAccessRequirement requirement)
    {
        if (context.Resource is not HttpContext http
            || http.Request.RouteValues.Values.FirstOrDefault(v => v is string) is not string file)
        {
            return;
        }
        var parts = file.Split('.', 3);
        if (parts.Length < 3 || parts[1].Length is 0 or > 63)
        {
            return;
        }
        var ct = http.RequestAborted;
        var allowed = parts[0] switch
        {
            "p" => true,
            "r" => context.User.Identity?.IsAuthenticated == true && await access.CanReadRegionAsync(context.User, parts[1], ct)
                   && await access.CurrentUserAsync(context.User, ct) is not null,
            "u" => await access.CanReadUnitAsync(context.User, parts[1], ct) && await access.CurrentUserAsync(context.User, ct) is not null,
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}
