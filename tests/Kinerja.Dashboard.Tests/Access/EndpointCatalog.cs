using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>One endpoint of the running app as the access tests see it.</summary>
public sealed record EndpointCase(string Method, string Pattern, RouteEndpoint Endpoint)
{
    public bool Anonymous => Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    /// <summary>The named policy (first <see cref="IAuthorizeData.Policy"/>), or null.</summary>
    public string? Policy => Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null);

    /// <summary>Every authorization declaration on the endpoint: named or unnamed <see cref="IAuthorizeData"/> and
    /// policy objects. An endpoint with one of them and <see cref="Anonymous"/> is open (AllowAnonymous wins).</summary>
    public int AuthorizationDeclarations => Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count
                                            + Endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>().Count;

    /// <summary>True when <see cref="Pattern"/> is <paramref name="allowed"/> (<c>/a/b</c> exact, <c>/a/**</c> the path and below).</summary>
    public bool Matches(string allowed)
    {
        if (!allowed.EndsWith("/**", StringComparison.Ordinal))
        {
            return Pattern == allowed;
        }
        var stem = allowed[..^3];
        return Pattern == stem || Pattern.StartsWith(stem + "/", StringComparison.Ordinal);
    }

    public bool HasParameter(params string[] names) =>
        Endpoint.RoutePattern.Parameters.Any(p => names.Contains(p.Name, StringComparer.OrdinalIgnoreCase));

    public override string ToString() => $"{Method} {Pattern}";

    /// <summary>A concrete URL: route parameters from <paramref name="values"/> (by name, case-insensitive) or "x".</summary>
    public string Url(IReadOnlyDictionary<string, string> values)
    {
        var url = new StringBuilder();
        foreach (var segment in Endpoint.RoutePattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        url.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        url.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        var numeric = parameter.ParameterPolicies.Any(p => p.Content is "int" or "long" or "decimal" or "double");
                        url.Append(Uri.EscapeDataString(values.TryGetValue(parameter.Name, out var v) ? v
                            : parameter.Default?.ToString() ?? (numeric ? "1" : "x")));
                        break;
                }
            }
        }
        return url.Length == 0 ? "/" : url.ToString();
    }
}

public static class EndpointCatalog
{
    /// <summary>Every route endpoint of the app, one case per HTTP method (endpoints without methods as GET).</summary>
    public static IReadOnlyList<EndpointCase> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods
                    ? methods
                    : ["GET"])
                .Where(m => m != "OPTIONS")
                .Select(m => new EndpointCase(m, Normalize(e.RoutePattern.RawText), e)))
            .OrderBy(c => c.Pattern, StringComparer.Ordinal).ThenBy(c => c.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>A route pattern as the tests name it: leading slash, no trailing slash, parameters kept, lower-case.</summary>
    public static string Normalize(string? raw) => ("/" + (raw ?? "").Trim('/')).ToLowerInvariant();
}
