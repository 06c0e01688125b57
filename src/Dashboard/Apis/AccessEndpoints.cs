using Kinerja.Dashboard.Access;

namespace Kinerja.Dashboard.Apis;

/// <summary>Sign-in and first activation for anyone (every role serves them; <c>POST /masuk</c> and <c>POST /aktivasi</c>
/// rate-limited per address), the audit trail for admins, and HR's
/// employee-account console (<c>/akun-pegawai</c>).</summary>
public static class AccessEndpoints
{
    public static IEndpointRouteBuilder MapAccessGroups(this IEndpointRouteBuilder app)
    {
        app.MapGroup("").AllowAnonymous().ExcludeFromDescription().MapLoginPages().MapActivationPages();
        app.MapGroup("/api/v1/audit").RequireAuthorization(Policies.Admin).MapAuditApi();
        app.MapGroup("").RequireAuthorization(Policies.Hr).ExcludeFromDescription().MapProvisioningPages();
        return app;
    }
}
