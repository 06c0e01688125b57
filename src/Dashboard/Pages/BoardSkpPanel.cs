using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// The board's SKP panel, per unit: share with an approved plan for the year, realisations and assessments on time in
/// the last closed evaluation period, and IKU attainment ("belum ada realisasi" when no IKU realisation is stored).
/// Filled by <c>/js/papan-skp.js</c> from <c>GET /api/v1/board/units</c>; on a unit board only that unit's row is shown.
/// </summary>
internal static class BoardSkpPanel
{
    public static string Html(string? unitId) =>
        "<link rel=\"stylesheet\" href=\"/css/papan-skp.css\">"
        + $"<section class=\"panel papan-skp\" id=\"panel-skp\" data-unit=\"{E(unitId)}\"><h2>SKP dan IKU per unit</h2>"
        + "<p class=\"sub\" id=\"skp-periode\">Memuat…</p>"
        + "<table class=\"units-table\" id=\"tabel-skp\"><thead><tr><th>Unit</th><th>Rencana disetujui</th>"
        + "<th>Realisasi tepat waktu</th><th>Penilaian tepat waktu</th><th>Capaian IKU</th></tr></thead><tbody></tbody></table></section>";
}
