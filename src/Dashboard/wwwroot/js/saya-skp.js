// /saya "SKP saya" (issue 17): the plan of the chosen year (GET /api/v1/me/skp?year=; the year picker offers the years with
// a plan and the current one, kept in ?tahun=) with its state, the superior's note and the version history; the editor for a draft or returned plan (saya-skp-rencana.js, POST /api/v1/me/skp and /submit); after
// approval the realisations, assessments and minutes per RHK (saya-skp-realisasi.js). The daily report form's SKP link
// becomes a choice of the current year's plan's RHK codes. SkpChanged on /hubs/employee re-reads; what is being typed is kept.
"use strict";
(function () {
  const S = window.Saya;
  const K = window.Skp;
  const { el, button } = K;
  const thisYear = Number(S.today().slice(0, 4));
  let year = thisYear;
  const box = S.$("skp-isi");
  const periodSelect = S.$("skp-periode");
  const notice = S.$("skp-pesan");
  let plan = null;         // the plan of the chosen year
  let currentPlan = null;  // the plan of this year (the daily report's RHK choice)
  let parents = null;
  let editor = null;      // the open editor form (kept across re-reads while it holds typed changes)
  let changing = false;   // the employee chose to change an approved plan (a new version)
  let loadSeq = 0;

  function say(text, kind) { notice.textContent = text; notice.className = "pesan" + (kind ? " " + kind : ""); }

  /** Shows <y>: the periods of that year, a fresh editor; the caller loads its plan. */
  function showYear(y) {
    year = y;
    plan = null; editor = null; changing = false;
    K.fillPeriods(periodSelect, K.periodsOf(year, S.today()), S.period());
  }

  const picked = K.yearPicker(S.$("skp-tahun"), "/api/v1/me/skp/years", thisYear, say, (y) => { say(""); showYear(y); S.refresh([load]); })
    .then(showYear);

  function parentText(rhk) {
    if (rhk.parentIku) {
      const iku = parents && parents.unitIku.find((i) => i.code === rhk.parentIku);
      return "Mengintervensi IKU unit " + rhk.parentIku + (iku ? " · " + iku.name : "");
    }
    const p = parents && parents.superiorRhk.find((r) => r.id === rhk.parentRhkId);
    return "Mengintervensi RHK atasan " + (p ? p.code + " · " + p.text : "#" + rhk.parentRhkId);
  }

  async function save(body) {
    const r = await K.call("POST", "/api/v1/me/skp?year=" + year, body);
    if (r.ok) { plan = r.body; return { ok: true, plan: r.body, message: "Draf tersimpan (versi " + r.body.version + ")." }; }
    if (r.status === 400 && r.body && r.body.errors) { return { ok: false, errors: r.body.errors }; }
    if (r.status === 409) { editor = null; await load(); }
    return { ok: false, message: K.problem(r) };
  }

  async function submit(body) {
    const saved = await save(body);
    if (!saved.ok) { return saved; }
    const r = await K.call("POST", "/api/v1/me/skp/submit", { year });
    if (r.status === 400 && r.body && r.body.errors) { return { ok: false, errors: r.body.errors }; }
    if (!r.ok) { return { ok: false, message: "Draf tersimpan, tetapi belum diajukan: " + K.problem(r) }; }
    plan = r.body;
    editor = null;
    changing = false;
    say("Rencana SKP " + year + " diajukan ke atasan. Anda akan melihat keputusannya di sini.", "ok");
    render();
    return { ok: true, message: "Diajukan." };
  }

  function header() {
    const head = el("div", "skp-keadaan");
    if (!plan) {
      head.append(el("p", "", "Anda belum memiliki rencana SKP tahun " + year + ". Susun RHK dan indikatornya di bawah, lalu ajukan ke atasan."));
      return head;
    }
    const line = el("p", "status-skp");
    const badge = el("span", "lencana status-" + plan.status, K.statusLabel[plan.status] || plan.status);
    badge.id = "skp-status";
    line.append("Rencana SKP " + plan.year + " · versi " + plan.version + " ", badge);
    head.append(line);
    if (plan.status === "dikembalikan" && plan.note) {
      head.append(el("p", "catatan-atasan catatan-skp", "Dikembalikan atasan: " + plan.note));
    } else if (plan.status === "diajukan") {
      head.append(el("p", "ket", "Menunggu persetujuan atasan sejak " + K.dateTime(plan.submittedAt) + ". Rencana tidak dapat diubah sampai atasan memutuskan."));
    } else if (plan.status === "disetujui") {
      head.append(el("p", "ket", "Disetujui " + (plan.decidedAt ? K.dateTime(plan.decidedAt) : "") + (plan.note ? " · catatan atasan: " + plan.note : "")));
    }
    head.append(K.historyOf(plan));
    return head;
  }

  /** Realisation forms being filled in, by indicator, so a re-read does not lose them. */
  function keptForms() {
    const kept = new Map();
    box.querySelectorAll("li.indikator-realisasi").forEach((li) => {
      const f = li.querySelector("form.form-realisasi");
      if (f && f.dataset.dirty === "1") { kept.set(li.dataset.indicator + "|" + f.dataset.period, f); }
    });
    return kept;
  }

  function render() {
    const period = periodSelect.value;
    const kept = keptForms();
    const parts = [header()];
    const editable = !plan || plan.status === "draft" || plan.status === "dikembalikan" || plan.status === "disetujui" && changing;
    if (editable) {
      if (!editor || !editor.dirty) { editor = window.SkpRencana.editor(plan, { year, parents, current: () => plan, onSave: save, onSubmit: submit }); }
      parts.push(editor);
      if (changing) { parts.push(button("Batal mengubah", "batal-ubah-skp", () => { changing = false; editor = null; render(); })); }
    } else {
      editor = null;
      if (plan.status === "diajukan") {
        parts.push(K.planList(plan, parentText));
      } else {
        parts.push(el("p", "ket", window.SkpRealisasi.limitText));
        const view = window.SkpRealisasi.render(plan, period, parentText, (done) => {
          if (done) { say(done, "ok"); }
          return S.refresh([load]);
        });
        view.querySelectorAll("li.indikator-realisasi").forEach((li) => {
          const k = kept.get(li.dataset.indicator + "|" + period);
          if (k) { li.querySelector("form.form-realisasi").replaceWith(k); }
        });
        parts.push(view, button("Ubah rencana (versi baru)", "ubah-skp", () => { changing = true; render(); }));
      }
    }
    box.replaceChildren(...parts);
    offerRhk();
  }

  // --- the daily report's SKP link as a choice of the approved plan's RHK codes ---
  function offerRhk() {
    const input = S.$("skp");
    let choice = S.$("skp-rhk");
    const codes = currentPlan && currentPlan.status === "disetujui" ? currentPlan.rhk : [];
    const label = document.querySelector('label[for="skp"], label[for="skp-rhk"]');
    if (!codes.length) {
      if (choice) { choice.remove(); input.hidden = false; label.htmlFor = "skp"; label.textContent = "Tautan indikator SKP (tidak wajib)"; }
      return;
    }
    if (!choice) {
      choice = el("select");
      choice.id = "skp-rhk";
      input.before(choice);
      choice.addEventListener("change", () => {
        if (choice.value !== "__lain") { input.value = choice.value; }
        input.hidden = choice.value !== "__lain";
        if (!input.hidden) { input.focus(); }
      });
      input.addEventListener("skp-diisi", fromInput);
      input.form.addEventListener("reset", () => setTimeout(fromInput, 0));
    }
    label.htmlFor = "skp-rhk";
    label.textContent = "RHK SKP yang dilayani (tidak wajib)";
    const options = [["", "Tanpa tautan RHK"]].concat(codes.map((r) => [r.code, r.code + " · " + r.text]), [["__lain", "Lainnya (tulis sendiri)"]]);
    choice.replaceChildren(...options.map(([v, t]) => { const o = el("option", "", t); o.value = v; return o; }));
    fromInput();
  }

  function fromInput() {
    const input = S.$("skp");
    const choice = S.$("skp-rhk");
    if (!choice) { return; }
    const v = input.value.trim();
    choice.value = v === "" ? "" : [...choice.options].some((o) => o.value === v) ? v : "__lain";
    input.hidden = choice.value !== "__lain";
  }

  async function load() {
    await picked;
    const mine = ++loadSeq;
    const [p, q, c] = await Promise.all([K.call("GET", "/api/v1/me/skp?year=" + year), K.call("GET", "/api/v1/me/skp/parents?year=" + year),
      year === thisYear ? null : K.call("GET", "/api/v1/me/skp?year=" + thisYear)]);
    if (mine !== loadSeq) { return; }
    if (!p.ok && p.status !== 404) { say("Rencana SKP tidak dapat dimuat: " + K.problem(p), "salah"); throw new Error("skp " + p.status); }
    if (q.ok) { parents = q.body; }
    const before = plan;
    plan = p.ok ? p.body : null;
    currentPlan = year === thisYear ? plan : c.ok ? c.body : null;
    if (editor && editor.dirty && before && plan && (before.version !== plan.version || before.revision !== plan.revision)) {
      say("Rencana berubah di server sejak Anda mulai mengubahnya; simpan akan ditolak. Muat ulang halaman untuk melihat versi terbaru.", "salah");
    }
    render();
  }

  let timer = null;
  periodSelect.addEventListener("change", render);
  // minutes per RHK come with the plan: a changed activity list (a report naming an RHK, a review) re-reads an approved plan
  S.listeners.activities.push(() => {
    if (plan && plan.status === "disetujui") { clearTimeout(timer); timer = setTimeout(() => S.refresh([load]), 300); }
  });
  S.listeners.extraLoads.push(load);
  // saya.js opens the hub connection on DOMContentLoaded (its listener was added first): the handler is added after it.
  document.addEventListener("DOMContentLoaded", () => setTimeout(() => {
    if (S.state.connection) { S.state.connection.on("SkpChanged", () => S.refresh([load])); }
  }, 0), { once: true });
})();
