using System.Globalization;
using System.Security.Claims;
using Kinerja.Core.Domain;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Board;
using Kinerja.Dashboard.Skp;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// <c>/saya</c>: the employee's own page (issue 16), phone first. The server renders the frame (name, unit, the
/// region's clock, the link to <c>/tim</c> for a superior); <c>/js/saya.js</c> fills it from <c>/api/v1/me*</c>, keeps it
/// live over <c>/hubs/employee</c> (group <c>employee:{nip}</c>), and posts the daily report, edits, withdrawals and
/// 360 ratings (<c>/js/saya-lapor.js</c>, <c>/js/saya-360.js</c>) and runs the SKP plan, realisations and evidence
/// (<c>/js/saya-skp.js</c>). Mapped for any signed-in person: an account
/// without a NIP gets an Indonesian page saying so instead of the generic refusal.
/// </summary>
public static class SayaPage
{
    public static async Task<ContentHttpResult> GetAsync(ClaimsPrincipal user, TeamScope team, ReferenceRepository reference,
        TimeProvider time, IOptions<SkpOptions> skp, CancellationToken ct)
    {
        if (!user.IsInRole(AccessRoles.Pegawai) || UserPrincipal.NipOf(user) is not { } nip)
        {
            return Message(StatusCodes.Status403Forbidden, "Akun tidak terhubung dengan pegawai",
                "Halaman Kinerja Saya hanya untuk akun pegawai yang terhubung dengan satu NIP. Akun ini tidak memiliki NIP; "
                + "hubungi BKD/BKPSDM bila Anda pegawai, atau buka papan kinerja dari beranda.");
        }
        var employee = await team.EmployeeAsync(nip, ct);
        var region = employee is null ? null : (await reference.RegionsAsync(ct)).FirstOrDefault(r => r.Id == employee.RegionId);
        if (employee is not { Active: true } || region is null)
        {
            return Message(StatusCodes.Status404NotFound, "Pegawai tidak ditemukan",
                $"Tidak ada pegawai aktif dengan NIP {nip}. Hubungi BKD/BKPSDM.");
        }
        var unit = (await reference.UnitsAsync(region.Id, ct)).FirstOrDefault(u => u.Id == employee.UnitId);
        var hasReports = (await team.DirectReportsAsync(nip, ct)).Count > 0;
        var clock = new RegionClock(region.TimeZone);
        var nowUtc = time.GetUtcNow();
        var offset = clock.ToLocal(nowUtc).Offset;
        var data = new Dictionary<string, string>
        {
            ["nip"] = nip,
            ["tz"] = region.TimeZone,
            ["zone"] = TriggerLabels.Zone(region.TimeZone),
            ["offset"] = (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
            ["now"] = nowUtc.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["today"] = clock.Today(time).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            // the evidence limits the SKP section shows and checks before an upload (the server checks again)
            ["skp-max-bytes"] = skp.Value.EvidenceMaxBytes.ToString(CultureInfo.InvariantCulture),
            ["skp-types"] = string.Join(",", skp.Value.EvidenceTypes),
        };
        var content = SayaHtml.Header(employee.Name, nip, unit?.Name ?? employee.UnitId, hasReports) + SayaHtml.Body();
        return Result(Page("Kinerja Saya", "saya", data, content, "/lib/signalr/signalr.min.js", "/js/saya.js",
            "/js/saya-lapor.js", "/js/saya-360.js", "/js/saya-tindak.js",
            "/js/api.js", "/js/tindak-lanjut-umum.js", "/js/saya-tindak-lanjut.js", "/js/saya-tahunan.js", "/js/saya-notifikasi.js",
            "/js/laporan-umum.js", "/js/saya-dokumen.js", "/js/skp-umum.js", "/js/saya-skp-rencana.js", "/js/saya-skp-realisasi.js",
            "/js/saya-skp.js"));
    }

    private static ContentHttpResult Message(int status, string title, string message) => TypedResults.Content(
        Page(title, "saya pesan", new Dictionary<string, string>(),
            "<link rel=\"stylesheet\" href=\"/css/saya.css\">"
            + $"<main class=\"message\"><h1>{E(title)}</h1><p>{E(message)}</p>"
            + "<p><a href=\"/\">Kembali ke beranda</a> · <a href=\"/keluar\">Keluar</a></p></main>"),
        "text/html; charset=utf-8", statusCode: status);
}
