using System.Globalization;
using System.Security.Claims;
using System.Text;
using Kinerja.Core.Reference;
using Kinerja.Core.Skp;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Board;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// <c>/rencana-unit?regionId=&amp;unitId=&amp;year=</c>: a unit's annual plan (Rencana Kinerja Tahunan / Perjanjian Kinerja) for
/// HR of the region (<c>Policies.Hr</c>, mapped in <c>Apis/UnitIkuTargetsApi.cs</c>; linked from <c>/pemantauan-skp</c>). The
/// server renders the unit and year choice and the empty form; <c>/js/rencana-unit.js</c> lists the IKU with targets and
/// attainment from <c>GET /api/v1/units/{unitId}/iku</c>, saves through <c>PUT</c>, removes through <c>DELETE</c>, places
/// the server's field errors at their fields, and re-reads on every <c>Panels</c> hint of the region's board group.
/// </summary>
public static class UnitPlanPage
{
    public static async Task<ContentHttpResult> GetAsync([FromQuery] string? regionId, [FromQuery] string? unitId, [FromQuery] string? year,
        ClaimsPrincipal user, RegionAccess access, ReferenceRepository reference, IOptions<BoardOptions> options, TimeProvider time,
        CancellationToken ct)
    {
        var hr = await HrRegions.OfAsync(user, access, ct);
        var regions = (await reference.RegionsAsync(ct)).Where(r => HrRegions.Allows(hr, r.Id)).ToList();
        if (string.IsNullOrEmpty(regionId))
        {
            return Result(Page("Rencana kinerja unit", "pesan", new Dictionary<string, string>(),
                "<main class=\"message\"><h1>Rencana kinerja unit (IKU)</h1><p>Pilih wilayah:</p><ul>"
                + string.Concat(regions.Select(r => $"<li><a href=\"/rencana-unit?regionId={E(r.Id)}\">{E(r.Name)}</a></li>"))
                + "</ul></main>"));
        }
        var region = regions.FirstOrDefault(r => r.Id == regionId);
        if (region is null)
        {
            return BoardPage.NotFound("Wilayah tidak ditemukan", $"Tidak ada wilayah '{regionId}' yang dapat Anda kelola.");
        }
        var units = await reference.UnitsAsync(regionId, ct);
        var unit = unitId is null ? null : units.FirstOrDefault(u => u.Id == unitId);
        if (unitId is not null && unit is null)
        {
            return BoardPage.NotFound("Unit tidak ditemukan", $"Tidak ada unit '{unitId}' di wilayah '{regionId}'.");
        }
        var thisYear = time.GetUtcNow().Year;
        var y = int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && SkpDraftReader.YearError(parsed, thisYear) is null
            ? parsed : thisYear;
        var content = new StringBuilder();
        content.Append("<link rel=\"stylesheet\" href=\"/css/rencana-unit.css\">")
            .Append(BoardPage.Header("Rencana kinerja unit (IKU)", region.Name, false, $"/pemantauan-skp?regionId={Uri.EscapeDataString(regionId)}"))
            .Append("<main class=\"rencana-unit\"><form class=\"saring\" method=\"get\" action=\"/rencana-unit\">")
            .Append($"<input type=\"hidden\" name=\"regionId\" value=\"{E(regionId)}\">")
            .Append("<label for=\"pilih-unit\">Unit</label><select id=\"pilih-unit\" name=\"unitId\"><option value=\"\">Pilih unit…</option>");
        foreach (var u in units)
        {
            content.Append($"<option value=\"{E(u.Id)}\"{(u.Id == unitId ? " selected" : "")}>{E(u.Name)}</option>");
        }
        content.Append("</select><label for=\"pilih-tahun\">Tahun</label><select id=\"pilih-tahun\" name=\"year\">");
        for (var option = thisYear + SkpLimits.YearsAhead; option >= thisYear - SkpLimits.YearsBack; option--)
        {
            content.Append($"<option{(option == y ? " selected" : "")}>{option}</option>");
        }
        content.Append("</select><button type=\"submit\">Tampilkan</button></form>");
        if (unit is null)
        {
            content.Append("<p class=\"sub\">Pilih unit untuk melihat dan menyusun IKU-nya.</p></main>");
        }
        else
        {
            content.Append(Sections(unit.Name, y)).Append("</main>");
        }
        var data = BoardPage.Data(BoardGroup.Region(regionId), region, options.Value, false, time);
        data["unit"] = unitId ?? "";
        data["year"] = y.ToString(CultureInfo.InvariantCulture);
        return Result(Page($"Rencana kinerja unit {region.Name}", "rencana-unit-halaman", data, content.ToString(),
            "/lib/signalr/signalr.min.js", "/js/live.js", "/js/panel-refresh.js", "/js/rencana-unit.js"));
    }

    private static string Sections(string unitName, int year) =>
        $"<section class=\"panel\" id=\"iku-daftar\"><h2>IKU {E(unitName)} tahun {year}</h2>"
        + "<p class=\"sub\" id=\"iku-status\" role=\"status\" aria-live=\"polite\">Memuat…</p><div class=\"tabel-gulir\">"
        + "<table class=\"units-table\" id=\"tabel-iku\"><thead><tr><th>Kode</th><th>Indikator kinerja utama</th><th>Target tahunan</th>"
        + "<th>Target per periode</th><th>Realisasi terakhir</th><th>Capaian</th><th>RHK turunan</th><th>Aksi</th>"
        + "</tr></thead><tbody></tbody></table></div></section>"
        + "<section class=\"panel\" id=\"iku-form-kotak\"><h2 id=\"judul-form\">Tambah IKU</h2>"
        + "<form id=\"form-iku\" novalidate>"
        + Field("code", "Kode", "<input id=\"iku-code\" name=\"code\" data-path=\"code\" maxlength=\"32\" autocomplete=\"off\" placeholder=\"IKU-1\">")
        + Field("name", "Nama indikator", "<input id=\"iku-name\" name=\"name\" data-path=\"name\" maxlength=\"500\" autocomplete=\"off\">")
        + Field("targetValue", "Target tahunan", "<input id=\"iku-targetValue\" name=\"targetValue\" data-path=\"targetValue\" inputmode=\"decimal\" autocomplete=\"off\" placeholder=\"90\">")
        + Field("targetUnit", "Satuan", "<input id=\"iku-targetUnit\" name=\"targetUnit\" data-path=\"targetUnit\" maxlength=\"50\" autocomplete=\"off\" placeholder=\"persen\">")
        + Field("periodTargets", "Target per periode (opsional)",
            $"<input id=\"iku-periodTargets\" name=\"periodTargets\" data-path=\"periodTargets\" autocomplete=\"off\" placeholder=\"{year}-Q1=25; {year}-Q2=50\">"
            + $"<small>Bulan ({year}-01 … {year}-12) atau triwulan ({year}-Q1 … {year}-Q4) tahun {year}, dipisah titik koma.</small>")
        + "<p class=\"galat\" data-path=\"\" id=\"galat-umum\" role=\"alert\"></p>"
        + "<div class=\"tombol\"><button type=\"submit\" id=\"simpan-iku\">Simpan IKU</button>"
        + "<button type=\"button\" id=\"batal-ubah\" hidden>Batal mengubah</button></div></form></section>";

    private static string Field(string path, string label, string control) =>
        $"<div class=\"isian\"><label for=\"iku-{path}\">{E(label)}</label>{control}<p class=\"galat\" data-path=\"{path}\"></p></div>";
}
