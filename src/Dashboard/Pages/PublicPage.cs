using System.Globalization;
using System.Text;
using Kinerja.Core.Privacy;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Board;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// <c>/publik/{regionId}</c>: the transparency display for service halls. Unit-level aggregates
/// only (the <c>public:</c> group carries no NIP or name); small units show "—".
/// </summary>
public static class PublicPage
{
    public static async Task<ContentHttpResult> GetAsync(string regionId, HttpRequest request, ReferenceRepository reference,
        IOptions<BoardOptions> options, SmallGroups smallGroups, TimeProvider time, CancellationToken ct)
    {
        var region = (await reference.RegionsAsync(ct)).FirstOrDefault(r => r.Id == regionId);
        if (region is null)
        {
            return BoardPage.NotFound("Wilayah tidak ditemukan", $"Tidak ada wilayah dengan kode '{regionId}'.");
        }
        var kiosk = request.Query["kiosk"] == "1";
        var content = new StringBuilder();
        content.Append(BoardPage.Header($"Kinerja Pelayanan {region.Name}", "Transparansi kinerja perangkat daerah", kiosk, "/"));
        content.Append("<section class=\"kpis publik\">")
            .Append(Kpi("pengisian", "Pegawai melapor kinerja hari ini"))
            .Append(Kpi("hadir", "Kehadiran pegawai hari ini"))
            .Append(Kpi("menit", "Capaian target kerja bulan ini"))
            .Append(Kpi("ikm", "Indeks Kepuasan Masyarakat"))
            .Append("</section><main class=\"grid publik\"><section class=\"charts\">")
            .Append(BoardPage.ChartSlot($"p.{regionId}.pengisian", "Pengisian laporan kinerja hari ini", true))
            .Append(BoardPage.ChartSlot($"p.{regionId}.kehadiran", "Kehadiran pegawai hari ini", true))
            .Append(BoardPage.ChartSlot($"p.{regionId}.capaian", "Capaian target kerja bulan ini", true))
            .Append(BoardPage.ChartSlot($"p.{regionId}.ikm", "Indeks Kepuasan Masyarakat (IKM)", true))
            .Append("</section><aside class=\"side\"><section class=\"panel\"><h2>Perangkat daerah</h2>")
            .Append("<table class=\"units-table\" id=\"tabel-unit\"><thead><tr><th>Unit</th><th>Lapor</th><th>Hadir</th><th>IKM</th></tr></thead><tbody></tbody></table>")
            .Append("<p class=\"note\">Hanya angka agregat per unit. Unit dengan kurang dari ")
            .Append(smallGroups.MinGroupSize.ToString(CultureInfo.InvariantCulture))
            .Append(" pegawai ditampilkan sebagai “—” untuk melindungi data pribadi.</p></section>")
            .Append(PublicSkpPanel.Html(LocalMonth(region.TimeZone, time)))
            .Append("</aside></main>");
        return Result(Page($"Publik {region.Name}", "publik kiosk", BoardPage.Data(BoardGroup.Public(regionId), region, options.Value, kiosk, time),
            content.ToString(), "/lib/signalr/signalr.min.js", "/js/live.js", "/js/publik.js", "/js/panel-refresh.js", "/js/publik-skp.js"));
    }

    private static string Kpi(string id, string label) =>
        $"<div class=\"kpi\" id=\"kpi-{id}\"><div class=\"label\">{E(label)}</div><div class=\"value\" id=\"kpi-{id}-nilai\">—</div>"
        + $"<div class=\"bar\"><span id=\"kpi-{id}-bar\"></span></div><div class=\"sub\" id=\"kpi-{id}-sub\">&nbsp;</div></div>";

    /// <summary>The region's current month (<c>YYYY-MM</c>), whose follow-up counts the public panel shows.</summary>
    private static string LocalMonth(string timeZone, TimeProvider time) =>
        TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(timeZone)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
