// The pages' one client for the JSON APIs: fetch with the session cookie, JSON in and out, never throwing (a network
// failure is status 0), and one Indonesian sentence per failure. Loaded before the scripts that use window.KinerjaApi.
"use strict";
window.KinerjaApi = (function () {
  /** Returns { ok, status, body } (body: the parsed JSON or null); status 0 when the server could not be reached. */
  async function call(method, url, payload) {
    const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
    if (payload !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(payload); }
    let r;
    try { r = await fetch(url, init); } catch { return { ok: false, status: 0, body: null }; }
    let body = null;
    try { body = await r.json(); } catch { body = null; }
    return { ok: r.ok, status: r.status, body };
  }

  /**
   * An Indonesian sentence for a failed call: the page's own sentence for a status it names in `own`
   * (e.g. { 403: "…", 409: "…" }), else the common one; otherwise the server's problem detail.
   */
  function problem(r, own) {
    if (own && own[r.status]) { return own[r.status]; }
    if (r.status === 0) { return "Tidak ada koneksi. Coba lagi."; }
    if (r.status === 401) { return "Sesi Anda berakhir. Muat ulang halaman dan masuk kembali."; }
    if (r.status === 403) { return "Anda tidak berwenang melakukan tindakan ini."; }
    if (r.status === 404) { return "Data yang diminta tidak ditemukan."; }
    return "Ditolak server (" + r.status + ")" + (r.body && r.body.detail ? ": " + r.body.detail : ".");
  }

  return { call, problem };
})();
