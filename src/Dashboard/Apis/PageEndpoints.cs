using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Pages;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// The screens (dashboard role): the landing page and the public display for anyone (aggregates only), the leader
/// boards for readers of the region, the rules console for HR. Their static files are served by the pipeline.
/// </summary>
public static class PageEndpoints
{
    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", HomePage.GetAsync).AllowAnonymous().ExcludeFromDescription();

        var boards = app.MapGroup("/papan").RequireAuthorization(Policies.ReadRegion).ExcludeFromDescription();
        boards.MapGet("/{regionId}", BoardPage.RegionAsync);
        boards.MapGet("/{regionId}/{unitId}", BoardPage.UnitAsync);

        app.MapGroup("/publik").AllowAnonymous().ExcludeFromDescription()
            .MapGet("/{regionId}", PublicPage.GetAsync);

        app.MapGroup("/aturan").RequireAuthorization(Policies.RulesRead).ExcludeFromDescription()
            .MapGet("", RulesPage.Get);
        return app;
    }
}
