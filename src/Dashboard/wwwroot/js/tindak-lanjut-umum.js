// Follow-up items (tindak lanjut): one renderer for /tim, /saya and /tindak-lanjut. Items come from GET /api/v1/followups;
// moves go to POST /api/v1/followups/{id}/transitions. Every text from the server is inserted as text, never as HTML.
"use strict";
window.TindakLanjut = (function () {
  const kindLabel = { REWARD: "Penghargaan", COACHING: "Pembinaan", SANCTION: "Sanksi", CALIBRATION: "Kalibrasi", REMINDER: "Pengingat" };
  const stateLabel = { baru: "Baru", diproses: "Diproses", selesai: "Selesai", dibatalkan: "Dibatalkan", perlu_ditinjau: "Perlu ditinjau" };
  const next = { baru: ["diproses", "selesai", "dibatalkan"], diproses: ["selesai", "dibatalkan"], perlu_ditinjau: ["diproses", "selesai", "dibatalkan"] };
  const actorLabel = { atasan: "Atasan langsung", kepala_unit: "Kepala unit (atasan langsung)", pegawai: "Pegawai sendiri",
    bkpsdm: "BKPSDM", pejabat_berwenang: "Pejabat berwenang (SDM)" };
  const tz = document.body.dataset.tz || "Asia/Jakarta";
  const zone = document.body.dataset.zone || "";
  // A due date is a calendar day of the region: formatted in UTC so no zone moves it.
  const dayFmt = new Intl.DateTimeFormat("id-ID", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
  const atFmt = new Intl.DateTimeFormat("id-ID", { timeZone: tz, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  const day = (iso) => dayFmt.format(new Date(iso + "T00:00:00Z"));
  const at = (iso) => atFmt.format(new Date(iso)).replace(".", ":") + (zone ? " " + zone : "");
  const safeUrl = (u) => typeof u === "string" && /^https?:\/\//i.test(u);

  const { call } = window.KinerjaApi;
  const problem = (r) => window.KinerjaApi.problem(r, {
    403: "Anda tidak berwenang mengubah tindak lanjut ini.",
    409: "Status tindak lanjut sudah berubah; muat ulang daftar.",
  });

  function history(item) {
    const d = el("details", "riwayat");
    d.append(el("summary", "", "Riwayat (" + item.history.length + ")"));
    const ol = el("ol", "riwayat-daftar");
    for (const h of item.history) {
      const li = el("li");
      const who = h.actor === "rules" ? "Aturan" : h.actor;
      li.append(el("span", "meta", at(h.at) + " · " + who + " · " + (h.from ? stateLabel[h.from] || h.from : "dibuat") + " → "
        + (stateLabel[h.to] || h.to)));
      if (h.note) { li.append(el("p", "catatan", h.note)); }
      if (safeUrl(h.evidenceUrl)) { const a = el("a", "bukti", "Bukti"); a.href = h.evidenceUrl; a.rel = "noopener noreferrer"; a.target = "_blank"; li.append(a); }
      ol.append(li);
    }
    d.append(ol);
    return d;
  }

  function form(item, onMoved) {
    const f = el("form", "ubah-tindak");
    f.noValidate = true;
    const select = el("select", "ke");
    select.setAttribute("aria-label", "Status baru");
    for (const s of next[item.state] || []) { const o = el("option", "", stateLabel[s]); o.value = s; select.append(o); }
    const note = el("textarea", "catatan-tindak");
    note.rows = 2; note.maxLength = 2000;
    note.placeholder = "Catatan: apa yang dilakukan, atau alasan pembatalan";
    note.setAttribute("aria-label", "Catatan tindak lanjut");
    const url = el("input", "bukti-tindak");
    url.type = "url"; url.maxLength = 2000; url.placeholder = "Tautan bukti (https://…)";
    url.setAttribute("aria-label", "Tautan bukti");
    const button = el("button", "simpan-tindak", "Simpan");
    button.type = "submit";
    const msg = el("p", "pesan");
    msg.setAttribute("role", "status");
    f.append(select, note, url, button, msg);
    // A re-read (a push, a reconnect) keeps an entry the reader has started to fill in: see fill().
    const dirty = () => { f.closest("li").dataset.dirty = "1"; };
    f.addEventListener("input", dirty);
    f.addEventListener("change", dirty);
    f.addEventListener("submit", async (e) => {
      e.preventDefault();
      const to = select.value;
      const text = note.value.trim();
      const link = url.value.trim();
      if (to === "dibatalkan" && !text) { msg.textContent = "Pembatalan wajib dengan alasan."; return; }
      if (to === "selesai" && (item.kind === "COACHING" || item.kind === "SANCTION") && !text) {
        msg.textContent = "Pembinaan dan sanksi yang selesai wajib dengan catatan."; return;
      }
      if (link && !safeUrl(link)) { msg.textContent = "Tautan bukti harus diawali http:// atau https://."; return; }
      button.disabled = true;
      msg.textContent = "Menyimpan…";
      const r = await call("POST", "/api/v1/followups/" + item.id + "/transitions",
        { to, note: text, evidenceUrl: link || null });
      button.disabled = false;
      if (!r.ok) { msg.textContent = problem(r); return; }
      msg.textContent = "Tersimpan.";
      onMoved(r.body);
    });
    return f;
  }

  /** One item as a list entry; a form to move it when the reader may (item.canAct and opts.act). */
  function render(item, opts) {
    const o = opts || {};
    const li = el("li", "tindak-lanjut jenis-" + String(item.kind).toLowerCase() + " status-" + item.state + (item.overdue ? " terlambat" : ""));
    li.dataset.id = String(item.id);
    li.dataset.state = item.state;
    const head = el("div", "kepala");
    head.append(el("span", "lencana", kindLabel[item.kind] || item.kind), el("strong", "judul", item.title),
      el("span", "status", stateLabel[item.state] || item.state));
    li.append(head);
    const who = [];
    if (item.name) { who.push(item.name + " (" + item.nip + ")"); }
    who.push("Periode " + item.period);
    if (o.showUnit) { who.push(item.unitName); }
    li.append(el("p", "meta", who.join(" · ")));
    const due = el("p", "tenggat", "Tenggat " + day(item.dueDate) + (item.overdue ? " · lewat tenggat" : ""));
    li.append(due);
    const a = item.assignee;
    li.append(el("p", "meta pelaksana", "Pelaksana: " + (actorLabel[a.actor] || a.actor)
      + (a.name ? " · " + a.name : a.role === "sdm" ? " · SDM wilayah" : "")));
    if (safeUrl(item.evidenceUrl)) {
      const link = el("a", "bukti", "Lihat bukti");
      link.href = item.evidenceUrl; link.rel = "noopener noreferrer"; link.target = "_blank";
      li.append(link);
    }
    if (item.state === "perlu_ditinjau") {
      li.append(el("p", "ket", "Aturan yang memicu tindak lanjut ini sudah berubah; SDM meninjau apakah dilanjutkan atau dibatalkan."));
    }
    li.append(history(item));
    if (item.canAct && o.act !== false && next[item.state]) {
      li.append(form(item, (updated) => { li.replaceWith(render(updated, o)); if (o.onMoved) { o.onMoved(updated); } }));
    }
    return li;
  }

  /** Fills list <ol id> from <url>; returns the items. */
  async function fill(listId, url, opts, emptyText) {
    const list = document.getElementById(listId);
    const r = await call("GET", url);
    if (!r.ok) { list.replaceChildren(el("li", "kosong", problem(r))); return []; }
    const open = new Map([...list.querySelectorAll("li[data-dirty='1']")].map((li) => [li.dataset.id, li]));
    const entry = (i) => {
      const kept = open.get(String(i.id));
      return kept && kept.dataset.state === i.state ? kept : render(i, opts);
    };
    list.replaceChildren(...(r.body.length ? r.body.map(entry) : [el("li", "kosong", emptyText)]));
    return r.body;
  }

  return { render, fill, call, stateLabel, kindLabel };
})();
