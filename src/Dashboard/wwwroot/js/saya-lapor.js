// /saya: the daily report form, the month's activities, edit and withdraw (as new events, nothing overwritten).
// The browser makes each eventId and keeps it until the server acked: a double tap or a retry never stores twice.
"use strict";
(function () {
  const S = window.Saya;
  const { $, el, fmt } = S;
  const form = $("form-lapor");
  const button = $("kirim-lapor");
  const cancel = $("batal-ubah");
  const day = $("hari");
  const fields = { occurredAt: "galat-hari", minutes: "galat-menit", description: "galat-uraian", output: "galat-keluaran",
    volume: "galat-volume", skpIndicator: "galat-skp", "": "galat-umum" };
  let pendingId = null;          // eventId of the activity being sent, until the server acked it
  let pendingWithdrawal = null;  // { eventId, activityEventId, replacedBy }, until the server acked it
  let editing = null;            // the activity being corrected
  let sending = false;

  // crypto.randomUUID needs a secure context (https or localhost); plain-http intranets get the same v4 UUID by hand.
  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function message(id, text, kind) {
    const p = $(id);
    p.textContent = text;
    p.className = "pesan" + (kind ? " " + kind : "");
  }

  function clearErrors() {
    Object.values(fields).forEach((id) => { $(id).textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  }

  function fieldError(field, text) {
    const id = fields[field] || fields[""];
    const p = $(id);
    p.textContent = p.textContent ? p.textContent + " " + text : text;
    const input = p.parentElement.querySelector("input, textarea");
    if (input && field) { input.setAttribute("aria-invalid", "true"); }
  }

  /** The API's English per-field message, said in Indonesian. */
  function indonesian(field, msg) {
    let m;
    switch (field) {
      case "minutes":
        if ((m = /would be (\d+) minutes, over the daily maximum of (\d+)/.exec(msg))) {
          return "Jumlah menit hari itu menjadi " + m[1] + ", melebihi batas harian " + m[2] + " menit.";
        }
        if ((m = /between 1 and (\d+)/.exec(msg))) { return "Menit harus antara 1 dan " + m[1] + " (batas harian wilayah)."; }
        return "Menit harus bilangan bulat lebih dari 0.";
      case "occurredAt":
        if (/future/.test(msg)) { return "Tanggal tidak boleh di masa depan."; }
        if (/retention/.test(msg)) { return "Bulan itu sudah tidak disimpan lagi; laporan tidak dapat ditambahkan."; }
        return "Tanggal tidak valid.";
      case "description":
        return /at most/.test(msg) ? "Uraian terlalu panjang (paling banyak 4.000 karakter)." : "Uraian kegiatan wajib diisi.";
      case "output": return "Keluaran terlalu panjang (paling banyak 4.000 karakter).";
      case "volume": return "Volume tidak boleh negatif.";
      case "skpIndicator": return "Tautan SKP terlalu panjang (paling banyak 200 karakter).";
      case "nip": return "Laporan hanya dapat dibuat untuk NIP akun Anda sendiri.";
      case "eventId": return "Kode kiriman tidak valid; muat ulang halaman lalu kirim lagi.";
      case "activityEventId": return "Aktivitas ini tidak dapat ditarik (bukan milik Anda atau sudah disetujui).";
      default: return "Ditolak server: " + msg;
    }
  }

  /** Checks in the browser, with the same words as the server's: returns the item or null. */
  function read() {
    const item = { nip: S.nip };
    const d = day.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) { fieldError("occurredAt", "Pilih tanggal kegiatan."); }
    else if (d > S.today()) { fieldError("occurredAt", "Tanggal tidak boleh di masa depan."); }
    // Today's work at the moment of reporting; an earlier day at noon of the region's local time.
    else { item.occurredAt = d === S.today() ? S.now().toISOString() : d + "T12:00:00" + S.offset; }
    const minutes = Number($("menit").value);
    if (!Number.isInteger(minutes) || minutes < 1) { fieldError("minutes", "Menit harus bilangan bulat lebih dari 0."); }
    item.minutes = minutes;
    const description = $("uraian").value.trim();
    if (!description) { fieldError("description", "Uraian kegiatan wajib diisi."); }
    item.description = description;
    const output = $("keluaran").value.trim();
    if (output) { item.output = output; }
    const volume = $("volume").value;
    if (volume !== "") {
      const v = Number(volume);
      if (!Number.isFinite(v) || v < 0) { fieldError("volume", "Volume tidak boleh negatif."); }
      item.volume = v;
    }
    const skp = $("skp").value.trim();
    if (skp) { item.skpIndicator = skp; }
    return Object.values(fields).some((id) => $(id).textContent) ? null : item;
  }

  function busy(on, label) {
    sending = on;
    button.disabled = on;
    button.textContent = on ? "Mengirim…" : label || (editing ? "Simpan perbaikan" : "Kirim laporan");
  }

  function startEdit(a) {
    editing = a;
    pendingId = null;
    clearErrors();
    $("judul-lapor").textContent = a.state === "dikembalikan" ? "Perbaiki dan kirim ulang" : "Ubah laporan";
    day.value = a.day;
    $("menit").value = String(a.minutes);
    $("uraian").value = a.description;
    $("keluaran").value = a.output || "";
    $("volume").value = a.volume === null || a.volume === undefined ? "" : String(a.volume);
    $("skp").value = a.skpIndicator || "";
    $("skp").dispatchEvent(new Event("skp-diisi")); // saya-skp.js shows the RHK choice for it
    cancel.hidden = false;
    busy(false);
    message("pesan-lapor", "Laporan lama ditarik setelah perbaikannya tersimpan.", "");
    form.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  function endEdit() {
    editing = null;
    pendingId = null;
    form.reset();
    day.value = S.today();
    $("judul-lapor").textContent = "Laporan harian";
    cancel.hidden = true;
    clearErrors();
    busy(false);
  }

  /** Sends the kept withdrawal; true when the server acked it. */
  async function sendWithdrawal(target) {
    let r;
    try { r = await S.call("POST", "/api/v1/me/activities/withdrawals", [pendingWithdrawal]); } catch { r = { ok: false, status: 0, body: null }; }
    if (!r.ok || !r.body || !r.body.items) { message(target, S.httpProblem(r) + " Ketuk Tarik lagi untuk mengulang.", "salah"); return false; }
    const res = r.body.items[0];
    pendingWithdrawal = null;
    if (res.status === "rejected") {
      message(target, "Tidak dapat ditarik: " + res.errors.map((e) => indonesian(e.field, e.message)).join(" "), "salah");
      return false;
    }
    return true;
  }

  async function submit(ev) {
    ev.preventDefault();
    if (sending) { return; }
    clearErrors();
    message("pesan-lapor", "", "");
    const item = read();
    if (!item) { return; }
    busy(true);
    try {
      pendingId = pendingId || newId();
      item.eventId = pendingId;
      let r;
      try { r = await S.call("POST", "/api/v1/me/activities", [item]); } catch { r = { ok: false, status: 0, body: null }; }
      if (!r.ok || !r.body || !r.body.items) { message("pesan-lapor", S.httpProblem(r), "salah"); return; }
      const res = r.body.items[0];
      if (res.status === "rejected") {
        pendingId = null; // nothing was stored under this id
        res.errors.forEach((e) => fieldError(e.field, indonesian(e.field, e.message)));
        message("pesan-lapor", "Laporan belum terkirim: periksa isian yang ditandai.", "salah");
        return;
      }
      const stored = pendingId;
      pendingId = null;
      if (editing) {
        pendingWithdrawal = { eventId: newId(), activityEventId: editing.eventId, replacedBy: stored };
        const done = await sendWithdrawal("pesan-lapor");
        endEdit();
        if (done) { message("pesan-lapor", "Perbaikan terkirim dan laporan lama ditarik. Menunggu persetujuan atasan.", "ok"); }
      } else {
        form.reset();
        day.value = S.today();
        message("pesan-lapor", "Laporan terkirim. Menunggu persetujuan atasan.", "ok");
      }
      await S.refresh([S.loadActivities]);
    } finally {
      busy(false);
    }
  }

  // The activity waiting for its second tap. Kept here, not on the button: a live update re-renders the list
  // between the two taps, and the new button must still count the second tap as the confirmation.
  let confirming = null;
  let confirmTimer = 0;

  async function withdraw(a, btn) {
    if (confirming !== a.eventId) {
      confirming = a.eventId;
      btn.textContent = "Ketuk lagi untuk menarik";
      clearTimeout(confirmTimer);
      confirmTimer = setTimeout(() => {
        confirming = null;
        const shown = $("daftar-aktivitas").querySelector(`li[data-id="${a.eventId}"] button.tarik`);
        if (shown) { shown.textContent = "Tarik"; }
      }, 4000);
      return;
    }
    confirming = null;
    clearTimeout(confirmTimer);
    btn.disabled = true;
    if (!pendingWithdrawal || pendingWithdrawal.activityEventId !== a.eventId) {
      pendingWithdrawal = { eventId: newId(), activityEventId: a.eventId, replacedBy: null };
    }
    if (await sendWithdrawal("pesan-aktivitas")) {
      message("pesan-aktivitas", "Laporan ditarik.", "ok");
      await S.refresh([S.loadActivities]);
    }
    btn.disabled = false;
  }

  function row(a) {
    const li = el("li", "aktivitas keadaan-" + a.state);
    li.dataset.id = a.eventId;
    li.dataset.state = a.state;
    const head = el("div", "kepala");
    head.append(el("time", "", fmt.day(a.day)), el("span", "menit", fmt.int(a.minutes) + " menit"),
      el("span", "lencana " + a.state, S.stateLabel[a.state] || a.state));
    li.append(head, el("p", "uraian", a.description));
    const meta = [];
    if (a.output || a.volume !== null && a.volume !== undefined) {
      meta.push("Keluaran: " + (a.volume !== null && a.volume !== undefined ? fmt.int(a.volume) + " " : "") + (a.output || ""));
    }
    if (a.skpIndicator) { meta.push("SKP: " + a.skpIndicator); }
    if (meta.length) { li.append(el("p", "meta", meta.join(" · "))); }
    if (a.review && a.review.note) {
      li.append(el("p", "catatan-atasan", (a.review.approved ? "Catatan atasan: " : "Dikembalikan atasan: ") + a.review.note));
    }
    if (a.state === "ditarik") {
      li.append(el("p", "meta", a.replacedBy ? "Diganti dengan laporan yang diperbaiki." : "Ditarik oleh Anda."));
    }
    if (a.state === "menunggu" || a.state === "dikembalikan") {
      const actions = el("div", "aksi");
      const edit = el("button", "ubah", a.state === "dikembalikan" ? "Perbaiki dan kirim ulang" : "Ubah");
      edit.type = "button";
      edit.addEventListener("click", () => startEdit(a));
      const pull = el("button", "tarik", confirming === a.eventId ? "Ketuk lagi untuk menarik" : "Tarik");
      pull.type = "button";
      pull.addEventListener("click", () => withdraw(a, pull));
      actions.append(edit, pull);
      li.append(actions);
    }
    return li;
  }

  function render(list) {
    const shown = list.filter((a) => S.state.showWithdrawn || a.state !== "ditarik");
    $("daftar-aktivitas").replaceChildren(...(shown.length ? shown.map(row) : [S.empty("Belum ada aktivitas bulan ini.")]));
  }

  day.max = S.today();
  day.value = S.today();
  form.addEventListener("submit", submit);
  cancel.addEventListener("click", () => { endEdit(); message("pesan-lapor", "", ""); });
  $("tampil-ditarik").addEventListener("change", (e) => { S.state.showWithdrawn = e.target.checked; render(S.state.activities); });
  S.listeners.activities.push(render);
})();
