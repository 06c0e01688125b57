using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Board;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// The live board (dashboard role): the hub, the chart files and the board counters.
/// </summary>
public static class BoardEndpoints
{
    public static IEndpointRouteBuilder MapBoardGroups(this IEndpointRouteBuilder app)
    {
        // Anyone may connect; BoardGroupHubFilter checks every group a connection subscribes to
        // (public:* for anyone, region and unit groups for their readers).
        app.MapHub<BoardHub>(BoardRegistration.HubPath).AllowAnonymous();
        // Public charts for anyone, region and unit charts for readers of the region (ChartAccessRequirement).
        app.MapGroup("/charts").RequireAuthorization(Policies.Charts).MapChartEndpoints();
        app.MapGroup("/api/v1/board").RequireAuthorization(Policies.Admin).MapBoardStatsApi();
        return app;
    }
}
