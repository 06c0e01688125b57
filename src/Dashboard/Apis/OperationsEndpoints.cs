using Kinerja.Dashboard.Access;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// Health for load balancers and orchestrators (anonymous, no data: <c>/health/live</c> is the process,
/// <c>/health/ready</c> also PostgreSQL) and the process's runtime counters for admins.
/// </summary>
public static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsGroups(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").AllowAnonymous();
        health.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false });
        health.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapGroup("/api/v1").RequireAuthorization(Policies.Admin).MapRuntimeStatsApi();
        return app;
    }
}
