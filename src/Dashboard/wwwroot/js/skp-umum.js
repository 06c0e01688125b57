// SKP (issue 17) on /saya and /tim, shared part: Indonesian labels of the terms (SkpTerms), id-ID formats, JSON calls that
// never throw on HTTP errors, the evaluation periods of a year, the year picker (?tahun= in the URL), evidence links, and the
// server's English field errors said in Indonesian.
// Every text from the server or a person is inserted with textContent, never as HTML.
"use strict";
window.Skp = (function () {
  const statusLabel = { draft: "Draf", diajukan: "Diajukan", disetujui: "Disetujui", dikembalikan: "Dikembalikan" };
  const stepLabel = { saved: "Disimpan", diajukan: "Diajukan", disetujui: "Disetujui", dikembalikan: "Dikembalikan" };
  const kindLabel = { utama: "Utama", tambahan: "Tambahan" };
  const aspectLabel = { kuantitas: "Kuantitas", kualitas: "Kualitas", waktu: "Waktu" };
  // SkpLevel: di_atas, sesuai, di_bawah (PermenPAN-RB 6/2022)
  const levels = ["di_atas", "sesuai", "di_bawah"];
  const levelLabel = { di_atas: "Di atas ekspektasi", sesuai: "Sesuai ekspektasi", di_bawah: "Di bawah ekspektasi" };
  const monthName = new Intl.DateTimeFormat("id-ID", { timeZone: "UTC", month: "long", year: "numeric" });
  const num = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });
  const tz = document.body.dataset.tz || "Asia/Jakarta";
  const zone = document.body.dataset.zone || "";
  const at = new Intl.DateTimeFormat("id-ID", { timeZone: tz, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function button(text, cls, onClick) {
    const b = el("button", cls, text);
    b.type = "button";
    if (onClick) { b.addEventListener("click", onClick); }
    return b;
  }

  /** A label element wrapping nothing: for= the control's id, so screen readers name the control. */
  function field(labelText, control, id, errorPath) {
    const wrap = el("div", "isian");
    control.id = id;
    const label = el("label", "", labelText);
    label.htmlFor = id;
    const err = el("p", "galat");
    err.id = id + "-galat";
    if (errorPath !== undefined) { err.dataset.path = errorPath; control.dataset.path = errorPath; }
    control.setAttribute("aria-describedby", err.id);
    wrap.append(label, control, err);
    return wrap;
  }

  const number = (v) => (v === null || v === undefined ? "—" : num.format(v));
  const dateTime = (iso) => at.format(new Date(iso)).replace(".", ":") + (zone ? " " + zone : "");

  /** "12 dokumen" or the qualitative text. */
  function target(t) {
    if (!t) { return "—"; }
    return t.value !== null && t.value !== undefined ? number(t.value) + " " + (t.unit || "") : t.text || "—";
  }

  /** "Januari 2026" or "Triwulan I 2026". */
  function periodLabel(key) {
    const q = /^(\d{4})-Q([1-4])$/.exec(key);
    if (q) { return "Triwulan " + ["I", "II", "III", "IV"][Number(q[2]) - 1] + " " + q[1]; }
    return monthName.format(new Date(key + "-01T00:00:00Z"));
  }

  /** The evaluation periods of <year> that have begun by <today> (YYYY-MM-DD): months, then quarters; newest first. */
  function periodsOf(year, today) {
    const months = [];
    for (let m = 1; m <= 12; m++) {
      const key = year + "-" + String(m).padStart(2, "0");
      if (key + "-01" <= today) { months.push(key); }
    }
    const quarters = [1, 2, 3, 4].filter((q) => year + "-" + String(q * 3 - 2).padStart(2, "0") + "-01" <= today).map((q) => year + "-Q" + q);
    return months.reverse().concat(quarters.reverse());
  }

  /** The months (YYYY-MM) a period covers: itself, or the three of a quarter. */
  function monthsOf(period) {
    const q = /^(\d{4})-Q([1-4])$/.exec(period);
    if (!q) { return [period]; }
    const first = Number(q[2]) * 3 - 2;
    return [0, 1, 2].map((i) => q[1] + "-" + String(first + i).padStart(2, "0"));
  }

  /** Every month and quarter of <year>, for per-period targets. */
  function allPeriods(year) {
    const months = Array.from({ length: 12 }, (_, i) => year + "-" + String(i + 1).padStart(2, "0"));
    return months.concat([1, 2, 3, 4].map((q) => year + "-Q" + q));
  }

  /** Fills <select> with periods, keeping the chosen one when it is still offered. */
  function fillPeriods(select, keys, wanted) {
    const keep = wanted || select.value;
    select.replaceChildren(...keys.map((k) => { const o = el("option", "", periodLabel(k)); o.value = k; return o; }));
    if (keys.includes(keep)) { select.value = keep; }
  }

  /** fetch with the session cookie. JSON (or FormData) in, JSON out; { ok, status, body }, status 0 without a connection. */
  async function call(method, url, payload) {
    const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
    if (payload instanceof FormData) {
      init.body = payload;
    } else if (payload !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(payload);
    }
    let r;
    try { r = await fetch(url, init); } catch { return { ok: false, status: 0, body: null }; }
    let body = null;
    try { body = await r.json(); } catch { body = null; }
    return { ok: r.ok, status: r.status, body };
  }

  /** An Indonesian sentence for a refused call that has no field errors. */
  function problem(r) {
    switch (r.status) {
      case 0: return "Tidak ada koneksi. Coba lagi; tidak ada yang tersimpan dua kali.";
      case 401: return "Sesi Anda berakhir. Muat ulang halaman dan masuk kembali.";
      case 403: return "Anda tidak berwenang melakukan tindakan ini.";
      case 404: return "Data tidak ditemukan" + (r.body && r.body.detail ? ": " + r.body.detail : ".");
      case 409: return "Rencana sudah berubah sejak dimuat (di tab lain atau oleh atasan). Data terbaru dimuat ulang; periksa lalu ulangi.";
      case 429: return "Terlalu banyak kiriman dalam waktu singkat. Tunggu sebentar lalu coba lagi.";
      case 503: return "Server sedang sibuk. Coba lagi sebentar lagi.";
      default: return "Ditolak server (" + r.status + ")" + (r.body && r.body.detail ? ": " + r.body.detail : ".");
    }
  }

  /** The server's message for a field (English, for integrators) said in Indonesian; unknown ones keep the original. */
  function fieldMessage(path, message) {
    const m = (message || "").toLowerCase();
    const last = (path || "").split(".").pop().replace(/\[\d+\]$/, "");
    if (m.includes("already used")) { return "Kode ini sudah dipakai RHK lain: setiap kode RHK harus berbeda."; }
    if (m.includes("is required") || m.includes("needs value")) {
      const what = { code: "Kode RHK", kind: "Jenis RHK", text: "Uraian", aspect: "Aspek", unit: "Satuan", value: "Nilai target",
        target: "Target", indicators: "Minimal satu indikator", parentRhkId: "RHK atasan yang diintervensi", parentIku: "IKU unit",
        note: "Catatan", period: "Periode", year: "Tahun" }[last];
      return (what || "Isian ini") + " wajib diisi.";
    }
    if (m.includes("exactly one parent")) { return "Pilih satu RHK atasan (atau IKU unit) yang diintervensi RHK ini."; }
    if (m.includes("needs a numeric target")) { return "Aspek kuantitas dan waktu memerlukan target angka dengan satuan, bukan teks."; }
    if (m.includes("same kind as the annual target")) { return "Target periode harus sejenis dengan target tahunan (angka atau teks)."; }
    if (m.includes("cannot be negative")) { return "Target tidak boleh negatif."; }
    if (m.includes("at most") && m.includes("characters")) { return "Terlalu panjang: " + message; }
    if (m.includes("not a month") || m.includes("outside the plan")) { return "Periode di luar tahun rencana."; }
    if (m.includes("has not begun")) { return "Periode ini belum dimulai; isi realisasi setelah periodenya berjalan."; }
    const between = /year must be between (\d{4}) and (\d{4})/.exec(message || "");
    if (between) { return "SKP hanya dapat dibuka dan diubah untuk tahun " + between[1] + "–" + between[2] + "; muat ulang halaman untuk tahun yang berlaku."; }
    if (m.includes("kind must be")) { return "Jenis RHK harus utama atau tambahan."; }
    if (m.includes("cannot be removed")) { return "RHK ini tidak dapat dihapus: RHK bawahan Anda mengintervensinya."; }
    if (m.includes("no rhk utama") || m.includes("has no rhk")) { return "Rencana perlu minimal satu RHK utama sebelum diajukan."; }
    if (m.includes("cycle")) { return "Tautan RHK membentuk lingkaran; pilih RHK atasan yang lain."; }
    if (m.includes("no rhk has") || m.includes("not in your direct superior") || m.includes("belongs to someone") || m.includes("has no iku")) {
      return "RHK atasan atau IKU yang dipilih tidak ada di rencana atasan Anda; pilih dari daftar.";
    }
    return "Ditolak: " + message;
  }

  /** Shows field errors next to the controls whose data-path they name; the rest go to <fallback>. Returns the count placed. */
  function showFieldErrors(root, errors, fallback) {
    if (fallback) { fallback.textContent = ""; }
    root.querySelectorAll("p.galat").forEach((p) => { p.textContent = ""; });
    root.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
    const rest = [];
    let placed = 0;
    for (const [path, messages] of Object.entries(errors || {})) {
      const text = messages.map((x) => fieldMessage(path, x)).join(" ");
      let target = root.querySelector('p.galat[data-path="' + CSS.escape(path) + '"]');
      // "rhk[0].indicators[1].target.value" is shown at "…target" when there is no finer place, and so on upwards
      let up = path;
      while (!target && up.includes(".")) {
        up = up.slice(0, up.lastIndexOf("."));
        target = root.querySelector('p.galat[data-path="' + CSS.escape(up) + '"]');
      }
      if (target) {
        target.textContent = (target.textContent ? target.textContent + " " : "") + text;
        const control = root.querySelector('[data-path="' + CSS.escape(target.dataset.path) + '"]:not(p)');
        if (control) { control.setAttribute("aria-invalid", "true"); }
        placed++;
      } else {
        rest.push(text);
      }
    }
    if (fallback && rest.length) { fallback.textContent = (fallback.textContent ? fallback.textContent + " " : "") + rest.join(" "); }
    return placed;
  }

  // Version 4 UUID from getRandomValues (crypto.randomUUID needs a secure context; a LAN address over http is not one).
  function uuid() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  /**
   * The year picker of an SKP section. Fills <select> with the years that have a plan (GET <yearsUrl>: { withPlan, from, to },
   * the years the server opens) plus <thisYear> (the current year in the region's local time), newest first. The year shown
   * first is ?tahun= of the page's URL when the server opens it, else <thisYear> (a year it does not open is said with
   * <say>). A later choice is written to ?tahun= (a reload keeps it) and passed to <onChange(year)>. Resolves to the year.
   */
  async function yearPicker(select, yearsUrl, thisYear, say, onChange) {
    const r = await call("GET", yearsUrl);
    const range = r.ok && r.body ? r.body : { withPlan: [], from: thisYear - 5, to: thisYear + 1 };
    const opens = (y) => y >= range.from && y <= range.to;
    const years = new Set([thisYear].concat(range.withPlan).filter(opens));
    const asked = new URLSearchParams(location.search).get("tahun");
    let year = thisYear;
    if (asked !== null) {
      if (/^\d{4}$/.test(asked) && opens(Number(asked))) {
        year = Number(asked);
        years.add(year);
      } else {
        say("SKP tahun " + asked + " tidak dapat dibuka: tersedia tahun " + range.from + "–" + range.to + ". Ditampilkan SKP tahun " + thisYear + ".", "salah");
        remember(thisYear);
      }
    }
    select.replaceChildren(...[...years].sort((a, b) => b - a).map((y) => {
      const o = el("option", "", y === thisYear ? y + " (tahun berjalan)" : String(y));
      o.value = String(y);
      return o;
    }));
    select.value = String(year);
    select.addEventListener("change", () => { const y = Number(select.value); remember(y); onChange(y); });
    return year;
  }

  function remember(year) {
    const url = new URL(location.href);
    url.searchParams.set("tahun", String(year));
    history.replaceState(history.state, "", url);
  }

  /** Links to a realisation's uploaded files (GET /api/v1/skp/evidence/{id}, always an attachment) and to its evidence URL. */
  function evidenceLinks(r) {
    const box = el("span", "bukti-daftar");
    r.evidenceIds.forEach((id, i) => {
      const a = el("a", "bukti", "Berkas bukti " + (i + 1));
      a.href = "/api/v1/skp/evidence/" + encodeURIComponent(id);
      a.setAttribute("download", "");
      box.append(a);
    });
    if (typeof r.evidenceUrl === "string" && /^https?:\/\//i.test(r.evidenceUrl)) {
      const a = el("a", "bukti", "Tautan bukti");
      a.href = r.evidenceUrl; a.rel = "noopener noreferrer"; a.target = "_blank";
      box.append(a);
    }
    return box;
  }

  /** The current realisation or assessment of a period among <list> (newest first from the server). */
  const currentOf = (list, pred) => list.find((x) => x.isCurrent && pred(x)) || null;

  /** A read-only plan: RHK with kind, text, what it serves (<parentText(rhk)>), indicators with targets. */
  function planList(plan, parentText) {
    const ol = el("ol", "daftar-rhk-baca");
    for (const r of plan.rhk) {
      const li = el("li", "rhk-baca");
      li.dataset.rhk = r.code;
      const head = el("div", "kepala");
      head.append(el("strong", "kode", r.code), el("span", "lencana jenis-" + r.kind, kindLabel[r.kind] || r.kind));
      const inds = el("ul", "indikator-baca");
      for (const i of r.indicators) {
        const periods = Object.entries(i.periodTargets || {}).map(([k, t]) => periodLabel(k) + " " + target(t)).join(" · ");
        inds.append(el("li", "", (aspectLabel[i.aspect] || i.aspect) + ": " + i.text + " · target " + target(i.target)
          + (periods ? " (per periode: " + periods + ")" : "")));
      }
      li.append(head, el("p", "uraian", r.text), el("p", "meta tautan-kaskade", parentText(r)), inds);
      ol.append(li);
    }
    if (!plan.rhk.length) { ol.append(el("li", "kosong", "Rencana ini belum berisi RHK.")); }
    return ol;
  }

  /** The version history and the steps of the current version, as a closed <details>. */
  function historyOf(plan) {
    const d = el("details", "riwayat riwayat-versi");
    d.append(el("summary", "", "Riwayat versi dan langkah"));
    const versions = el("ol", "riwayat-daftar");
    versions.append(...plan.versions.map((v) => el("li", v.version === plan.version ? "kini" : "", "Versi " + v.version + " · "
      + (statusLabel[v.status] || v.status) + " · disimpan " + dateTime(v.savedAt) + (v.decidedAt ? " · diputuskan " + dateTime(v.decidedAt) : ""))));
    const steps = el("ol", "riwayat-daftar langkah");
    steps.append(...plan.steps.map((s) => el("li", "", (stepLabel[s.step] || s.step) + " · " + dateTime(s.at) + " · NIP " + s.actorNip
      + (s.note ? " · catatan: " + s.note : ""))));
    d.append(el("h4", "", "Versi"), versions, el("h4", "", "Langkah versi " + plan.version), steps);
    return d;
  }

  return { planList, historyOf, statusLabel, stepLabel, kindLabel, aspectLabel, levels, levelLabel, el, button, field, number, dateTime, target,
    periodLabel, periodsOf, monthsOf, allPeriods, fillPeriods, call, problem, fieldMessage, showFieldErrors, uuid, currentOf, yearPicker, evidenceLinks };
})();
