using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// The public display's IKU and follow-up panel: IKU attainment per unit (a unit below the privacy floor shows "—") and
/// this month's rewards given and coaching held as counts. No names, no NIPs. Filled by <c>/js/publik-skp.js</c> from
/// <c>GET /api/v1/public/{regionId}/iku</c> and <c>GET /api/v1/public/{regionId}/followups?period=</c>.
/// </summary>
internal static class PublicSkpPanel
{
    public static string Html(string month) =>
        "<link rel=\"stylesheet\" href=\"/css/papan-skp.css\">"
        + $"<section class=\"panel publik-skp\" id=\"panel-publik-skp\" data-month=\"{E(month)}\"><h2>Capaian Indikator Kinerja Utama</h2>"
        + "<table class=\"units-table\" id=\"tabel-iku\"><thead><tr><th>Unit</th><th>Capaian IKU</th></tr></thead><tbody></tbody></table>"
        + "<p class=\"sub\" id=\"publik-tindak-lanjut\">Penghargaan dan pembinaan bulan ini: —</p></section>";
}
