using System.Text.RegularExpressions;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Pages;
using Kinerja.Dashboard.Survey;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// <c>/survei/{unitId}/poster.pdf</c> and <c>/survei/{unitId}/{serviceId}/poster.pdf</c> (anonymous, like the survey and
/// its QR codes): the printable A4 poster with the QR code of the survey address (<see cref="SurveyPoster"/>).
/// </summary>
public static partial class SurveyPosterEndpoints
{
    public static RouteGroupBuilder MapSurveyPosters(this RouteGroupBuilder survey)
    {
        survey.MapGet("/{unitId}/poster.pdf", (string unitId, HttpRequest request, IConfiguration configuration,
            ReferenceRepository reference, CancellationToken ct) => PosterAsync(unitId, null, request, configuration, reference, ct));
        survey.MapGet("/{unitId}/{serviceId}/poster.pdf", PosterAsync);
        return survey;
    }

    public static async Task<IResult> PosterAsync(string unitId, string? serviceId, HttpRequest request, IConfiguration configuration,
        ReferenceRepository reference, CancellationToken ct)
    {
        var unit = (await reference.UnitsAsync(null, ct)).FirstOrDefault(u => u.Id == unitId);
        if (unit is null)
        {
            return BoardPage.NotFound("Unit tidak ditemukan", $"Tidak ada unit layanan dengan kode '{unitId}'.");
        }
        if (serviceId is not null && !ServiceShape().IsMatch(serviceId))
        {
            return BoardPage.NotFound("Layanan tidak dikenal",
                $"Kode layanan '{serviceId}' tidak sah: huruf kecil, angka, titik, garis bawah atau tanda hubung, paling banyak 64.");
        }
        var pdf = SurveyPoster.Pdf(unit.Name, serviceId, SurveyQr.Address(request, configuration, unitId, serviceId));
        var name = serviceId is null ? $"poster-survei-{unitId}.pdf" : $"poster-survei-{unitId}-{serviceId}.pdf";
        return Results.File(pdf, "application/pdf", name);
    }

    // The service-id shape of the survey stream (Ingest's SurveyValidator.ServicePattern).
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex ServiceShape();
}
