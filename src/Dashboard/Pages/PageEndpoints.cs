namespace Kinerja.Dashboard.Pages;

/// <summary>The screens: leader boards, the rules console and the public display, plus their static files.</summary>
public static class PageEndpoints
{
    public static WebApplication MapKinerjaPages(this WebApplication app)
    {
        app.UseKinerjaSecurityHeaders();
        app.UseStaticFiles();
        app.MapGet("/papan/{regionId}", BoardPage.RegionAsync).ExcludeFromDescription();
        app.MapGet("/papan/{regionId}/{unitId}", BoardPage.UnitAsync).ExcludeFromDescription();
        app.MapGet("/publik/{regionId}", PublicPage.GetAsync).ExcludeFromDescription();
        app.MapGet("/aturan", RulesPage.Get).ExcludeFromDescription();
        return app;
    }
}
