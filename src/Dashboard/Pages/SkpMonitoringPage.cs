using System.Text;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Board;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// <c>/pemantauan-skp?regionId=&amp;unitId=</c> for HR and leaders of the region (<c>Policies.ReadRegion</c>, mapped in <c>Apis/SkpMonitoringApi.cs</c>): per unit, who
/// has no approved plan, whose realisation is late and whose assessment (the superior's) is late, with counts and names,
/// filterable by unit. <c>/js/pemantauan-skp.js</c> fills it from <c>GET /api/v1/skp/monitoring</c> and re-reads it on every
/// <c>Panels</c> hint of the region's board group (an SKP or follow-up change).
/// </summary>
public static class SkpMonitoringPage
{
    public static async Task<ContentHttpResult> GetAsync([FromQuery] string? regionId, [FromQuery] string? unitId, ReferenceRepository reference,
        IOptions<BoardOptions> options, TimeProvider time, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var regions = await reference.RegionsAsync(ct);
        if (string.IsNullOrEmpty(regionId))
        {
            return TypedResults.Content(Page("Pemantauan SKP", "pesan", new Dictionary<string, string>(),
                "<main class=\"message\"><h1>Pemantauan SKP</h1><p>Pilih wilayah:</p><ul>"
                + string.Concat(regions.Select(r => $"<li><a href=\"/pemantauan-skp?regionId={E(r.Id)}\">{E(r.Name)}</a></li>"))
                + "</ul></main>"), "text/html; charset=utf-8");
        }
        var region = regions.FirstOrDefault(r => r.Id == regionId);
        if (region is null)
        {
            return BoardPage.NotFound("Wilayah tidak ditemukan", $"Tidak ada wilayah dengan kode '{regionId}'.");
        }
        var units = await reference.UnitsAsync(regionId, ct);
        if (unitId is not null && units.All(u => u.Id != unitId))
        {
            return BoardPage.NotFound("Unit tidak ditemukan", $"Tidak ada unit '{unitId}' di wilayah '{regionId}'.");
        }
        var content = new StringBuilder();
        content.Append("<link rel=\"stylesheet\" href=\"/css/pemantauan-skp.css\">")
            .Append(BoardPage.Header("Pemantauan SKP", region.Name, false, $"/papan/{regionId}"))
            .Append("<main class=\"pemantauan\"><form class=\"saring\" method=\"get\" action=\"/pemantauan-skp\">")
            .Append($"<input type=\"hidden\" name=\"regionId\" value=\"{E(regionId)}\"><label for=\"pilih-unit\">Unit</label>")
            .Append("<select id=\"pilih-unit\" name=\"unitId\"><option value=\"\">Semua unit</option>");
        foreach (var u in units)
        {
            content.Append($"<option value=\"{E(u.Id)}\"{(u.Id == unitId ? " selected" : "")}>{E(u.Name)}</option>");
        }
        content.Append("</select><noscript><button type=\"submit\">Tampilkan</button></noscript></form>");
        if (user.IsInRole(Access.AccessRoles.Sdm) || user.IsInRole(Access.AccessRoles.Admin))
        {
            // HR plans the units' IKU on /rencana-unit (leaders read the attainment here and on the boards)
            content.Append($"<p><a id=\"ke-rencana-unit\" href=\"/rencana-unit?regionId={E(Uri.EscapeDataString(regionId))}")
                .Append(unitId is null ? "" : $"&amp;unitId={E(Uri.EscapeDataString(unitId))}").Append("\">Rencana kinerja unit (IKU): susun target</a></p>");
        }
        content
            .Append("<p class=\"sub\" id=\"pantau-periode\">Memuat…</p>")
            .Append("<table class=\"units-table\" id=\"tabel-pantau\"><thead><tr><th>Unit</th><th>Pegawai</th><th>Belum ada SKP disetujui</th>")
            .Append("<th>Realisasi terlambat</th><th>Penilaian terlambat</th></tr></thead><tbody></tbody></table>")
            .Append("<div id=\"rincian-pantau\"></div></main>");
        var data = BoardPage.Data(BoardGroup.Region(regionId), region, options.Value, false, time);
        data["unit"] = unitId ?? "";
        return Result(Page($"Pemantauan SKP {region.Name}", "pemantauan-skp", data, content.ToString(),
            "/lib/signalr/signalr.min.js", "/js/live.js", "/js/panel-refresh.js", "/js/pemantauan-skp.js"));
    }
}
