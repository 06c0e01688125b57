using Kinerja.Dashboard.Access;
using Kinerja.Ingest;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// <c>POST /api/v1/activities|attendance|ratings|reviews|feedback</c> (ingest role): source systems with an API key, rate-limited
/// per source. The handlers cap bodies themselves at <c>Kinerja:Ingest:MaxBodyBytes</c>, so the general body limit
/// (<see cref="AccessOptions.MaxRequestBodyBytes"/>) does not apply here.
/// </summary>
public static class IngestEndpoints
{
    public static RouteGroupBuilder MapIngestGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1")
            .RequireAuthorization(Policies.IngestWrite)
            .RequireRateLimiting(RateLimits.Ingest)
            .WithMetadata(new BodyLimitMetadata(null))
            .MapIngestEndpoints();
}
