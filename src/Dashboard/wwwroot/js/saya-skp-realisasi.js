// /saya "SKP saya" after approval: per RHK the superior's assessment and feedback of the chosen period, the minutes of
// daily activities that named the RHK, and per indicator the realisation of the period with its history and a form
// (value or text, note, evidence link or an uploaded PDF/PNG/JPEG within the size limit the page carries). Each
// realisation's eventId is kept until the server acked it: a retry is answered "duplicate", never stored twice.
"use strict";
window.SkpRealisasi = (function () {
  const K = window.Skp;
  const { el, button } = K;
  const body = document.body;
  const maxBytes = Number(body.dataset.skpMaxBytes || 5 * 1024 * 1024);
  const typeNames = { "application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG" };
  const types = (body.dataset.skpTypes || "application/pdf,image/png,image/jpeg").split(",").filter(Boolean);
  const mb = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 1 }).format(maxBytes / (1024 * 1024));
  const limitText = "Berkas bukti: " + types.map((t) => typeNames[t] || t).join(", ") + ", paling besar " + mb + " MB.";
  const pending = new Map(); // indicatorId|period -> eventId of a realisation sent and not yet acknowledged
  let seq = 0;

  function realisationText(r) {
    return (r.value !== null && r.value !== undefined ? K.number(r.value) : r.text) + (r.note ? " · " + r.note : "");
  }

  /** One realisation line: period, value or text, note, when, evidence. */
  function realisationItem(r, unit) {
    const li = el("li", "realisasi" + (r.isCurrent ? "" : " lama"));
    li.append(el("span", "periode", K.periodLabel(r.period)),
      el("span", "nilai", realisationText(r) + (r.value !== null && r.value !== undefined && unit ? " " + unit : "")),
      el("span", "meta", (r.isCurrent ? "" : "diganti · ") + K.dateTime(r.filedAt)), K.evidenceLinks(r));
    return li;
  }

  function history(list, unit, title) {
    const d = el("details", "riwayat");
    d.append(el("summary", "", title + " (" + list.length + ")"));
    const ol = el("ol", "riwayat-daftar");
    ol.append(...list.map((r) => realisationItem(r, unit)));
    d.append(ol);
    return d;
  }

  async function send(ind, period, form, parts, onFiled) {
    const { value, text, note, link, file, msg, go } = parts;
    const numeric = ind.target.value !== null && ind.target.value !== undefined;
    const say = (t, kind) => { msg.textContent = t; msg.className = "pesan" + (kind ? " " + kind : ""); };
    K.showFieldErrors(form, {}, null);
    const chosen = file.files && file.files[0];
    if (chosen && chosen.size > maxBytes) { say("Berkas terlalu besar (" + K.number(chosen.size / (1024 * 1024)) + " MB): paling besar " + mb + " MB.", "salah"); return; }
    if (chosen && chosen.type && !types.includes(chosen.type)) { say("Jenis berkas tidak diterima: hanya " + types.map((t) => typeNames[t] || t).join(", ") + ".", "salah"); return; }
    const key = ind.id + "|" + period;
    // after a refused file the realisation is stored: the same values with another file only retry the upload
    const sent = [value.value, text.value.trim(), note.value.trim(), link.value.trim()].join("|");
    const uploadOnly = !!form.dataset.unggah && !!chosen && form.dataset.terkirim === sent;
    let eventId = form.dataset.unggah || null;
    go.disabled = true;
    try {
      if (!uploadOnly) {
        eventId = pending.get(key) || K.uuid();
        pending.set(key, eventId);
        const item = { eventId, indicatorId: ind.id, period, value: numeric ? (value.value === "" ? null : Number(value.value)) : null,
          text: numeric ? null : text.value.trim() || null, note: note.value.trim() || null, evidenceUrl: link.value.trim() || null };
        say("Mengirim…");
        const r = await K.call("POST", "/api/v1/me/skp/realisations", [item]);
        if (!r.ok || !r.body || !r.body.items) { say(K.problem(r), "salah"); return; }
        const res = r.body.items[0];
        pending.delete(key);
        if (res.status === "rejected") {
          const errors = {};
          res.errors.forEach((e) => { (errors[e.field] = errors[e.field] || []).push(e.message); });
          K.showFieldErrors(form, errors, msg);
          if (!msg.textContent) { say("Realisasi belum tersimpan: periksa isian yang ditandai.", "salah"); } else { msg.className = "pesan salah"; }
          return;
        }
      }
      if (chosen) {
        say("Mengunggah berkas bukti…");
        const data = new FormData();
        data.append("file", chosen);
        const u = await K.call("POST", "/api/v1/me/skp/realisations/" + encodeURIComponent(eventId) + "/evidence", data);
        if (!u.ok) {
          form.dataset.unggah = eventId;
          form.dataset.terkirim = sent;
          const why = u.status === 413 ? "berkas terlalu besar (paling besar " + mb + " MB)"
            : u.status === 415 ? "jenis berkas tidak diterima (isi berkas harus " + types.map((t) => typeNames[t] || t).join(", ") + ")"
            : K.problem(u);
          say("Realisasi tersimpan, tetapi berkas bukti ditolak: " + why + ". Pilih berkas lain lalu kirim lagi.", "salah");
          onFiled();
          return;
        }
      }
      delete form.dataset.unggah;
      delete form.dataset.terkirim;
      delete form.dataset.dirty;
      form.reset();
      const done = (chosen ? "Realisasi dan berkas bukti tersimpan" : "Realisasi tersimpan") + " (" + ind.text + ", " + K.periodLabel(period) + ").";
      say(done, "ok");
      onFiled(done);
    } finally {
      go.disabled = false;
    }
  }

  function realisationForm(ind, period, onFiled) {
    const numeric = ind.target.value !== null && ind.target.value !== undefined;
    const form = el("form", "form-realisasi");
    form.noValidate = true;
    form.dataset.period = period;
    const id = "skp-real-" + (++seq);
    const value = el("input"); value.type = "number"; value.step = "any"; value.min = "0"; value.inputMode = "decimal";
    const text = el("textarea"); text.rows = 2; text.maxLength = 1000;
    const note = el("textarea"); note.rows = 2; note.maxLength = 2000;
    const link = el("input"); link.type = "url"; link.maxLength = 2000; link.placeholder = "https://…";
    const file = el("input"); file.type = "file"; file.accept = types.join(",");
    const msg = el("p", "pesan"); msg.setAttribute("role", "status"); msg.setAttribute("aria-live", "polite");
    const go = el("button", "utama kirim-realisasi", "Kirim realisasi"); go.type = "submit";
    const main = numeric ? K.field("Realisasi (" + (ind.target.unit || "angka") + ")", value, id + "-nilai", "value")
      : K.field("Realisasi (uraian)", text, id + "-teks", "text");
    form.append(main, K.field("Catatan (tidak wajib)", note, id + "-catatan", "note"),
      K.field("Tautan bukti (tidak wajib)", link, id + "-tautan", "evidenceUrl"),
      K.field("Unggah berkas bukti (tidak wajib)", file, id + "-berkas", "file"), el("p", "ket batas-bukti", limitText), go, msg);
    form.addEventListener("submit", (e) => { e.preventDefault(); send(ind, period, form, { value, text, note, link, file, msg, go }, onFiled); });
    form.addEventListener("input", () => { form.dataset.dirty = "1"; });
    return form;
  }

  function assessmentBox(rhk, period, assessments) {
    const box = el("div", "penilaian-rhk");
    const now = K.currentOf(assessments, (a) => a.rhkId === rhk.id && a.period === period);
    box.append(el("p", "nilai-penilaian" + (now ? " level-" + now.level : ""),
      "Penilaian atasan: " + (now ? K.levelLabel[now.level] || now.level : "belum dinilai untuk periode ini")));
    if (now && now.feedback) { box.append(el("p", "catatan-atasan umpan-rhk", "Umpan balik: " + now.feedback)); }
    const older = assessments.filter((a) => a.rhkId === rhk.id && a !== now);
    if (older.length) {
      const d = el("details", "riwayat");
      d.append(el("summary", "", "Riwayat penilaian (" + older.length + ")"));
      const ol = el("ol", "riwayat-daftar");
      ol.append(...older.map((a) => el("li", "", K.periodLabel(a.period) + " · " + (K.levelLabel[a.level] || a.level)
        + (a.feedback ? " · " + a.feedback : "") + " · " + K.dateTime(a.assessedAt) + (a.isCurrent ? "" : " (diganti)"))));
      d.append(ol);
      box.append(d);
    }
    return box;
  }

  /**
   * The approved plan's progress for <period>: RHK cards with assessment, minutes and indicator realisations.
   * <parentText(rhk)> names what the RHK serves; <onFiled> re-reads the plan. Forms being typed in are kept by the caller.
   */
  function render(plan, period, parentText, onFiled) {
    const progress = plan.progress || { minutesPerRhk: [], realisations: [], assessments: [] };
    const months = K.monthsOf(period);
    const ol = el("ol", "daftar-rhk-realisasi");
    for (const rhk of plan.rhk) {
      const li = el("li", "rhk-realisasi");
      li.dataset.rhk = rhk.code;
      const head = el("div", "kepala");
      head.append(el("strong", "kode", rhk.code), el("span", "lencana jenis-" + rhk.kind, K.kindLabel[rhk.kind] || rhk.kind));
      const minutes = progress.minutesPerRhk.filter((m) => m.rhkId === rhk.id && months.includes(m.period));
      const approved = minutes.reduce((s, m) => s + m.approvedMinutes, 0);
      const waiting = minutes.reduce((s, m) => s + m.pendingMinutes, 0);
      li.append(head, el("p", "uraian", rhk.text), el("p", "meta", parentText(rhk)),
        el("p", "menit-rhk", "Menit aktivitas " + K.periodLabel(period) + ": " + K.number(approved) + " disetujui"
          + (waiting ? " · " + K.number(waiting) + " menunggu" : "")),
        assessmentBox(rhk, period, progress.assessments));
      const inds = el("ol", "daftar-indikator-realisasi");
      for (const ind of rhk.indicators) {
        const item = el("li", "indikator-realisasi");
        item.dataset.indicator = String(ind.id);
        const periodTarget = ind.periodTargets[period];
        item.append(el("p", "indikator-judul", (K.aspectLabel[ind.aspect] || ind.aspect) + ": " + ind.text),
          el("p", "meta", "Target tahunan " + K.target(ind.target) + (periodTarget ? " · target " + K.periodLabel(period) + " " + K.target(periodTarget) : "")));
        const all = progress.realisations.filter((r) => r.indicatorId === ind.id);
        const now = K.currentOf(all, (r) => r.period === period);
        const nowLine = el("p", "realisasi-kini", now ? "Realisasi " + K.periodLabel(period) + ": " + realisationText(now)
          + (now.value !== null && now.value !== undefined ? " " + (ind.target.unit || "") : "") : "Belum ada realisasi untuk periode ini.");
        item.append(nowLine);
        if (now) { item.append(K.evidenceLinks(now)); }
        if (all.length) { item.append(history(all, ind.target.unit, "Riwayat realisasi")); }
        item.append(realisationForm(ind, period, onFiled));
        inds.append(item);
      }
      li.append(inds);
      ol.append(li);
    }
    return ol;
  }

  return { render, limitText };
})();
