using System.Globalization;
using System.Text;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Board;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// The leader boards: <c>/papan/{regionId}</c> and <c>/papan/{regionId}/{unitId}</c>. The server renders
/// the frame (names, units, chart slots); the hub fills the figures on subscribe and keeps them live.
/// </summary>
public static class BoardPage
{
    private static readonly (string Id, string Title)[] RegionCharts =
    [
        ("aktivitas", "Menit aktivitas bulan ini vs target"), ("pengisian", "Pengisian laporan hari ini per unit"),
        ("predikat", "Kurva predikat kinerja per unit"), ("kehadiran", "Kehadiran hari ini"),
        ("ikm", "Indeks Kepuasan Masyarakat (IKM)"), ("tindak-lanjut", "Penghargaan, pembinaan, sanksi per bulan"),
    ];

    private static readonly (string Id, string Title)[] UnitCharts =
    [
        ("aktivitas", "Menit aktivitas bulan ini vs target"), ("kehadiran", "Kehadiran hari ini"),
        ("ikm", "Indeks Kepuasan Masyarakat (IKM)"),
    ];

    public static async Task<ContentHttpResult> RegionAsync(string regionId, HttpRequest request, ReferenceRepository reference,
        IOptions<BoardOptions> options, TimeProvider time, CancellationToken ct)
    {
        var region = (await reference.RegionsAsync(ct)).FirstOrDefault(r => r.Id == regionId);
        if (region is null)
        {
            return NotFound("Wilayah tidak ditemukan", $"Tidak ada wilayah dengan kode '{regionId}'.");
        }
        var units = await reference.UnitsAsync(regionId, ct);
        var kiosk = request.Query["kiosk"] == "1";
        var rotate = int.TryParse(request.Query["putar"], CultureInfo.InvariantCulture, out var n) && n >= 3
            ? n : options.Value.KioskRotateSeconds;
        var group = BoardGroup.Region(regionId);
        var content = new StringBuilder();
        content.Append(Header($"Papan Kinerja {region.Name}", "Kinerja ASN secara langsung", kiosk, "/"));
        content.Append(Headline());
        content.Append("<main class=\"grid\"><section class=\"charts\">");
        foreach (var (id, title) in RegionCharts)
        {
            content.Append(ChartSlot($"r.{regionId}.{id}", title, kiosk));
        }
        content.Append("</section><aside class=\"side\">");
        if (kiosk)
        {
            content.Append("<section class=\"panel spotlight\" id=\"sorotan\"><h2>Sorotan unit</h2>")
                   .Append("<div class=\"spot-name\" id=\"sorotan-nama\">—</div><dl class=\"spot\" id=\"sorotan-isi\"></dl></section>");
        }
        content.Append(Feed());
        content.Append("<section class=\"panel\"><h2>Unit terbaik</h2><ol class=\"rank\" id=\"terbaik\"></ol></section>")
               .Append("<section class=\"panel\"><h2>Unit perlu perhatian</h2><ol class=\"rank\" id=\"terendah\"></ol></section>");
        content.Append(BoardSkpPanel.Html(null)).Append(BoardFollowUpPanel.Html(null));
        if (!kiosk)
        {
            content.Append("<section class=\"panel\"><h2>Semua unit</h2><ul class=\"units\">");
            foreach (var u in units)
            {
                content.Append($"<li><a href=\"/papan/{E(regionId)}/{E(u.Id)}\">{E(u.Name)}</a></li>");
            }
            content.Append("</ul></section>");
        }
        content.Append("</aside></main>").Append(Footer(regionId, kiosk));
        var data = Data(group, region, options.Value, kiosk, time);
        data["rotate"] = rotate.ToString(CultureInfo.InvariantCulture);
        return Result(Page($"Papan {region.Name}", kiosk ? "papan kiosk" : "papan", data, content.ToString(),
            "/lib/signalr/signalr.min.js", "/js/live.js", "/js/papan.js", "/js/panel-refresh.js", "/js/papan-skp.js", "/js/papan-tindak-lanjut.js"));
    }

    public static async Task<ContentHttpResult> UnitAsync(string regionId, string unitId, HttpRequest request,
        ReferenceRepository reference, IOptions<BoardOptions> options, TimeProvider time, CancellationToken ct)
    {
        var region = (await reference.RegionsAsync(ct)).FirstOrDefault(r => r.Id == regionId);
        var unit = region is null ? null : (await reference.UnitsAsync(regionId, ct)).FirstOrDefault(u => u.Id == unitId);
        if (region is null || unit is null)
        {
            return NotFound("Unit tidak ditemukan", $"Tidak ada unit '{unitId}' di wilayah '{regionId}'.");
        }
        var kiosk = request.Query["kiosk"] == "1";
        var content = new StringBuilder();
        content.Append(Header(unit.Name, region.Name, kiosk, $"/papan/{regionId}"));
        content.Append(Headline());
        content.Append("<main class=\"grid\"><section class=\"charts\">");
        foreach (var (id, title) in UnitCharts)
        {
            content.Append(ChartSlot($"u.{unitId}.{id}", title, kiosk));
        }
        content.Append("</section><aside class=\"side\">").Append(Feed()).Append(BoardSurveyPanel.Html(unitId))
            .Append(BoardSkpPanel.Html(unitId)).Append(BoardFollowUpPanel.Html(unitId))
            .Append("</aside></main>").Append(Footer(regionId, kiosk));
        return Result(Page(unit.Name, kiosk ? "papan unit kiosk" : "papan unit",
            Data(BoardGroup.Unit(unitId), region, options.Value, kiosk, time), content.ToString(),
            "/lib/signalr/signalr.min.js", "/js/live.js", "/js/papan.js", "/js/papan-survei.js", "/js/panel-refresh.js", "/js/papan-skp.js",
            "/js/papan-tindak-lanjut.js"));
    }

    /// <summary>
    /// The screen's settings as body data attributes. <c>data-now</c> is the server's clock (Unix ms) when the page
    /// was made: the screen's clock and date follow it, so a shifted product clock (<c>Kinerja:Clock</c>) shows the
    /// same day on the screen as in the figures.
    /// </summary>
    internal static Dictionary<string, string> Data(BoardGroup group, Region region, BoardOptions options, bool kiosk,
        TimeProvider time) => new()
    {
        ["group"] = group.Name,
        ["region"] = region.Id,
        ["tz"] = region.TimeZone,
        ["zone"] = TriggerLabels.Zone(region.TimeZone),
        ["stale"] = options.StaleSeconds.ToString(CultureInfo.InvariantCulture),
        ["kiosk"] = kiosk ? "1" : "0",
        ["now"] = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
    };

    internal static string Header(string title, string subtitle, bool kiosk, string back) =>
        "<header class=\"top\"><div class=\"brand\">"
        + (kiosk ? "" : $"<a class=\"back\" href=\"{E(back)}\" aria-label=\"Kembali\">←</a>")
        + $"<div><h1>{E(title)}</h1><p class=\"sub\">{E(subtitle)}</p></div></div>"
        + "<div class=\"status\"><div class=\"asof\" id=\"asof\">Menghubungkan…</div>"
        + "<div class=\"clock\" id=\"jam\"></div><div class=\"conn\" id=\"koneksi\" data-state=\"connecting\">●</div></div></header>"
        + "<div class=\"stale\" id=\"basi\" hidden></div>";

    internal static string ChartSlot(string chartId, string title, bool kiosk) =>
        $"<figure class=\"chart\" data-chart=\"{E(chartId)}\"><figcaption>{E(title)}"
        + (kiosk ? "" : $"<a class=\"dl\" href=\"/charts/{E(chartId)}.png\" download>PNG</a>")
        + $"</figcaption><img alt=\"{E(title)}\" width=\"960\" height=\"480\"></figure>";

    internal static string Footer(string regionId, bool kiosk) => kiosk ? ""
        : $"<footer class=\"foot\"><a href=\"/papan/{E(regionId)}?kiosk=1\">Mode kios</a> · "
          + $"<a href=\"/publik/{E(regionId)}\">Tampilan publik</a> · <a href=\"/aturan\">Konsol aturan</a></footer>";

    private static string Headline() =>
        "<section class=\"kpis\">"
        + Kpi("pengisian", "Pengisian laporan hari ini")
        + Kpi("menit", "Menit aktivitas vs target")
        + Kpi("hadir", "Kehadiran hari ini")
        + "<div class=\"kpi\" id=\"kpi-predikat\"><div class=\"label\">Kurva predikat</div>"
        + "<div class=\"curve\" id=\"kurva\"><span class=\"p0\"></span><span class=\"p1\"></span><span class=\"p2\"></span>"
        + "<span class=\"p3\"></span><span class=\"p4\"></span></div><div class=\"sub\" id=\"kpi-predikat-sub\">—</div></div>"
        + Kpi("ikm", "Kepuasan masyarakat (IKM)")
        + "</section>";

    private static string Kpi(string id, string label) =>
        $"<div class=\"kpi\" id=\"kpi-{id}\"><div class=\"label\">{E(label)}</div><div class=\"value\" id=\"kpi-{id}-nilai\">—</div>"
        + $"<div class=\"bar\"><span id=\"kpi-{id}-bar\"></span></div><div class=\"sub\" id=\"kpi-{id}-sub\">&nbsp;</div></div>";

    private static string Feed() =>
        "<section class=\"panel feed\"><h2>Tindak lanjut terbaru</h2><ol class=\"feed-list\" id=\"umpan\">"
        + "<li class=\"empty\">Belum ada penghargaan, pembinaan, atau sanksi.</li></ol></section>";

    internal static ContentHttpResult NotFound(string title, string message) => TypedResults.Content(
        Page(title, "pesan", new Dictionary<string, string>(),
            $"<main class=\"message\"><h1>{E(title)}</h1><p>{E(message)}</p><p><a href=\"/\">Kembali ke beranda</a></p></main>"),
        "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
}
