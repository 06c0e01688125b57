using Kinerja.Dashboard.Hosting;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// Every endpoint of the host, group by group, for the process roles this process runs. Each group says who may
/// use it where it is mapped (<c>RequireAuthorization(Policies.X)</c> or <c>AllowAnonymous()</c>); a new endpoint
/// without either fails <c>EndpointPolicyTests</c>.
/// </summary>
public static class KinerjaEndpoints
{
    public static IEndpointRouteBuilder MapKinerjaEndpoints(this IEndpointRouteBuilder app, ProcessRoles roles)
    {
        app.MapAccessGroups();
        app.MapOperationsGroups();
        app.MapMetricsEndpoints();
        app.MapApiReference();
        app.MapReferenceApi();
        if (roles.Ingest)
        {
            app.MapIngestGroup();
            app.MapEmployeeWriteApi();
            app.MapEmployeeLoopWrites();
            app.MapSurveyApi();
        }
        if (roles.Dashboard || roles.Rules)
        {
            app.MapIndicatorsApi();
            app.MapEmployeeApi();
            app.MapEmployeeLoopReads();
            app.MapSurveyWeightsApi();
            app.MapSkpApi();
            app.MapRatingPlanApi();
            app.MapFollowUpApi();
            app.MapComplaintsApi();
            app.MapSkpMonitoringApi();
            app.MapNotificationsApi();
            app.MapReportsApi();
        }
        if (roles.Rules)
        {
            app.MapRulesGroups();
        }
        if (roles.Dashboard)
        {
            app.MapPageEndpoints();
            app.MapBoardGroups();
            app.MapEmployeeHub();
            app.MapSkpMonitoringPage();
            app.MapUnitPlanPage();
        }
        return app;
    }
}
