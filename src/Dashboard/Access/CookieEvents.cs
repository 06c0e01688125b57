using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Kinerja.Dashboard.Access;

/// <summary>Cookie sessions end when the user is disabled or their stamp changed; machines get 401/403 problems, browsers redirects.</summary>
internal sealed class CookieEvents(RegionAccess access) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || await access.CurrentUserAsync(context.Principal, context.HttpContext.RequestAborted) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AccessClaims.CookieScheme);
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        AuthProblems.WantsProblem(context.Request)
            ? AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized)
            : base.RedirectToLogin(context);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        AuthProblems.WantsProblem(context.Request)
            ? AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden)
            : base.RedirectToAccessDenied(context);
}
