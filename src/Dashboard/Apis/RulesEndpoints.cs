using Kinerja.Dashboard.Access;
using Kinerja.Rules.Api;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// The rules API (rules role): <c>GET /api/v1/rules/...</c> for HR and admins, changes (validate, test, publish,
/// roll back, backtest) for HR only; <c>GET /api/v1/triggers</c> for readers of the region asked for.
/// </summary>
public static class RulesEndpoints
{
    public static IEndpointRouteBuilder MapRulesGroups(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/v1/rules");
        rules.MapGroup("").RequireAuthorization(Policies.RulesRead).MapRulesReadEndpoints();
        rules.MapGroup("").RequireAuthorization(Policies.RulesAdmin).MapRulesChangeEndpoints();
        app.MapGroup("/api/v1/triggers").RequireAuthorization(Policies.ReadRegion).MapTriggerEndpoints();
        return app;
    }
}
