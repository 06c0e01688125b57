using System.Text;
using Kinerja.Core.Survey;
using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// The unit board's survey panel: the nine elements' NRR as bars (the lowest, the one that pulls the unit's IKM down,
/// highlighted) and the complaint queue's counts (open, share answered within the configured days). Filled by
/// <c>/js/papan-survei.js</c> from <c>GET /api/v1/indicators/unit/{unitId}</c> (<c>ikmElements</c>) and
/// <c>GET /api/v1/complaints/summary</c>, again whenever the live IKM figure on the board changes.
/// </summary>
internal static class BoardSurveyPanel
{
    public static string Html(string unitId)
    {
        var html = new StringBuilder(2048);
        html.Append("<link rel=\"stylesheet\" href=\"/css/papan-survei.css\">")
            .Append("<section class=\"panel survei-unsur\" id=\"survei-unsur\" data-unit=\"").Append(E(unitId)).Append("\">")
            .Append("<h2>Unsur pelayanan (NRR 1–4)</h2><ol class=\"unsur-bar\">");
        for (var i = 0; i < SurveyElements.Count; i++)
        {
            html.Append("<li data-unsur=\"").Append(SurveyElements.Codes[i]).Append("\"><span class=\"nama\">U").Append(i + 1).Append(' ')
                .Append(E(SurveyElements.OfficialNames[i])).Append("</span><span class=\"bar\"><span></span></span><span class=\"nilai\">—</span></li>");
        }
        return html.Append("</ol><p class=\"sub\" id=\"unsur-terendah\">Belum ada survei bulan ini</p>")
            .Append("<p class=\"sub\" id=\"pengaduan-ringkas\">Pengaduan: —</p></section>")
            .ToString();
    }
}
