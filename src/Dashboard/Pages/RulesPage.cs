using Microsoft.AspNetCore.Http.HttpResults;
using static Kinerja.Dashboard.Pages.Html;

namespace Kinerja.Dashboard.Pages;

/// <summary>
/// <c>/aturan</c>: the HR rules console. A static frame; everything else goes through the rules
/// HTTP API (<c>/api/v1/rules/...</c>) from <c>/js/aturan.js</c>; the form and decision-table view from
/// <c>/js/aturan-form.js</c>, backtest per unit and version changes from <c>/js/aturan-riwayat.js</c>.
/// </summary>
public static class RulesPage
{
    /// <summary>
    /// The console; <c>data-month</c> (the product clock's month, UTC) is the backtest's default period,
    /// <c>data-effective</c> the current month of a publish (<see cref="Rules.Store.RuleMonth.Current"/>), the default and
    /// earliest month of "Berlaku mulai" unless HR ticks re-evaluating closed months.
    /// </summary>
    public static ContentHttpResult Get(TimeProvider time) => Result(Page("Konsol aturan", "aturan", new Dictionary<string, string>
    {
        ["month"] = time.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        ["effective"] = Rules.Store.RuleMonth.Current(time),
    }, """
        <header class="top"><div class="brand"><a class="back" href="/" aria-label="Kembali">←</a>
        <div><h1>Konsol Aturan Kinerja</h1><p class="sub">Penghargaan, pembinaan, dan sanksi — tanpa deploy ulang</p></div></div>
        <div class="status"><div class="asof" id="status-api">Memuat…</div></div></header>
        <main class="rules">
          <nav class="panel workflows"><h2>Alur kerja (workflow)</h2><ul id="daftar-workflow"><li class="empty">Memuat…</li></ul></nav>
          <section class="panel editor">
            <div class="editor-head"><h2 id="judul-editor">Pilih alur kerja</h2><span class="badge" id="versi-aktif"></span></div>
            <div id="formulir-aturan" class="rule-form"></div>
            <label for="json-aturan" class="label">JSON RulesEngine</label>
            <textarea id="json-aturan" spellcheck="false" placeholder="Pilih alur kerja di kiri untuk menyunting aturannya."></textarea>
            <ul class="issues" id="masalah"></ul>
            <div class="actions">
              <button type="button" id="btn-validasi">Validasi</button>
              <button type="button" id="btn-uji">Jalankan uji (fixture)</button>
              <button type="button" id="btn-backtest">Backtest</button>
              <input type="text" id="catatan" placeholder="Catatan perubahan (wajib untuk terbit)" maxlength="500">
              <label class="month-field" for="berlaku-mulai">Berlaku mulai <input type="month" id="berlaku-mulai"></label>
              <label class="month-field"><input type="checkbox" id="evaluasi-ulang"> Evaluasi ulang bulan yang sudah ditutup</label>
              <button type="button" class="primary" id="btn-terbit">Terbitkan</button>
            </div>
            <div class="result" id="hasil" aria-live="polite"></div>
          </section>
          <section class="panel history"><h2>Riwayat versi</h2><table class="units-table" id="riwayat">
            <thead><tr><th>Versi</th><th>Waktu</th><th>Oleh</th><th>Catatan</th><th>Berlaku mulai</th><th></th></tr></thead><tbody></tbody></table></section>
          <section class="panel changes" id="menunggu-persetujuan" hidden></section>
          <section class="panel changes" id="perubahan-versi"></section>
        </main>
        <link rel="stylesheet" href="/css/aturan-form.css">
        """, "/js/aturan.js", "/js/aturan-form.js", "/js/aturan-riwayat.js"));
}
