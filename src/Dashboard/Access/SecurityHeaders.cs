using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Security headers on every response: nosniff, no referrer across origins, no framing (X-Frame-Options and CSP
/// frame-ancestors), and the configured Content-Security-Policy (except on the API reference UI, which needs its own).
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next, IOptions<AccessOptions> options)
{
    public Task InvokeAsync(HttpContext ctx)
    {
        var headers = ctx.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (!ctx.Request.Path.StartsWithSegments("/scalar"))
        {
            headers.ContentSecurityPolicy = options.Value.ContentSecurityPolicy;
        }
        return next(ctx);
    }
}
