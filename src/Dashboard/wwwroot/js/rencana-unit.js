// /rencana-unit (UnitPlanPage): a unit's IKU of a year with targets and attainment from GET /api/v1/units/{unitId}/iku,
// saved with PUT, removed with DELETE; the server's (English) field errors are said in Indonesian next to their fields.
// Re-read on every Panels hint of the region's board group (panel-refresh.js), so another HR session's change shows up.
// Every text from the server or a person is inserted with textContent, never as HTML.
"use strict";
(function () {
  const K = window.Kinerja;
  const P = window.KinerjaPanels;
  const unit = document.body.dataset.unit;
  const year = Number(document.body.dataset.year);
  const pick = document.getElementById("pilih-unit");
  const form = document.getElementById("form-iku");
  K.start({});
  if (pick) { pick.addEventListener("change", () => pick.form.submit()); }
  if (!unit || !form) { return; }
  const num = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });
  const status = document.getElementById("iku-status");
  const body = document.getElementById("tabel-iku").tBodies[0];
  const url = "/api/v1/units/" + encodeURIComponent(unit) + "/iku";
  let editing = null;
  let confirmCode = null;
  // The answer to this session's last save or removal. It is kept by the page, not by the status line: a live
  // refresh (a Panels hint, which the save itself sends) rewrites the line and must not wipe the answer.
  let lastAnswer = "";

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  async function call(method, target, payload) {
    const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
    if (payload !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(payload); }
    let r;
    try { r = await fetch(target, init); } catch { return { ok: false, status: 0, body: null }; }
    let json = null;
    try { json = await r.json(); } catch { json = null; }
    return { ok: r.ok, status: r.status, body: json };
  }

  function periodList(targets) {
    const keys = Object.keys(targets || {}).sort();
    return keys.length ? keys.map((k) => P.period(k) + ": " + num.format(targets[k])).join("; ") : "—";
  }

  function row(i) {
    const tr = el("tr");
    tr.dataset.code = i.code;
    const newest = i.realisations.length ? i.realisations[i.realisations.length - 1] : null;
    tr.append(el("td", "", i.code), el("td", "", i.name), el("td", "angka", num.format(i.targetValue) + " " + i.targetUnit),
      el("td", "", periodList(i.periodTargets)),
      el("td", "", newest ? num.format(newest.value) + " (" + P.period(newest.period) + ")" : "Belum ada"),
      el("td", "angka", i.attainment === null || i.attainment === undefined ? "—" : num.format(i.attainment) + "%"),
      el("td", "angka", num.format(i.cascadingRhk)));
    const actions = el("td", "aksi");
    const edit = el("button", "ubah", "Ubah");
    edit.type = "button";
    edit.addEventListener("click", () => startEdit(i));
    const remove = el("button", "hapus", confirmCode === i.code ? "Yakin hapus?" : "Hapus");
    remove.type = "button";
    if (i.cascadingRhk > 0 || i.realisations.length > 0) {
      remove.disabled = true;
      remove.title = i.cascadingRhk > 0 ? i.cascadingRhk + " RHK pegawai menginduk ke IKU ini; tidak dapat dihapus."
        : "Sudah ada realisasi untuk IKU ini; tidak dapat dihapus.";
    }
    remove.addEventListener("click", () => removeIku(i.code));
    actions.append(edit, remove);
    tr.append(actions);
    return tr;
  }

  async function refresh() {
    const r = await call("GET", url + "?year=" + year);
    if (!r.ok) { status.textContent = "IKU tidak dapat dimuat (" + r.status + ")."; return; }
    body.replaceChildren(...(r.body.iku.length ? r.body.iku.map(row) : [(() => {
      const tr = el("tr", "kosong"); const td = el("td", "", "Belum ada IKU untuk tahun " + year + ". Tambahkan dengan formulir di bawah.");
      td.colSpan = 8; tr.append(td); return tr;
    })()]));
    status.textContent = (lastAnswer ? lastAnswer + " " : "") + r.body.iku.length + " IKU · diperbarui " + new Intl.DateTimeFormat("id-ID",
      { timeZone: document.body.dataset.tz || "Asia/Jakarta", hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date()).replace(".", ":")
      + " " + (document.body.dataset.zone || "");
    document.body.dataset.loaded = String(Date.now());
  }

  // The server's English message for a field said in Indonesian (unknown ones keep the original after "Ditolak:").
  function say(path, message) {
    const m = (message || "").toLowerCase();
    const field = path.split(".")[0];
    const period = path.includes(".") ? path.slice(path.indexOf(".") + 1) : "";
    const label = { code: "Kode", name: "Nama indikator", targetValue: "Target tahunan", targetUnit: "Satuan", year: "Tahun" }[field] || "Isian ini";
    if (field === "periodTargets") {
      if (m.includes("is not a month")) { return "Periode " + period + " bukan bulan (" + year + "-MM) atau triwulan (" + year + "-Qn) tahun " + year + "."; }
      if (m.includes("given twice")) { return "Periode " + period + " ditulis dua kali."; }
      if (m.includes("must be a number")) { return "Target periode " + period + " harus berupa angka."; }
      if (m.includes("cannot be negative")) { return "Target periode tidak boleh negatif."; }
      if (m.includes("at most")) { return "Paling banyak 16 periode (12 bulan dan 4 triwulan)."; }
      return "Tulis target per periode sebagai periode=target dipisah titik koma, mis. " + year + "-Q1=25; " + year + "-Q2=50.";
    }
    if (m.includes("is required")) { return label + " wajib diisi."; }
    if (m.includes("must be a number")) { return label + " harus berupa angka, mis. 90 atau 87,5."; }
    if (m.includes("cannot be negative")) { return label + " tidak boleh negatif."; }
    if (m.includes("at most")) { return label + " terlalu panjang: " + message.replace(/^.*at most (\d+).*$/i, "paling banyak $1 karakter."); }
    if (m.includes("control characters")) { return label + " harus satu baris tanpa tab atau baris baru."; }
    if (m.includes("letters, digits")) { return "Kode hanya boleh berisi huruf, angka, spasi, titik, garis bawah dan tanda hubung, diawali huruf atau angka."; }
    if (m.includes("must be a text")) { return label + " harus berupa teks."; }
    if (field === "year") { return "Tahun di luar rentang rencana yang dapat disusun."; }
    return "Ditolak: " + message;
  }

  function clearErrors() {
    form.querySelectorAll("p.galat").forEach((p) => { p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  }

  function showErrors(errors) {
    clearErrors();
    let first = null;
    for (const [path, messages] of Object.entries(errors || {})) {
      const field = path.split(".")[0];
      const place = form.querySelector('p.galat[data-path="' + CSS.escape(field) + '"]') || document.getElementById("galat-umum");
      place.textContent = (place.textContent ? place.textContent + " " : "") + messages.map((x) => say(path, x)).join(" ");
      const control = form.querySelector('input[data-path="' + CSS.escape(field) + '"]');
      if (control) { control.setAttribute("aria-invalid", "true"); first = first || control; }
    }
    if (first) { first.focus(); }
  }

  // "87,5" (id-ID) and "87.5" are numbers; anything else is sent as typed so the server names the problem.
  function number(text) {
    const t = text.trim();
    if (!t) { return undefined; }
    const normal = t.includes(",") && !t.includes(".") ? t.replace(",", ".") : t;
    return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : t;
  }

  function startEdit(i) {
    editing = i.code;
    form.elements.code.value = i.code;
    form.elements.code.readOnly = true;
    form.elements.name.value = i.name;
    form.elements.targetValue.value = num.format(i.targetValue).replace(/\./g, "");
    form.elements.targetUnit.value = i.targetUnit;
    form.elements.periodTargets.value = Object.keys(i.periodTargets || {}).sort()
      .map((k) => k + "=" + String(i.periodTargets[k]).replace(".", ",")).join("; ");
    document.getElementById("judul-form").textContent = "Ubah IKU " + i.code;
    document.getElementById("batal-ubah").hidden = false;
    clearErrors();
    form.elements.name.focus();
  }

  function resetForm() {
    editing = null;
    form.reset();
    form.elements.code.readOnly = false;
    document.getElementById("judul-form").textContent = "Tambah IKU";
    document.getElementById("batal-ubah").hidden = true;
    clearErrors();
  }

  async function removeIku(code) {
    if (confirmCode !== code) { confirmCode = code; await refresh(); return; }
    confirmCode = null;
    const r = await call("DELETE", url + "/" + encodeURIComponent(code) + "?year=" + year);
    let said;
    if (r.status === 204) { said = "IKU " + code + " dihapus."; }
    else if (r.status === 409) {
      const rhk = r.body && r.body.cascadingRhk ? r.body.cascadingRhk + " RHK pegawai menginduk ke IKU ini" : "";
      const real = r.body && r.body.realisations ? r.body.realisations + " realisasi sudah dicatat" : "";
      said = "IKU " + code + " tidak dapat dihapus: " + [rhk, real].filter(Boolean).join(" dan ") + ".";
    } else { said = "Gagal menghapus IKU " + code + " (" + r.status + ")."; }
    lastAnswer = said;
    await refresh();
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const payload = { year, code: form.elements.code.value.trim(), name: form.elements.name.value.trim(),
      targetValue: number(form.elements.targetValue.value), targetUnit: form.elements.targetUnit.value.trim() };
    const periods = form.elements.periodTargets.value.trim();
    if (periods) { payload.periodTargets = periods.replace(/(\d),(\d)/g, "$1.$2"); }
    const button = document.getElementById("simpan-iku");
    button.disabled = true;
    const r = await call("PUT", url, payload);
    button.disabled = false;
    if (r.ok) {
      const what = { created: "ditambahkan", updated: "diubah", unchanged: "tidak berubah" }[r.body.change] || "disimpan";
      lastAnswer = "IKU " + r.body.code + " " + what + ".";
      resetForm();
      await refresh();
      return;
    }
    if (r.status === 400 && r.body && r.body.errors) { showErrors(r.body.errors); return; }
    clearErrors();
    document.getElementById("galat-umum").textContent = r.status === 0 ? "Tidak ada koneksi. Coba lagi."
      : r.status === 401 ? "Sesi Anda berakhir. Muat ulang halaman dan masuk kembali."
      : r.status === 403 ? "Anda tidak berwenang menyusun IKU unit ini."
      : "Ditolak server (" + r.status + ")" + (r.body && r.body.detail ? ": " + r.body.detail : ".");
  });
  document.getElementById("batal-ubah").addEventListener("click", resetForm);
  P(refresh);
})();
