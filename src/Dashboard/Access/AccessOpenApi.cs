using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Describes access in the OpenAPI document from each endpoint's real authorization and rate-limit metadata (as its
/// group in <c>src/Dashboard/Apis</c> declares it): the API-key and cookie security schemes, which one an
/// operation needs, and its 401/403 (and 429 with Retry-After) problem answers. Anonymous operations get none.
/// </summary>
internal static partial class AccessOpenApi
{
    public const string BearerKey = "apiKeyBearer";
    public const string HeaderKey = "apiKeyHeader";
    public const string Cookie = "cookieSession";

    private const string Problem = "application/problem+json";

    public static OpenApiOptions AddAccessDescription(this OpenApiOptions options) =>
        options.AddDocumentTransformer(async (document, context, ct) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            foreach (var (id, scheme) in Schemes())
            {
                document.Components.SecuritySchemes[id] = scheme;
            }
            IOpenApiSchema? problem = null;
            foreach (var description in context.DescriptionGroups.SelectMany(g => g.Items))
            {
                var path = "/" + RouteConstraint().Replace(description.RelativePath?.Trim('/') ?? "", "{$1}");
                if (document.Paths?.TryGetValue(path, out var item) != true || item!.Operations is null
                    || description.HttpMethod is null
                    || !item.Operations.TryGetValue(new HttpMethod(description.HttpMethod), out var operation))
                {
                    continue;
                }
                var metadata = description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAllowAnonymous>().Any())
                {
                    continue;
                }
                var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null);
                if (policy is null)
                {
                    continue;
                }
                problem ??= await ProblemSchemaAsync(document, context, ct);
                operation.Security = Requirements(document, policy);
                operation.Responses ??= new OpenApiResponses();
                AddProblem(operation.Responses, "401", policy == Policies.IngestWrite
                    ? "No API key, or an unknown or revoked one."
                    : "Not signed in (or the session ended).", problem);
                AddProblem(operation.Responses, "403", policy == Policies.IngestWrite
                    ? "The credentials are not an ingest source's API key."
                    : "The role or region scope does not allow this request.", problem);
                if (metadata.OfType<EnableRateLimitingAttribute>().Any())
                {
                    AddProblem(operation.Responses, "429", "Too many requests from this source; retry after `Retry-After` seconds.", problem);
                    ((OpenApiResponse)operation.Responses["429"]).Headers = new Dictionary<string, IOpenApiHeader>
                    {
                        ["Retry-After"] = new OpenApiHeader
                        {
                            Description = "Seconds to wait before sending the request again.",
                            Required = true,
                            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                        },
                    };
                }
            }
        });

    private static IEnumerable<(string Id, OpenApiSecurityScheme Scheme)> Schemes()
    {
        yield return (BearerKey, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "kin_...",
            Description = "Ingest source API key as `Authorization: Bearer kin_...`. Keys are made with " +
                          "`sources add --name ... --scope region:{id}` and shown once; a key may write only for the " +
                          "regions and units of its scope (other items are rejected one by one).",
        });
        yield return (HeaderKey, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AccessClaims.ApiKeyHeader,
            Description = "The same ingest source API key in the `X-Api-Key` header (either header works).",
        });
        yield return (Cookie, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "kinerja.sesi",
            Description = "The session cookie of a person signed in at `/masuk` (roles pimpinan, sdm, admin).",
        });
    }

    private static List<OpenApiSecurityRequirement> Requirements(OpenApiDocument document, string policy)
    {
        OpenApiSecurityRequirement Of(string id) => new() { [new OpenApiSecuritySchemeReference(id, document)] = [] };
        return policy switch
        {
            Policies.IngestWrite => [Of(BearerKey), Of(HeaderKey)],
            // Public charts need nothing; region and unit charts need a signed-in reader.
            Policies.Charts => [new OpenApiSecurityRequirement(), Of(Cookie)],
            _ => [Of(Cookie)],
        };
    }

    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context,
        CancellationToken ct)
    {
        const string id = nameof(ProblemDetails);
        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            document.AddComponent(id, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct));
        }
        return new OpenApiSchemaReference(id, document);
    }

    private static void AddProblem(OpenApiResponses responses, string status, string description, IOpenApiSchema problem)
    {
        if (responses.ContainsKey(status))
        {
            return;
        }
        responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [Problem] = new() { Schema = problem } },
        };
    }

    /// <summary>A route parameter with its constraints or default (<c>{version:int}</c>), as the document writes it (<c>{version}</c>).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\{\*{0,2}([^}:=?]+)[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex RouteConstraint();
}
