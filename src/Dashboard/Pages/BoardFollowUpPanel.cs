using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// The board's follow-up panel, per unit and this month: follow-ups done on time, overdue (open past their due day) and
/// coaching completed. Filled by <c>/js/papan-tindak-lanjut.js</c> from <c>GET /api/v1/board/units</c> (<c>followUps</c>).
/// </summary>
internal static class BoardFollowUpPanel
{
    public static string Html(string? unitId) =>
        $"<section class=\"panel papan-tl\" id=\"panel-tindak-lanjut\" data-unit=\"{E(unitId)}\"><h2>Tindak lanjut per unit</h2>"
        + "<p class=\"sub\" id=\"tl-periode\">Memuat…</p>"
        + "<table class=\"units-table\" id=\"tabel-tindak-lanjut\"><thead><tr><th>Unit</th><th>Selesai tepat waktu</th>"
        + "<th>Lewat tenggat</th><th>Pembinaan selesai</th></tr></thead><tbody></tbody></table></section>";
}
