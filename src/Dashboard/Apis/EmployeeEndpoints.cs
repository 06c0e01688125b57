using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Employees;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// The employee's own surfaces (issue 16): <c>/api/v1/me</c> for a signed-in pegawai (<see cref="Policies.Employee"/>:
/// 401 anonymous, 403 for an account without a NIP) and the per-person hub <c>/hubs/employee</c>.
/// </summary>
public static class EmployeeEndpoints
{
    public static IEndpointRouteBuilder MapEmployeeApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/me").WithTags("Employee").RequireAuthorization(Policies.Employee).MapMeApi().MapMeActivitiesReads()
            .MapMeTriggersReads();
        app.MapGroup("/api/v1/team").WithTags("Employee").RequireAuthorization(Policies.Employee).MapTeamReads();
        return app;
    }

    /// <summary>
    /// The employee's and superior's writes (issue 16: activities, reviews), which go through the ingest pipeline: mapped
    /// where the ingest role runs. Rate-limited per account (<see cref="RateLimits.AccountWrite"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapEmployeeWriteApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/me").WithTags("Employee").RequireAuthorization(Policies.Employee).MapMeActivitiesWrites();
        app.MapGroup("/api/v1/team").WithTags("Employee").RequireAuthorization(Policies.Employee).MapTeamWrites();
        return app;
    }

    public static IEndpointRouteBuilder MapEmployeeHub(this IEndpointRouteBuilder app)
    {
        // Anyone may connect; BoardGroupHubFilter lets a connection join employee:{nip} only as that employee or
        // one of their superiors (TeamScope).
        app.MapHub<EmployeeHub>(EmployeeHub.Path).AllowAnonymous();
        return app;
    }
}
