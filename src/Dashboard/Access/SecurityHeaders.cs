using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// The one security-header middleware, for every response: nosniff, no framing (X-Frame-Options and CSP
/// frame-ancestors), cross-origin isolation of the window, no powerful browser features, and one
/// Content-Security-Policy (<see cref="AccessOptions.ContentSecurityPolicy"/>: this origin only, no inline script or
/// style; charts arrive as SVG and show through blob: images). Two documented departures from it:
/// <list type="bullet">
/// <item>a screen opened in kiosk mode (<c>?kiosk=1</c>) may be framed by this origin (signage players embedding the
/// board from the same server): <c>frame-ancestors 'self'</c>, X-Frame-Options SAMEORIGIN;</item>
/// <item>the API reference (<c>/scalar</c>) runs one inline start-up script by per-request nonce and inline styles
/// (<see cref="ApiReferencePolicy"/>).</item>
/// </list>
/// The screens (<c>/papan</c>, <c>/publik</c>, <c>/aturan</c>) are never cached and send no referrer.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next, IOptions<AccessOptions> options)
{
    /// <summary>The policy's framing directive and its kiosk replacement.</summary>
    internal const string NoFraming = "frame-ancestors 'none'";

    internal const string SameOriginFraming = "frame-ancestors 'self'";

    public Task InvokeAsync(HttpContext ctx)
    {
        var headers = ctx.Response.Headers;
        var path = ctx.Request.Path;
        var screen = path.StartsWithSegments("/papan") || path.StartsWithSegments("/publik") || path.StartsWithSegments("/aturan");
        var kiosk = screen && ctx.Request.Query["kiosk"] == "1";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = screen ? "no-referrer" : "strict-origin-when-cross-origin";
        headers.XFrameOptions = kiosk ? "SAMEORIGIN" : "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (screen)
        {
            headers.CacheControl = "no-store";
        }
        if (path.StartsWithSegments("/scalar"))
        {
            ctx.Response.OnStarting(() =>
            {
                headers.ContentSecurityPolicy = ApiReferencePolicy(ctx.Items[ScalarOptions.NonceHttpContextItemKey] as string);
                return Task.CompletedTask;
            });
        }
        else
        {
            var policy = options.Value.ContentSecurityPolicy;
            headers.ContentSecurityPolicy = kiosk ? policy.Replace(NoFraming, SameOriginFraming, StringComparison.Ordinal) : policy;
        }
        return next(ctx);
    }

    /// <summary>The Content-Security-Policy of <c>/scalar</c>: self only, the page's own script by nonce.</summary>
    public static string ApiReferencePolicy(string? nonce) =>
        "default-src 'self'; script-src 'self'" + (nonce is null ? "" : $" 'nonce-{nonce}'")
        + "; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
