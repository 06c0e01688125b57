using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Security headers on every response: nosniff, no referrer across origins, no framing (X-Frame-Options and CSP
/// frame-ancestors), and the configured Content-Security-Policy (the API reference UI gets its own, self only).
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
        else
        {
            // The API reference page runs one inline script (Scalar's start-up, with a per-request nonce) and inline
            // styles; everything else, including what it fetches, must come from this server.
            ctx.Response.OnStarting(() =>
            {
                var nonce = ctx.Items[ScalarOptions.NonceHttpContextItemKey] as string;
                headers.ContentSecurityPolicy = ApiReferencePolicy(nonce);
                return Task.CompletedTask;
            });
        }
        return next(ctx);
    }

    /// <summary>The Content-Security-Policy of <c>/scalar</c>: self only, the page's own script by nonce.</summary>
    public static string ApiReferencePolicy(string? nonce) =>
        "default-src 'self'; script-src 'self'" + (nonce is null ? "" : $" 'nonce-{nonce}'")
        + "; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
