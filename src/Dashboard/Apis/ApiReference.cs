using Kinerja.Dashboard.Access;
using Kinerja.Ingest.Http.Documentation;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and its reference page (<c>/scalar</c>). Both are anonymous: the
/// document describes the API, it holds no data (every data endpoint stays protected).
/// The page is served with its assets from this server and calls nothing outside it, so it works on a closed network.
/// </summary>
public static class ApiReference
{
    public static IServiceCollection AddKinerjaOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Kinerja Analytics API",
                    Version = "v1",
                    Description = "Ingest API for source systems (`POST /api/v1/activities`, `/attendance`, `/ratings`, " +
                                  "`/reviews`, API key) and the read, rules and administration APIs of the dashboard " +
                                  "(session cookie from `/masuk`). Errors are RFC 9457 problem details.",
                };
                return Task.CompletedTask;
            });
            o.AddIngestSchemas();
            o.AddAccessDescription();
        });

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o
            .WithTitle("Kinerja Analytics API")
            // Closed networks: no web fonts, telemetry, AI agent or developer toolbar from scalar.com; the page's own
            // script gets a nonce that SecurityHeaders puts in the page's Content-Security-Policy.
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .WithNonce())
            .AllowAnonymous();
        return app;
    }
}
