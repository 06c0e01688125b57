using Kinerja.Dashboard.Access;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// 360 ratings and feedback notes of signed-in employees (issue 16), all under <see cref="Policies.Employee"/>. Reads
/// are mapped with the dashboard/rules roles; writes (they go through the ingest pipeline) with the ingest role, rate
/// limited per account (<see cref="RateLimits.AccountWrite"/>). Writes take JSON bodies only and the session cookie
/// is SameSite=Strict: a cross-site form can neither send JSON nor carry the cookie (as for the rules console API).
/// </summary>
public static class EmployeeLoopEndpoints
{
    public static IEndpointRouteBuilder MapEmployeeLoopReads(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/me/ratings").WithTags("Employee").RequireAuthorization(Policies.Employee).MapMeRatingsReads();
        app.MapGroup("/api/v1/me/feedback").WithTags("Employee").RequireAuthorization(Policies.Employee).MapMyFeedbackReads();
        app.MapGroup("/api/v1/team/feedback").WithTags("Employee").RequireAuthorization(Policies.Employee).MapTeamFeedbackReads();
        return app;
    }

    public static IEndpointRouteBuilder MapEmployeeLoopWrites(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/me/ratings").WithTags("Employee").RequireAuthorization(Policies.Employee)
            .RequireRateLimiting(RateLimits.AccountWrite).MapMeRatingsWrites();
        app.MapGroup("/api/v1/team/feedback").WithTags("Employee").RequireAuthorization(Policies.Employee)
            .RequireRateLimiting(RateLimits.AccountWrite).MapTeamFeedbackWrites();
        return app;
    }
}
