using Kinerja.Dashboard.Access;

namespace Kinerja.Dashboard.Apis;

/// <summary>Sign-in for anyone (every role serves it; <c>POST /masuk</c> rate-limited per address) and the audit trail for admins.</summary>
public static class AccessEndpoints
{
    public static IEndpointRouteBuilder MapAccessGroups(this IEndpointRouteBuilder app)
    {
        app.MapGroup("").AllowAnonymous().ExcludeFromDescription().MapLoginPages();
        app.MapGroup("/api/v1/audit").RequireAuthorization(Policies.Admin).MapAuditApi();
        return app;
    }
}
