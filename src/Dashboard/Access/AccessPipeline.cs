using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Access;

/// <summary>Middleware and endpoints of the access module.</summary>
public static class AccessPipeline
{
    /// <summary>
    /// Forwarded headers (only from configured proxies), HSTS outside Development, security headers, routing,
    /// body limits, authentication, rate limiting, authorization, antiforgery and the static files of the screens —
    /// in that order. Call once, after <c>UseExceptionHandler</c>/<c>UseStatusCodePages</c> and before mapping
    /// endpoints. Static files (<c>wwwroot</c>: scripts, styles) match no endpoint and need no sign-in.
    /// </summary>
    public static WebApplication UseKinerjaAccess(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AccessOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseMiddleware<SecurityHeaders>();
        app.UseRouting();
        app.UseMiddleware<BodySizeLimit>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseStaticFiles();
        return app;
    }
}
