// /tim "SKP tim" (issue 17): each direct report's plan of the chosen year (GET /api/v1/team/skp?year=; the year picker offers
// the years in which a report has a plan and the current one, kept in ?tahun=), submitted first. A
// submitted plan opens with its RHK, indicators and cascade link and is approved or returned with a required note
// (POST /api/v1/team/skp/{nip}/decision). An approved plan shows the chosen period's realisations with evidence and per
// RHK an assessment form (POST /api/v1/team/skp/assessments; eventId kept until acked). Live on SkpChanged (tim-dasar.js
// forwards it as the "skp" event) and on reconnect; an entry being typed in is kept across re-reads.
"use strict";
(function () {
  const T = window.Tim;
  const K = window.Skp;
  const { el, button } = K;
  const thisYear = Number(T.month.slice(0, 4));
  let year = thisYear;
  const list = T.$("skp-tim-daftar");
  const periodSelect = T.$("skp-tim-periode");
  const notice = T.$("skp-tim-pesan");
  const open = new Set();       // NIPs whose plan is unfolded
  const pending = new Map();    // nip|rhkId|period -> eventId of an assessment sent, not yet acknowledged
  let superiorPlan = null;      // the superior's own current plan of the year (for the cascade link's text)
  let timer = null;
  let loadSeq = 0;

  /** Shows <y>: the periods of that year; typed entries of another year are dropped. The caller loads the plans. */
  function showYear(y) {
    year = y;
    K.fillPeriods(periodSelect, K.periodsOf(year, T.fmt.today()), T.month);
    list.querySelectorAll("li.anggota").forEach((x) => delete x.dataset.dirty);
  }

  const picked = K.yearPicker(T.$("skp-tim-tahun"), "/api/v1/team/skp/years", thisYear, (text) => { notice.textContent = text; },
    (y) => { notice.textContent = ""; showYear(y); load(); }).then(showYear);

  function parentText(rhk) {
    if (rhk.parentIku) { return "Mengintervensi IKU unit " + rhk.parentIku; }
    const p = superiorPlan && superiorPlan.rhk.find((r) => r.id === rhk.parentRhkId);
    return "Mengintervensi RHK Anda " + (p ? p.code + " · " + p.text : "#" + rhk.parentRhkId);
  }

  function decisionForm(m) {
    const f = el("form", "keputusan-skp");
    f.noValidate = true;
    const note = el("textarea", "catatan-skp");
    note.rows = 2; note.maxLength = 2000;
    note.placeholder = "Catatan untuk pegawai (wajib jika dikembalikan)";
    const id = "skp-catatan-" + m.nip;
    const label = el("label", "", "Catatan keputusan");
    label.htmlFor = id; note.id = id;
    const ok = button("Setujui rencana", "setuju setujui-skp");
    const back = button("Kembalikan", "kembali kembalikan-skp");
    const msg = el("p", "pesan");
    msg.setAttribute("role", "status");
    const actions = el("div", "aksi");
    actions.append(ok, back);
    f.append(label, note, actions, msg);
    f.addEventListener("input", () => { f.closest("li").dataset.dirty = "1"; });
    async function decide(approve) {
      const text = note.value.trim();
      if (!approve && !text) { msg.textContent = "Tulis catatan: apa yang perlu diperbaiki pegawai sebelum rencana dikembalikan."; note.focus(); return; }
      ok.disabled = true; back.disabled = true;
      msg.textContent = "Menyimpan…";
      const r = await K.call("POST", "/api/v1/team/skp/" + encodeURIComponent(m.nip) + "/decision", { approve, note: text || null, year });
      ok.disabled = false; back.disabled = false;
      if (!r.ok) {
        msg.textContent = r.status === 400 && r.body && r.body.errors
          ? Object.entries(r.body.errors).map(([k, v]) => v.map((x) => K.fieldMessage(k, x)).join(" ")).join(" ") : K.problem(r);
        if (r.status === 409) { load(); }
        return;
      }
      delete f.closest("li").dataset.dirty;
      T.$("skp-tim-pesan").textContent = "Rencana " + m.name + (approve ? " disetujui." : " dikembalikan dengan catatan.");
      load();
    }
    ok.addEventListener("click", (e) => { if (e.detail < 2) { decide(true); } });
    back.addEventListener("click", (e) => { if (e.detail < 2) { decide(false); } });
    return f;
  }

  function assessmentForm(m, rhk, period, current) {
    const f = el("form", "penilaian-skp");
    f.noValidate = true;
    const fs = el("fieldset");
    fs.append(el("legend", "", "Penilaian " + rhk.code + " · " + K.periodLabel(period)));
    const name = "skp-nilai-" + m.nip + "-" + rhk.id;
    for (const level of K.levels) {
      const label = el("label", "pilihan");
      const radio = el("input");
      radio.type = "radio"; radio.name = name; radio.value = level;
      radio.checked = !!current && current.level === level;
      label.append(radio, " " + K.levelLabel[level]);
      fs.append(label);
    }
    const feedback = el("textarea", "umpan-skp");
    feedback.rows = 2; feedback.maxLength = 2000;
    feedback.id = name + "-umpan";
    feedback.value = current && current.feedback ? current.feedback : "";
    const fl = el("label", "", "Umpan balik untuk " + rhk.code);
    fl.htmlFor = feedback.id;
    const go = el("button", "utama simpan-penilaian", "Simpan penilaian");
    go.type = "submit";
    const msg = el("p", "pesan");
    msg.setAttribute("role", "status");
    fs.append(fl, feedback, go, msg);
    f.append(fs);
    f.addEventListener("input", () => { f.closest("li.anggota").dataset.dirty = "1"; });
    f.addEventListener("submit", async (e) => {
      e.preventDefault();
      const chosen = f.querySelector("input[type=radio]:checked");
      if (!chosen) { msg.textContent = "Pilih salah satu: di atas, sesuai, atau di bawah ekspektasi."; return; }
      const key = m.nip + "|" + rhk.id + "|" + period;
      const eventId = pending.get(key) || K.uuid();
      pending.set(key, eventId);
      go.disabled = true;
      msg.textContent = "Menyimpan…";
      const r = await K.call("POST", "/api/v1/team/skp/assessments",
        [{ eventId, nip: m.nip, rhkId: rhk.id, period, level: chosen.value, feedback: feedback.value.trim() || null }]);
      go.disabled = false;
      if (!r.ok || !r.body || !r.body.items) { msg.textContent = K.problem(r); return; }
      const res = r.body.items[0];
      pending.delete(key);
      if (res.status === "rejected") { msg.textContent = res.errors.map((x) => K.fieldMessage(x.field, x.message)).join(" "); return; }
      msg.textContent = "Penilaian tersimpan.";
      f.classList.add("tersimpan");
      delete f.closest("li.anggota").dataset.dirty;
      soon();
    });
    return f;
  }

  function progressView(m, period) {
    const plan = m.plan;
    const progress = plan.progress || { minutesPerRhk: [], realisations: [], assessments: [] };
    const ol = el("ol", "daftar-rhk-realisasi");
    for (const rhk of plan.rhk) {
      const li = el("li", "rhk-realisasi");
      li.dataset.rhk = rhk.code;
      const head = el("div", "kepala");
      head.append(el("strong", "kode", rhk.code), el("span", "lencana jenis-" + rhk.kind, K.kindLabel[rhk.kind] || rhk.kind));
      const months = K.monthsOf(period);
      const minutes = progress.minutesPerRhk.filter((x) => x.rhkId === rhk.id && months.includes(x.period));
      li.append(head, el("p", "uraian", rhk.text), el("p", "meta tautan-kaskade", parentText(rhk)),
        el("p", "menit-rhk", "Menit aktivitas: " + K.number(minutes.reduce((s, x) => s + x.approvedMinutes, 0)) + " disetujui"));
      const inds = el("ul", "indikator-baca");
      for (const ind of rhk.indicators) {
        const item = el("li", "indikator-realisasi");
        const now = K.currentOf(progress.realisations, (r) => r.indicatorId === ind.id && r.period === period);
        item.append(el("p", "", (K.aspectLabel[ind.aspect] || ind.aspect) + ": " + ind.text + " · target " + K.target(ind.periodTargets[period] || ind.target)),
          el("p", "realisasi-kini", now ? "Realisasi: " + (now.value !== null && now.value !== undefined ? K.number(now.value) + " " + (ind.target.unit || "") : now.text)
            + (now.note ? " · " + now.note : "") + " · " + K.dateTime(now.filedAt) : "Belum ada realisasi untuk periode ini."));
        if (now) { item.append(K.evidenceLinks(now)); }
        inds.append(item);
      }
      li.append(inds, assessmentForm(m, rhk, period, K.currentOf(progress.assessments, (a) => a.rhkId === rhk.id && a.period === period)));
      ol.append(li);
    }
    return ol;
  }

  function member(m) {
    const li = el("li", "anggota");
    li.dataset.nip = m.nip;
    li.dataset.status = m.status || "";
    const d = el("details", "rencana-anggota");
    d.open = open.has(m.nip);
    d.addEventListener("toggle", () => { if (d.open) { open.add(m.nip); } else { open.delete(m.nip); } });
    const sum = el("summary");
    sum.append(el("strong", "nama", m.name), el("span", "nip", " · NIP " + m.nip + " "),
      el("span", "lencana status-" + (m.status || "belum"), m.status ? K.statusLabel[m.status] || m.status : "Belum ada rencana"));
    if (m.plan) { sum.append(el("span", "meta", " · versi " + m.plan.version)); }
    d.append(sum);
    if (m.plan) {
      d.append(K.historyOf(m.plan));
      if (m.plan.status === "disetujui") {
        d.append(progressView(m, periodSelect.value));
      } else {
        d.append(K.planList(m.plan, parentText));
        if (m.plan.status === "dikembalikan" && m.plan.note) { d.append(el("p", "catatan-atasan", "Catatan Anda saat mengembalikan: " + m.plan.note)); }
        if (m.plan.status === "diajukan") { d.append(decisionForm(m)); }
      }
    } else {
      d.append(el("p", "kosong", "Pegawai ini belum menyimpan rencana SKP tahun " + year + "."));
    }
    li.append(d);
    return li;
  }

  async function load() {
    await picked;
    const mine = ++loadSeq;
    const [team, own] = await Promise.all([K.call("GET", "/api/v1/team/skp?year=" + year), K.call("GET", "/api/v1/me/skp?year=" + year)]);
    if (mine !== loadSeq) { return; }
    superiorPlan = own.ok ? own.body : null;
    if (!team.ok) { list.replaceChildren(el("li", "kosong", "SKP tim tidak dapat dimuat: " + K.problem(team))); return; }
    const kept = new Map([...list.querySelectorAll("li.anggota[data-dirty='1']")].map((x) => [x.dataset.nip, x]));
    const members = team.body.members;
    list.replaceChildren(...(members.length ? members.map((m) => {
      const k = kept.get(m.nip);
      return k && k.dataset.status === (m.status || "") ? k : member(m);
    }) : [el("li", "kosong", "Tidak ada bawahan langsung.")]));
    T.$("jumlah-skp-tim").textContent = String(members.filter((m) => m.status === "diajukan").length);
    T.fresh();
  }

  const soon = () => { clearTimeout(timer); timer = setTimeout(load, 150); };
  periodSelect.addEventListener("change", () => { list.querySelectorAll("li.anggota").forEach((x) => delete x.dataset.dirty); load(); });
  T.events.addEventListener("skp", soon);
  T.events.addEventListener("muat-tim", soon);
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", load, { once: true }); } else { load(); }
})();
