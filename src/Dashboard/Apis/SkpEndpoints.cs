using Kinerja.Dashboard.Access;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// The SKP plan endpoints (issue 17). They read and write PostgreSQL directly (no ingest stream), so they are mapped
/// where the dashboard or rules role runs, like the employee loop's reads. Employee writes are rate limited per account
/// (<see cref="RateLimits.AccountWrite"/>) and take JSON bodies only (SameSite=Strict session cookie, as the loop).
/// </summary>
public static class SkpEndpoints
{
    public static IEndpointRouteBuilder MapSkpApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/me/skp").WithTags("SKP").RequireAuthorization(Policies.Employee).MapMeSkpReads();
        app.MapGroup("/api/v1/me/skp").WithTags("SKP").RequireAuthorization(Policies.Employee)
            .RequireRateLimiting(RateLimits.AccountWrite).MapMeSkpWrites().MapMeSkpRealisations().MapMeSkpEvidence();
        app.MapGroup("/api/v1/team/skp").WithTags("SKP").RequireAuthorization(Policies.Employee).MapTeamSkpReads();
        app.MapGroup("/api/v1/team/skp").WithTags("SKP").RequireAuthorization(Policies.Employee)
            .RequireRateLimiting(RateLimits.AccountWrite).MapTeamSkpWrites().MapTeamSkpAssessments();
        app.MapEmployeeSkpApi();
        app.MapSkpEvidenceDownload();
        app.MapUnitPredicateApi();
        app.MapSkpImportApi();
        app.MapUnitIkuApi();
        app.MapUnitIkuTargetsApi();
        return app;
    }
}
