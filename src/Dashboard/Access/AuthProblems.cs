namespace Kinerja.Dashboard.Access;

/// <summary>401/403 for machines as problem details; browsers asking for pages are redirected instead.</summary>
internal static class AuthProblems
{
    /// <summary>API, hub and chart requests, and anything that does not ask for HTML, get problem details.</summary>
    public static bool WantsProblem(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/charts"))
        {
            return true;
        }
        var accept = request.Headers.Accept.ToString();
        return !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    public static Task WriteAsync(HttpContext ctx, int status)
    {
        ctx.Response.StatusCode = status;
        var (title, detail) = status == StatusCodes.Status401Unauthorized
            ? ("Unauthorized", "Sign in (cookie from /masuk) or send an ingest API key (Authorization: Bearer <key> or X-Api-Key).")
            : ("Forbidden", "Your role or region scope does not allow this request.");
        // Always JSON (whatever the Accept header says): machines asked for it by calling an API path.
        return TypedResults.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(ctx);
    }
}
