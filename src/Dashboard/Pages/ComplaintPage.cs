using System.Globalization;
using System.Security.Claims;
using System.Text;
using Kinerja.Core.Domain;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Survey;
using Microsoft.AspNetCore.Http.HttpResults;
using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// <c>/pengaduan/{unitId}</c>: the unit's complaints and suggestions from the citizen survey (element U8) for HR and, where
/// the region allows it, the unit's staff (<see cref="ComplaintAccess"/>). The server renders the list (every citizen
/// text HTML-escaped); <c>/js/pengaduan.js</c> sends the steps to <c>POST /api/v1/complaints/{id}/transitions</c>.
/// </summary>
public static class ComplaintPage
{
    private static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");

    public static async Task<ContentHttpResult> GetAsync(string unitId, ClaimsPrincipal user, ComplaintAccess access, ComplaintStore store,
        ReferenceRepository reference, CancellationToken ct)
    {
        var unit = (await reference.UnitsAsync(null, ct)).FirstOrDefault(u => u.Id == unitId);
        if (unit is null)
        {
            return BoardPage.NotFound("Unit tidak ditemukan", $"Tidak ada unit layanan dengan kode '{unitId}'.");
        }
        if (!await access.CanHandleAsync(user, unitId, ct))
        {
            return TypedResults.Content(Page("Pengaduan", "pengaduan", new Dictionary<string, string>(),
                "<main class=\"pengaduan\"><h1>Tidak diizinkan</h1><p>Anda tidak berwenang membaca pengaduan unit ini.</p></main>"),
                "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }
        var region = (await reference.RegionsAsync(ct)).FirstOrDefault(r => r.Id == unit.RegionId);
        var clock = new RegionClock(region is not null && RegionClock.IsKnownTimeZone(region.TimeZone) ? region.TimeZone : "Asia/Jakarta");
        var items = await store.ListAsync(unitId, null, ct);
        var html = new StringBuilder(8192);
        html.Append("<link rel=\"stylesheet\" href=\"/css/pengaduan.css\"><main class=\"pengaduan\">")
            .Append("<h1>Pengaduan dan saran</h1><p class=\"unit\">").Append(E(unit.Name)).Append("</p>")
            .Append("<p class=\"ringkas\" id=\"ringkas\">").Append(items.Count(i => i.State is ComplaintStates.Baru or ComplaintStates.Diproses))
            .Append(" terbuka dari ").Append(items.Count).Append(" pengaduan</p>")
            .Append("<p id=\"pesan\" class=\"pesan\" role=\"status\" aria-live=\"polite\"></p>");
        if (items.Count == 0)
        {
            html.Append("<p class=\"kosong\">Belum ada pengaduan atau saran dari survei.</p>");
        }
        html.Append("<ol class=\"antrean\">");
        foreach (var item in items)
        {
            html.Append("<li class=\"aduan\" data-id=\"").Append(item.Id).Append("\" data-state=\"").Append(item.State).Append("\">")
                .Append("<p class=\"meta\"><span class=\"status status-").Append(item.State).Append("\">").Append(StateLabel(item.State))
                .Append("</span> ").Append(E(When(clock, item.SubmittedAt)));
            if (item.ServiceId.Length > 0)
            {
                html.Append(" · layanan ").Append(E(item.ServiceId));
            }
            html.Append("</p><blockquote class=\"isi\">").Append(E(item.Text)).Append("</blockquote>");
            if (item.Processing is { } p)
            {
                html.Append("<p class=\"langkah\">Diproses oleh ").Append(E(p.By)).Append(", ").Append(E(When(clock, p.At))).Append("</p>");
            }
            if (item.Closed is { } c)
            {
                html.Append("<p class=\"langkah\">").Append(item.State == ComplaintStates.Selesai ? "Dijawab" : "Ditutup").Append(" oleh ")
                    .Append(E(c.By)).Append(", ").Append(E(When(clock, c.At)));
                if (item.ResponseHours is { } hours)
                {
                    html.Append(" (").Append((hours / 24).ToString("0.#", Id)).Append(" hari)");
                }
                html.Append("</p><p class=\"jawaban\">").Append(E(item.Response ?? item.Reason)).Append("</p>");
            }
            html.Append(Actions(item)).Append("</li>");
        }
        html.Append("</ol></main>");
        return Result(Page("Pengaduan " + unit.Name, "pengaduan", new Dictionary<string, string> { ["unit"] = unit.Id },
            html.ToString(), "/js/pengaduan.js"));
    }

    private static string Actions(ComplaintView item) => item.State switch
    {
        ComplaintStates.Baru => "<div class=\"aksi\"><button type=\"button\" data-to=\"diproses\">Proses</button>"
                                + Form("ditutup", "Alasan penutupan", "Tutup") + "</div>",
        ComplaintStates.Diproses => "<div class=\"aksi\">" + Form("selesai", "Jawaban untuk warga", "Kirim jawaban")
                                    + Form("ditutup", "Alasan penutupan", "Tutup") + "</div>",
        _ => "",
    };

    private static string Form(string to, string label, string button) =>
        $"<form class=\"langkah-{to}\" data-to=\"{to}\"><label>{label}<textarea name=\"teks\" rows=\"2\" maxlength=\"{ComplaintStates.MaxText}\" "
        + $"required></textarea></label><button type=\"submit\">{button}</button></form>";

    private static string StateLabel(string state) => state switch
    {
        ComplaintStates.Baru => "Baru",
        ComplaintStates.Diproses => "Diproses",
        ComplaintStates.Selesai => "Selesai",
        _ => "Ditutup",
    };

    private static string When(RegionClock clock, DateTimeOffset at) => clock.ToLocal(at).ToString("d MMM yyyy HH.mm", Id);
}
