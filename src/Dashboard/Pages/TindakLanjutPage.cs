using System.Security.Claims;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Board;
using Microsoft.AspNetCore.Http.HttpResults;
using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// <c>/tindak-lanjut</c>: HR's and leaders' list of follow-up items (issue 19), under <see cref="Policies.SignedIn"/>.
/// The server renders the region choice (HR: the regions they are HR of; leaders: their granted regions; admins: all);
/// <c>/js/tindak-lanjut.js</c> fills the list from <c>GET /api/v1/followups?region=…</c> with unit, state and overdue
/// filters. HR of the region may move items; leaders and admins read.
/// </summary>
public static class TindakLanjutPage
{
    public static async Task<ContentHttpResult> GetAsync(ClaimsPrincipal user, RegionAccess access, ReferenceRepository reference,
        CancellationToken ct)
    {
        var record = await access.CurrentUserAsync(user, ct);
        var readable = await access.ReadableRegionsAsync(user, ct);
        var hr = record is { Role: AccessRoles.Sdm } && record.Regions.Count > 0 ? record.Regions.ToHashSet() : null;
        var regions = (await reference.RegionsAsync(ct))
            .Where(r => (readable is null || readable.Contains(r.Id)) && (hr is null || hr.Contains(r.Id)))
            .ToList();
        if (regions.Count == 0)
        {
            return Result(Page("Tindak lanjut", "tindak-lanjut pesan", new Dictionary<string, string>(),
                "<link rel=\"stylesheet\" href=\"/css/tindak-lanjut.css\"><main class=\"tl-halaman\"><h1>Tindak lanjut</h1>"
                + "<p>Akun ini tidak memiliki wilayah. Hubungi admin.</p></main>"));
        }
        var first = regions[0];
        var data = new Dictionary<string, string> { ["tz"] = first.TimeZone, ["zone"] = TriggerLabels.Zone(first.TimeZone) };
        var options = string.Concat(regions.Select(r => $"<option value=\"{E(r.Id)}\">{E(r.Name)}</option>"));
        var content = "<link rel=\"stylesheet\" href=\"/css/tindak-lanjut.css\">"
            + "<header class=\"tl-top\"><h1>Tindak lanjut</h1><p class=\"sub\">Penghargaan, pembinaan, dan sanksi yang harus dilaksanakan"
            + " · <span id=\"jumlah-tindak-lanjut\">0</span> butir</p><nav><a href=\"/\">Beranda</a> · <a href=\"/keluar\">Keluar</a></nav></header>"
            + "<main class=\"tl-halaman\"><form id=\"saring\" class=\"saring-tl\">"
            + $"<label>Wilayah <select id=\"saring-wilayah\">{options}</select></label>"
            + "<label>Unit <select id=\"saring-unit\"><option value=\"\">Semua unit</option></select></label>"
            + "<label>Status <select id=\"saring-status\"><option value=\"\">Semua</option><option value=\"baru\">Baru</option>"
            + "<option value=\"diproses\">Diproses</option><option value=\"perlu_ditinjau\">Perlu ditinjau</option>"
            + "<option value=\"selesai\">Selesai</option><option value=\"dibatalkan\">Dibatalkan</option></select></label>"
            + "<label class=\"centang\"><input type=\"checkbox\" id=\"saring-terlambat\"> Hanya yang lewat tenggat</label></form>"
            + "<ol class=\"daftar-tl\" id=\"daftar-tindak-lanjut\"><li class=\"kosong\">Memuat…</li></ol></main>";
        return Result(Page("Tindak lanjut", "tindak-lanjut", data, content, "/js/api.js", "/js/tindak-lanjut-umum.js", "/js/tindak-lanjut.js"));
    }
}
