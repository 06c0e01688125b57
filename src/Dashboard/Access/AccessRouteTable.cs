namespace Kinerja.Dashboard.Access;

/// <summary>One row of the route table: a pattern (<c>/a/b</c> exact, <c>/a/**</c> the path and below), optional
/// HTTP methods, the policy (<see cref="Anonymous"/> for <c>AllowAnonymous</c>), an optional rate-limit policy,
/// and whether the endpoint enforces its own body limit.</summary>
public sealed record AccessRoute(string Pattern, string Policy, string[]? Methods = null, string? RateLimit = null,
    bool OwnBodyLimit = false)
{
    public const string Anonymous = "(anonymous)";

    public bool Matches(string route, IReadOnlyList<string>? methods)
    {
        if (Methods is not null && (methods is null || methods.Count == 0 || !methods.All(m => Methods.Contains(m))))
        {
            return false;
        }
        if (Pattern.EndsWith("/**", StringComparison.Ordinal))
        {
            var stem = Pattern[..^3];
            return route == stem || route.StartsWith(stem + "/", StringComparison.Ordinal) || stem.Length == 0;
        }
        return route == Pattern;
    }
}

/// <summary>
/// Who may use which route, applied by <c>app.RequireKinerjaPolicies()</c> to every endpoint that declared no
/// authorization itself. First match wins. An endpoint that matches nothing gets the fallback (admin only) and
/// fails <c>EndpointPolicyTests</c>: add a row here or declare a policy on the endpoint.
/// </summary>
public static class AccessRouteTable
{
    private static readonly string[] Reads = ["GET", "HEAD"];

    public static IReadOnlyList<AccessRoute> Default { get; } =
    [
        // ingest sources (API keys), rate-limited per source; the ingest endpoints cap their own bodies
        new("/api/v1/activities", Policies.IngestWrite, RateLimit: RateLimits.Ingest, OwnBodyLimit: true),
        new("/api/v1/attendance", Policies.IngestWrite, RateLimit: RateLimits.Ingest, OwnBodyLimit: true),
        new("/api/v1/ratings", Policies.IngestWrite, RateLimit: RateLimits.Ingest, OwnBodyLimit: true),
        new("/api/v1/reviews", Policies.IngestWrite, RateLimit: RateLimits.Ingest, OwnBodyLimit: true),
        // rules: sdm and admin read, sdm changes
        new("/api/v1/rules/**", Policies.RulesRead, Reads),
        new("/api/v1/rules/**", Policies.RulesAdmin),
        new("/aturan/**", Policies.RulesRead, Reads),
        new("/aturan/**", Policies.RulesAdmin),
        // region-scoped reads
        new("/api/v1/indicators/**", Policies.ReadRegion),
        new("/api/v1/employees/**", Policies.ReadRegion),
        new("/api/v1/triggers/**", Policies.ReadRegion),
        new("/papan/**", Policies.ReadRegion),
        // reference lists without personal data
        new("/api/v1/regions/**", Policies.SignedIn),
        new("/api/v1/units/**", Policies.SignedIn),
        // administration and operations
        new("/api/v1/board/**", Policies.Admin),
        new("/api/v1/audit/**", Policies.Admin),
        new("/api/v1/users/**", Policies.Admin),
        new("/api/v1/sources/**", Policies.Admin),
        // anonymous: public aggregates (public charts: Policies.Charts above), sign-in, health, docs; the board hub checks each group on Subscribe
        new("/publik/**", AccessRoute.Anonymous),
        new("/charts/**", Policies.Charts),
        new("/hubs/board/**", AccessRoute.Anonymous),
        new("/masuk", AccessRoute.Anonymous),
        new("/keluar", AccessRoute.Anonymous),
        new("/akses-ditolak", AccessRoute.Anonymous),
        new("/health/**", AccessRoute.Anonymous),
        new("/openapi/**", AccessRoute.Anonymous),
        new("/scalar/**", AccessRoute.Anonymous),
        new("/", AccessRoute.Anonymous),
    ];

    private static readonly string[] StaticExtensions =
        [".css", ".js", ".mjs", ".map", ".png", ".svg", ".ico", ".jpg", ".webp", ".woff", ".woff2", ".txt"];

    /// <summary>The route of a pattern in table form: leading slash, no trailing slash, parameters kept, lower-case.</summary>
    public static string Normalize(string? raw)
    {
        var path = "/" + (raw ?? "").Trim('/');
        return path.ToLowerInvariant();
    }

    /// <summary>The first row matching the route and methods; static files (a literal last segment with a web-asset extension) are anonymous.</summary>
    public static AccessRoute? Find(IReadOnlyList<AccessRoute> table, string route, IReadOnlyList<string>? methods)
    {
        foreach (var row in table)
        {
            if (row.Matches(route, methods))
            {
                return row;
            }
        }
        var last = route[(route.LastIndexOf('/') + 1)..];
        return !route.Contains('{') && StaticExtensions.Any(e => last.EndsWith(e, StringComparison.Ordinal))
            ? new AccessRoute(route, AccessRoute.Anonymous)
            : null;
    }
}
