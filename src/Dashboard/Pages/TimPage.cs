using System.Globalization;
using System.Security.Claims;
using Kinerja.Core.Domain;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Board;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// <c>/tim</c>: the superior's page (issue 16), under <see cref="Policies.Employee"/>. The server renders the frame with
/// the signed-in superior's NIP, the region's time zone and the product clock; <c>/js/tim-dasar.js</c>, <c>/js/tim-umpan.js</c> and
/// <c>/js/tim.js</c> fill it from
/// <c>GET /api/v1/team</c>, <c>GET /api/v1/team/reviews</c> and <c>GET /api/v1/team/feedback</c>, writes through
/// <c>POST /api/v1/team/reviews</c> and <c>POST /api/v1/team/feedback</c> and follows <c>employee:{own nip}</c> on
/// <c>/hubs/employee</c> (<c>ReviewQueueChanged</c>). An employee without direct reports gets a plain Indonesian page.
/// </summary>
public static class TimPage
{
    public static async Task<ContentHttpResult> GetAsync(ClaimsPrincipal user, TeamScope team, ReferenceRepository reference,
        IOptions<BoardOptions> options, TimeProvider time, CancellationToken ct)
    {
        if (UserPrincipal.NipOf(user) is not { } nip || await team.EmployeeAsync(nip, ct) is not { Active: true } me)
        {
            return Message("Akun tidak terhubung", "Akun ini tidak terhubung dengan pegawai aktif. Hubungi pengelola kepegawaian (SDM).",
                StatusCodes.Status403Forbidden);
        }
        if ((await team.DirectReportsAsync(me.Nip, ct)).Count == 0)
        {
            return Message("Tim saya", "Anda belum memiliki bawahan langsung. Halaman ini untuk atasan yang meninjau laporan bawahannya.",
                StatusCodes.Status200OK);
        }
        var region = (await reference.RegionsAsync(ct)).FirstOrDefault(r => r.Id == me.RegionId);
        var tz = region is not null && RegionClock.IsKnownTimeZone(region.TimeZone) ? region.TimeZone : "Asia/Jakarta";
        var now = time.GetUtcNow();
        var data = new Dictionary<string, string>
        {
            ["nip"] = me.Nip,
            ["tz"] = tz,
            ["zone"] = TriggerLabels.Zone(tz),
            ["month"] = new RegionClock(tz).Today(time).ToString("yyyy-MM", CultureInfo.InvariantCulture),
            ["stale"] = options.Value.StaleSeconds.ToString(CultureInfo.InvariantCulture),
            ["now"] = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
        return Result(Page("Tim saya", "tim", data, Frame(me.Name), "/lib/signalr/signalr.min.js", "/js/tim-dasar.js",
            "/js/tim-umpan.js", "/js/tim.js", "/js/api.js", "/js/tindak-lanjut-umum.js", "/js/tim-tindak-lanjut.js", "/js/skp-umum.js", "/js/tim-skp.js"));
    }

    private static string Frame(string name) =>
        "<link rel=\"stylesheet\" href=\"/css/tim.css\">"
        + "<header class=\"tim-top\"><div><h1>Tim saya</h1><p class=\"sub\">" + E(name) + " · tinjau laporan bawahan langsung</p></div>"
        + "<div class=\"tim-status\"><span id=\"asof\">Memuat…</span> <span class=\"conn\" id=\"koneksi\" data-state=\"connecting\" "
        + "title=\"Menghubungkan…\">●</span></div>"
        + "<nav class=\"tim-nav\"><a href=\"/saya\">← Halaman saya</a> · <a href=\"/keluar\">Keluar</a></nav></header>"
        + "<div class=\"stale\" id=\"basi\" role=\"status\" hidden></div>"
        + "<main class=\"tim\">"
        + """
          <section class="kartu antrian" aria-labelledby="judul-antrian">
            <div class="kepala"><h2 id="judul-antrian">Antrian tinjauan <span class="jumlah" id="jumlah-antrian">0</span></h2>
              <label class="saring">Pegawai <select id="saring-pegawai"><option value="">Semua</option></select></label></div>
            <p class="petunjuk">Aktivitas yang menunggu persetujuan, yang terlama di atas. Mengembalikan wajib dengan umpan balik.</p>
            <div class="massal">
              <label class="pilih-semua"><input type="checkbox" id="pilih-semua"> Pilih semua</label>
              <textarea id="catatan-massal" rows="2" maxlength="2000" placeholder="Umpan balik untuk yang dipilih (wajib jika dikembalikan)"
                aria-label="Umpan balik untuk aktivitas terpilih"></textarea>
              <div class="tombol"><button type="button" class="setuju" id="setujui-terpilih">Setujui terpilih</button>
                <button type="button" class="kembali" id="kembalikan-terpilih">Kembalikan terpilih</button></div>
              <p class="pesan" id="pesan-massal" role="status" aria-live="polite"></p>
            </div>
            <ol class="daftar-antrian" id="antrian"><li class="kosong">Memuat…</li></ol>
          </section>
          <section class="kartu indikator" aria-labelledby="judul-indikator">
            <h2 id="judul-indikator">Indikator tim bulan ini</h2>
            <ul class="daftar-tim" id="tim"><li class="kosong">Memuat…</li></ul>
          </section>
          <section class="kartu umpan-balik" aria-labelledby="judul-umpan">
            <h2 id="judul-umpan">Umpan balik berkelanjutan</h2>
            <form id="form-umpan" novalidate>
              <label for="umpan-pegawai">Untuk</label><select id="umpan-pegawai"></select>
              <label for="umpan-catatan">Catatan</label>
              <textarea id="umpan-catatan" rows="3" maxlength="2000" placeholder="Tulis umpan balik yang tidak terkait satu aktivitas"></textarea>
              <button type="submit" id="umpan-kirim">Kirim umpan balik</button>
              <p class="pesan" id="umpan-pesan" role="status" aria-live="polite"></p>
            </form>
            <h3>Catatan yang sudah Anda tulis bulan ini</h3>
            <ol class="daftar-umpan" id="umpan-daftar"><li class="kosong">Belum ada catatan.</li></ol>
          </section>
          <section class="kartu tindak-lanjut-tim" id="tindak-lanjut-tim" aria-labelledby="judul-tindak-lanjut">
            <link rel="stylesheet" href="/css/tindak-lanjut.css">
            <h2 id="judul-tindak-lanjut">Tindak lanjut <span class="jumlah" id="jumlah-tindak-lanjut">0</span></h2>
            <p class="petunjuk">Penghargaan, pembinaan, dan sanksi yang ditugaskan kepada Anda, tenggat terdekat di atas.</p>
            <ol class="daftar-tl" id="daftar-tindak-lanjut-tim"><li class="kosong">Memuat…</li></ol>
          </section>
          <section class="kartu skp skp-tim" id="skp-tim" aria-labelledby="judul-skp-tim">
            <link rel="stylesheet" href="/css/skp.css">
            <div class="kepala"><h2 id="judul-skp-tim">SKP tim <span class="jumlah" id="jumlah-skp-tim">0</span></h2>
              <label class="saring">Tahun <select id="skp-tim-tahun"></select></label>
              <label class="saring">Periode <select id="skp-tim-periode"></select></label></div>
            <p class="petunjuk">Rencana SKP bawahan langsung pada tahun yang dipilih: yang diajukan di atas. Mengembalikan wajib dengan catatan.</p>
            <p class="pesan" id="skp-tim-pesan" role="status" aria-live="polite"></p>
            <ol class="daftar-skp-tim" id="skp-tim-daftar"><li class="kosong">Memuat…</li></ol>
          </section>
          </main>
          """;

    private static ContentHttpResult Message(string title, string message, int status) => TypedResults.Content(
        Page(title, "tim pesan", new Dictionary<string, string>(),
            "<link rel=\"stylesheet\" href=\"/css/tim.css\"><main class=\"tim pesan-halaman\"><h1>" + E(title) + "</h1><p id=\"pesan-tim\">"
            + E(message) + "</p><p><a href=\"/saya\">Ke halaman saya</a> · <a href=\"/keluar\">Keluar</a></p></main>"),
        "text/html; charset=utf-8", statusCode: status);
}
