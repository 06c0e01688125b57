namespace Kinerja.Dashboard.Pages;

/// <summary>
/// Headers for every response: no MIME sniffing; on the screens a CSP that allows only this origin
/// (charts arrive as SVG and are shown through blob: images), no framing except kiosk pages by
/// this origin (signage players embedding the board from the same server).
/// </summary>
public static class SecurityHeaders
{
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
        + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; ";

    public static IApplicationBuilder UseKinerjaSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        var path = http.Request.Path;
        if (path.StartsWithSegments("/papan") || path.StartsWithSegments("/aturan") || path.StartsWithSegments("/publik"))
        {
            var kiosk = http.Request.Query["kiosk"] == "1";
            headers.ContentSecurityPolicy = Csp + (kiosk ? "frame-ancestors 'self'" : "frame-ancestors 'none'");
            headers.XFrameOptions = kiosk ? "SAMEORIGIN" : "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
        }
        await next(http);
    });
}
