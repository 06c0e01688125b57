using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>The static frame of <c>/saya</c> (<see cref="SayaPage"/>): slots the script fills, the daily report form.</summary>
internal static class SayaHtml
{
    public static string Header(string name, string nip, string unitName, bool hasReports) =>
        "<link rel=\"stylesheet\" href=\"/css/saya.css\">"
        + "<header class=\"saya-top\"><div class=\"who\"><h1>Kinerja Saya</h1>"
        + $"<p class=\"sub\"><span id=\"nama\">{E(name)}</span> · NIP {E(nip)}</p><p class=\"sub\">{E(unitName)}</p></div>"
        + "<nav class=\"menu\">"
        + (hasReports ? "<a id=\"tautan-tim\" href=\"/tim\">Tim saya</a>" : "")
        + "<a href=\"/keluar\">Keluar</a></nav>"
        + "<p class=\"state\"><span id=\"asof\">Menghubungkan…</span> <span class=\"conn\" id=\"koneksi\" data-state=\"connecting\" "
        + "title=\"Menghubungkan…\">●</span></p></header>"
        + "<div class=\"stale\" id=\"basi\" role=\"status\" hidden></div>";

    public static string Body() => """
        <main class="saya">
          <section class="kartu ringkas" aria-label="Ringkasan menit">
            <div class="angka"><div class="label">Menit hari ini</div><div class="nilai" id="menit-hari">—</div>
              <div class="bar"><span id="menit-hari-bar"></span></div><div class="ket" id="menit-hari-ket">&nbsp;</div></div>
            <div class="angka"><div class="label">Menit bulan ini (disetujui)</div><div class="nilai" id="menit-bulan">—</div>
              <div class="bar"><span id="menit-bulan-bar"></span></div><div class="ket" id="menit-bulan-ket">&nbsp;</div></div>
          </section>

          <section class="kartu" id="lapor">
            <h2 id="judul-lapor">Laporan harian</h2>
            <form id="form-lapor" novalidate>
              <div class="baris2">
                <div class="isian"><label for="hari">Tanggal</label><input type="date" id="hari" name="hari" required>
                  <p class="galat" id="galat-hari" data-field="occurredAt"></p></div>
                <div class="isian"><label for="menit">Menit</label><input type="number" id="menit" name="menit" min="1" step="1" inputmode="numeric" required>
                  <p class="galat" id="galat-menit" data-field="minutes"></p></div>
              </div>
              <div class="isian"><label for="uraian">Uraian kegiatan</label><textarea id="uraian" name="uraian" rows="3" maxlength="4000" required></textarea>
                <p class="galat" id="galat-uraian" data-field="description"></p></div>
              <div class="baris2">
                <div class="isian"><label for="keluaran">Keluaran (output)</label><input type="text" id="keluaran" name="keluaran" maxlength="4000" placeholder="mis. dokumen">
                  <p class="galat" id="galat-keluaran" data-field="output"></p></div>
                <div class="isian"><label for="volume">Volume</label><input type="number" id="volume" name="volume" min="0" step="any" inputmode="decimal">
                  <p class="galat" id="galat-volume" data-field="volume"></p></div>
              </div>
              <div class="isian"><label for="skp">Tautan indikator SKP (tidak wajib)</label><input type="text" id="skp" name="skp" maxlength="200">
                <p class="galat" id="galat-skp" data-field="skpIndicator"></p></div>
              <p class="galat" id="galat-umum" data-field=""></p>
              <div class="aksi"><button type="submit" id="kirim-lapor" class="utama">Kirim laporan</button>
                <button type="button" id="batal-ubah" hidden>Batal</button></div>
              <p id="pesan-lapor" class="pesan" role="status" aria-live="polite"></p>
            </form>
          </section>

          <section class="kartu" id="aktivitas">
            <div class="judul-baris"><h2>Aktivitas bulan ini</h2>
              <label class="saklar"><input type="checkbox" id="tampil-ditarik"> Tampilkan yang ditarik</label></div>
            <p id="pesan-aktivitas" class="pesan" role="status" aria-live="polite"></p>
            <ol class="daftar" id="daftar-aktivitas"><li class="kosong">Memuat…</li></ol>
          </section>

          <section class="kartu" id="kehadiran">
            <h2>Kehadiran</h2>
            <dl class="pasangan" id="isi-kehadiran"><dt>Memuat…</dt><dd></dd></dl>
          </section>

          <section class="kartu" id="predikat">
            <h2>Predikat kinerja sementara</h2>
            <div class="predikat" id="nilai-predikat">—</div>
            <dl class="pasangan" id="isi-predikat"></dl>
            <h3>Yang dapat mengubahnya</h3>
            <ul class="saran" id="saran-predikat"></ul>
            <p class="ket" id="tpp" hidden></p>
          </section>

          <section class="kartu" id="tindak-lanjut">
            <h2>Penghargaan, pembinaan, dan sanksi</h2>
            <ol class="daftar" id="daftar-tindak"><li class="kosong">Memuat…</li></ol>
          </section>

          <section class="kartu" id="penilaian">
            <h2>Penilaian BerAKHLAK yang saya terima</h2>
            <div id="isi-penilaian"><p class="kosong">Memuat…</p></div>
            <p id="survei-masyarakat" hidden></p>
          </section>

          <section class="kartu" id="umpan-balik">
            <h2>Umpan balik atasan</h2>
            <ol class="daftar" id="daftar-umpan-balik"><li class="kosong">Memuat…</li></ol>
          </section>

          <section class="kartu" id="nilai-360">
            <h2>Penilaian 360° periode ini</h2>
            <p class="ket">Nilai setiap aspek BerAKHLAK dari 1 (sangat kurang) sampai 5 (sangat baik). Penilaian yang sudah terkirim tidak dapat diubah.</p>
            <div id="isi-360"><p class="kosong">Memuat…</p></div>
          </section>

          <section class="kartu" id="tindak-lanjut-saya">
            <link rel="stylesheet" href="/css/tindak-lanjut.css">
            <h2>Tindak lanjut</h2>
            <p class="ket">Apa yang dilakukan atas penghargaan, pembinaan, dan sanksi Anda, oleh siapa, dan sampai kapan.</p>
            <ol class="daftar-tl" id="daftar-tindak-lanjut-saya"><li class="kosong">Memuat…</li></ol>
          </section>

          <section class="kartu" id="dokumen-saya">
            <h2>Dokumen evaluasi</h2>
            <p class="ket">Unduh dokumen evaluasi kinerja Anda (PDF) untuk satu bulan (YYYY-MM) atau satu tahun (YYYY).</p>
            <form id="form-dokumen-saya"><label>Periode <input id="dokumen-periode" placeholder="YYYY-MM atau YYYY" maxlength="7" required></label>
              <button type="submit">Buat dokumen</button></form>
            <p id="dokumen-status"></p>
          </section>

          <section class="kartu skp" id="skp-saya" aria-labelledby="judul-skp-saya">
            <link rel="stylesheet" href="/css/skp.css">
            <div class="judul-baris"><h2 id="judul-skp-saya">SKP saya</h2>
              <label class="periode-skp">Tahun <select id="skp-tahun"></select></label>
              <label class="periode-skp">Periode <select id="skp-periode"></select></label></div>
            <p id="skp-pesan" class="pesan" role="status" aria-live="polite"></p>
            <div id="skp-isi"><p class="kosong">Memuat…</p></div>
          </section>
        </main>
        """;
}
