using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Wraps an endpoint data source and adds authorization (and rate-limit, body-limit) metadata from the route table
/// to every route endpoint that declared none itself. Explicit <c>RequireAuthorization</c>/<c>AllowAnonymous</c> wins.
/// </summary>
internal sealed class PolicyEndpointDataSource(EndpointDataSource inner, IReadOnlyList<AccessRoute> table) : EndpointDataSource
{
    private IReadOnlyList<Endpoint>? _source;
    private IReadOnlyList<Endpoint> _applied = [];

    public EndpointDataSource Inner => inner;

    public override IReadOnlyList<Endpoint> Endpoints
    {
        get
        {
            var current = inner.Endpoints;
            lock (this)
            {
                if (!ReferenceEquals(current, _source))
                {
                    _applied = Apply(current);
                    _source = current;
                }
                return _applied;
            }
        }
    }

    public override IChangeToken GetChangeToken() => inner.GetChangeToken();

    public override IReadOnlyList<Endpoint> GetGroupedEndpoints(RouteGroupContext context) =>
        Apply(inner.GetGroupedEndpoints(context));

    private List<Endpoint> Apply(IReadOnlyList<Endpoint> endpoints) => endpoints.Select(Apply).ToList();

    private Endpoint Apply(Endpoint endpoint)
    {
        if (endpoint is not RouteEndpoint route || route.RequestDelegate is null || Declares(endpoint))
        {
            return endpoint;
        }
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        var row = AccessRouteTable.Find(table, AccessRouteTable.Normalize(route.RoutePattern.RawText), methods);
        if (row is null)
        {
            // Fail closed: admins only, and marked so EndpointPolicyTests names it.
            return new RouteEndpoint(route.RequestDelegate, route.RoutePattern, route.Order,
                new EndpointMetadataCollection(endpoint.Metadata.Concat([new AuthorizeAttribute(Policies.Admin), UndeclaredAccess.Instance])),
                route.DisplayName);
        }
        var extra = new List<object>
        {
            row.Policy == AccessRoute.Anonymous ? new AllowAnonymousAttribute() : new AuthorizeAttribute(row.Policy),
        };
        if (row.RateLimit is not null && endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>() is null
                                      && endpoint.Metadata.GetMetadata<DisableRateLimitingAttribute>() is null)
        {
            extra.Add(new EnableRateLimitingAttribute(row.RateLimit));
        }
        if (row.OwnBodyLimit)
        {
            extra.Add(new BodyLimitMetadata(null));
        }
        return new RouteEndpoint(route.RequestDelegate, route.RoutePattern, route.Order,
            new EndpointMetadataCollection(endpoint.Metadata.Concat(extra)), route.DisplayName);
    }

    internal static bool Declares(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
        || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
        || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null;
}

/// <summary>Marks an endpoint that neither declared a policy nor matched a route-table row (it got Admin only).</summary>
public sealed class UndeclaredAccess
{
    public static readonly UndeclaredAccess Instance = new();

    private UndeclaredAccess()
    {
    }
}

/// <summary>Applies the route table to every endpoint mapped so far.</summary>
public static class AccessPolicyExtensions
{
    /// <summary>
    /// Call once after all endpoints are mapped: every endpoint without its own authorization metadata gets the
    /// policy of its row in <see cref="AccessRouteTable.Default"/> (or <paramref name="table"/>).
    /// </summary>
    public static WebApplication RequireKinerjaPolicies(this WebApplication app, IReadOnlyList<AccessRoute>? table = null)
    {
        IEndpointRouteBuilder routes = app;
        var sources = routes.DataSources.ToList();
        routes.DataSources.Clear();
        foreach (var source in sources)
        {
            routes.DataSources.Add(source is PolicyEndpointDataSource ? source
                : new PolicyEndpointDataSource(source, table ?? AccessRouteTable.Default));
        }
        return app;
    }
}
