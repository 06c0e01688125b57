using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Pages;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// The screens (dashboard role): the landing page and the public display for anyone (aggregates only), the leader
/// boards for readers of the region, the rules console for HR, the employee's own page (<c>/saya</c>) and the superior's page <c>/tim</c> for employees. Their static files are served by the pipeline.
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

        var survey = app.MapGroup("/survei").AllowAnonymous().ExcludeFromDescription();
        survey.MapGet("/{unitId}", (string unitId, HttpRequest request, Kinerja.Core.Reference.ReferenceRepository reference,
            CancellationToken ct) => SurveyPage.GetAsync(unitId, null, request, reference, ct));
        survey.MapGet("/{unitId}/{serviceId}", SurveyPage.GetAsync);
        survey.MapGet("/{unitId}/qr.svg", async (string unitId, HttpRequest request, IConfiguration configuration,
            Kinerja.Core.Reference.ReferenceRepository reference, CancellationToken ct) =>
            await reference.UnitExistsAsync(unitId, ct)
                ? Results.Text(Survey.SurveyQr.Svg(Survey.SurveyQr.Address(request, configuration, unitId)), "image/svg+xml")
                : Results.NotFound());
        survey.MapGet("/{unitId}/qr.png", async (string unitId, HttpRequest request, IConfiguration configuration,
            Kinerja.Core.Reference.ReferenceRepository reference, CancellationToken ct) =>
            await reference.UnitExistsAsync(unitId, ct)
                ? Results.Bytes(Survey.SurveyQr.Png(Survey.SurveyQr.Address(request, configuration, unitId)), "image/png")
                : Results.NotFound());
        survey.MapSurveyPosters();

        app.MapGroup("/aturan").RequireAuthorization(Policies.RulesRead).ExcludeFromDescription()
            .MapGet("", RulesPage.Get);

        app.MapGroup("/tim").RequireAuthorization(Policies.Employee).ExcludeFromDescription()
            .MapGet("", TimPage.GetAsync);
        // An account without a NIP is refused like any other: /akses-ditolak?ReturnUrl=/saya says why (LoginHtml.DeniedNoNip).
        app.MapGet("/saya", SayaPage.GetAsync).RequireAuthorization(Policies.Employee).ExcludeFromDescription();
        app.MapGet("/tindak-lanjut", TindakLanjutPage.GetAsync).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();

        app.MapGroup("/pengaduan").RequireAuthorization(Policies.Complaints).ExcludeFromDescription()
            .MapGet("/{unitId}", ComplaintPage.GetAsync);
        // Report documents (issue 19): the form for HR and leaders; POST /api/v1/reports decides who may request what.
        app.MapGet("/laporan", LaporanPage.GetAsync).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();
        return app;
    }
}
