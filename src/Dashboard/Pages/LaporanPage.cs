using System.Globalization;
using System.Security.Claims;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// <c>/laporan</c>: HR (sdm) and leaders request report documents (issue 19) and download them, under
/// <see cref="Policies.SignedIn"/>. The server renders the region choice (HR: the regions they are HR of; leaders: their
/// granted regions); <c>/js/laporan.js</c> posts to <c>POST /api/v1/reports</c> and polls the job until its file is ready.
/// What each role may request is decided by the API (<c>Reports/ReportAccess.cs</c>), not by this form.
/// </summary>
public static class LaporanPage
{
    public static async Task<ContentHttpResult> GetAsync(ClaimsPrincipal user, RegionAccess access, ReferenceRepository reference,
        TimeProvider time, CancellationToken ct)
    {
        var record = await access.CurrentUserAsync(user, ct);
        var readable = await access.ReadableRegionsAsync(user, ct);
        var hr = record is { Role: AccessRoles.Sdm } && record.Regions.Count > 0 ? record.Regions.ToHashSet() : null;
        var regions = (await reference.RegionsAsync(ct))
            .Where(r => (readable is null || readable.Contains(r.Id)) && (hr is null || hr.Contains(r.Id)))
            .ToList();
        const string Style = "<style>.lp-halaman{max-width:52rem;margin:1rem auto;padding:0 1rem}.lp-form label{display:block;margin:.5rem 0}"
            + ".lp-form input,.lp-form select{margin-left:.5rem}#daftar-laporan li{margin:.4rem 0}.galat{color:#a61b1b}</style>";
        if (regions.Count == 0)
        {
            return Result(Page("Laporan", "laporan pesan", new Dictionary<string, string>(),
                Style + "<main class=\"lp-halaman\"><h1>Laporan</h1><p>Akun ini tidak memiliki wilayah. Hubungi admin.</p></main>"));
        }
        var lastMonth = time.GetUtcNow().AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var options = string.Concat(regions.Select(r => $"<option value=\"{E(r.Id)}\">{E(r.Name)}</option>"));
        var content = Style
            + "<header class=\"tl-top\"><h1>Laporan</h1><p class=\"sub\">Rekap TPP untuk penggajian, dokumen evaluasi pegawai, dan laporan unit"
            + "</p><nav><a href=\"/\">Beranda</a> · <a href=\"/tindak-lanjut\">Tindak lanjut</a> · <a href=\"/keluar\">Keluar</a></nav></header>"
            + "<main class=\"lp-halaman\"><form id=\"form-laporan\" class=\"lp-form\">"
            + "<label>Jenis <select id=\"laporan-jenis\"><option value=\"tpp\">Rekap TPP (XLSX)</option>"
            + "<option value=\"evaluation\">Dokumen evaluasi pegawai (PDF)</option><option value=\"unit\">Laporan unit (PDF)</option></select></label>"
            + $"<label>Wilayah <select id=\"laporan-wilayah\">{options}</select></label>"
            + "<label id=\"baris-unit\">Unit <select id=\"laporan-unit\"></select></label>"
            + "<label id=\"baris-nip\" hidden>NIP <input id=\"laporan-nip\" inputmode=\"numeric\" maxlength=\"18\" pattern=\"[0-9]{18}\"></label>"
            + $"<label>Periode <input id=\"laporan-periode\" value=\"{E(lastMonth)}\" placeholder=\"YYYY-MM atau YYYY\" maxlength=\"7\"></label>"
            + "<p class=\"ket\">Bulan (YYYY-MM) atau tahun (YYYY, untuk dokumen evaluasi dan laporan unit). Dokumen dibuat di latar belakang;"
            + " kemajuannya tampil di bawah.</p><button type=\"submit\">Buat dokumen</button></form>"
            + "<h2>Dokumen</h2><ol id=\"daftar-laporan\"></ol></main>";
        return Result(Page("Laporan", "laporan", new Dictionary<string, string>(), content, "/js/api.js", "/js/laporan-umum.js", "/js/laporan.js"));
    }
}
