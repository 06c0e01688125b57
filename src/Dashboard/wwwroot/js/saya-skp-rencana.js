// /saya "SKP saya": the plan editor for a draft, a returned plan, or a change of an approved plan (a new version).
// RHK rows (utama/tambahan, the superior's RHK or the unit's IKU they serve, from GET /api/v1/me/skp/parents), indicators
// per RHK (aspect, numeric target with unit or qualitative text, per-period targets). The server's field errors
// (rhk[0].indicators[1].target…) are shown next to the control they name: every control and error line carries a
// data-path that is renumbered before each save.
"use strict";
window.SkpRencana = (function () {
  const K = window.Skp;
  const { el, button } = K;
  let seq = 0;
  const nextId = (what) => "skp-" + what + "-" + (++seq);

  /** A labelled control with its error line; rel is the path inside its RHK or indicator (e.g. "code", "target.value"). */
  function labelled(text, control, rel, cls) {
    const wrap = el("div", "isian" + (cls ? " " + cls : ""));
    control.id = nextId(rel.replace(/\W/g, ""));
    control.dataset.rel = rel;
    const label = el("label", "", text);
    label.htmlFor = control.id;
    const err = el("p", "galat");
    err.id = control.id + "-galat";
    err.dataset.rel = rel;
    control.setAttribute("aria-describedby", err.id);
    wrap.append(label, control, err);
    return wrap;
  }

  function input(type, value, max) {
    const i = el("input");
    i.type = type;
    if (max) { i.maxLength = max; }
    if (type === "number") { i.step = "any"; i.min = "0"; i.inputMode = "decimal"; }
    if (value !== undefined && value !== null) { i.value = String(value); }
    return i;
  }

  function select(options, value) {
    const s = el("select");
    for (const [v, text, disabled] of options) { const o = el("option", "", text); o.value = v; o.disabled = !!disabled; s.append(o); }
    if (value !== undefined && value !== null) { s.value = value; }
    return s;
  }

  function errorLine(rel) { const p = el("p", "galat"); p.dataset.rel = rel; p.setAttribute("role", "alert"); return p; }

  /** The value/unit or text controls of a target; kind "angka" or "teks". */
  function targetControls(t, periodKey) {
    const box = el("div", "target");
    const numeric = !t || t.value !== null && t.value !== undefined || !t.text;
    const base = periodKey ? "periodTargets." + periodKey : "target";
    const value = input("number", numeric && t ? t.value : "");
    const unit = input("text", numeric && t ? t.unit : "", 50);
    const text = input("text", !numeric && t ? t.text : "", 1000);
    const numberBox = el("div", "baris2 target-angka");
    numberBox.append(labelled(periodKey ? "Nilai" : "Target (angka)", value, base + ".value"),
      labelled("Satuan", unit, base + ".unit", periodKey ? "satuan-periode" : ""));
    const textBox = labelled(periodKey ? "Target" : "Target (kualitatif)", text, base, "target-teks");
    box.append(numberBox, textBox, errorLine(base));
    box.show = (kind) => { numberBox.hidden = kind !== "angka"; textBox.hidden = kind === "angka"; };
    box.read = (kind, annualUnit) => kind === "angka"
      ? { value: value.value === "" ? null : Number(value.value), unit: periodKey ? annualUnit : unit.value.trim() }
      : text.value.trim();
    if (periodKey) { numberBox.querySelector(".satuan-periode").hidden = true; }
    return box;
  }

  function periodRow(year, key, t, onRemove) {
    const li = el("li", "target-periode");
    const periods = K.allPeriods(year).map((k) => [k, K.periodLabel(k)]);
    const which = select(periods, key || periods[0][0]);
    li.append(labelled("Periode", which, "periodTargets"));
    let controls = targetControls(t, which.value);
    li.append(controls);
    which.addEventListener("change", () => {
      // the error paths name the period key: rebuild the controls under the new key, keeping what was typed
      const kept = controls.read("angka", "");
      const keptText = controls.read("teks", "");
      const fresh = targetControls(kept.value !== null ? kept : { text: keptText }, which.value);
      controls.replaceWith(fresh);
      controls = fresh;
      li.dispatchEvent(new Event("ubah-jenis", { bubbles: true }));
    });
    li.append(button("Hapus target periode", "hapus kecil", () => { li.remove(); onRemove(); }));
    li.read = (kind, unit) => [which.value, controls.read(kind, unit)];
    li.show = (kind) => controls.show(kind);
    return li;
  }

  function indicatorRow(year, ind, onChange) {
    const li = el("li", "indikator");
    const aspect = select([["kuantitas", "Kuantitas"], ["kualitas", "Kualitas"], ["waktu", "Waktu"]], ind ? ind.aspect : "kuantitas");
    const text = el("textarea");
    text.rows = 2; text.maxLength = 1000;
    text.value = ind ? ind.text : "";
    const qualitative = ind && ind.target && (ind.target.value === null || ind.target.value === undefined) && ind.target.text;
    const kind = select([["angka", "Angka dengan satuan"], ["teks", "Teks (kualitatif)"]], qualitative ? "teks" : "angka");
    const annual = targetControls(ind ? ind.target : null, null);
    const periods = el("ol", "daftar-target-periode");
    const periodHelp = el("p", "ket", "Target per periode evaluasi (bulan atau triwulan), tidak wajib: tanpa target periode, target tahunan yang dipakai.");
    const addPeriod = button("Tambah target periode", "tambah kecil", () => { periods.append(periodRow(year, null, null, onChange)); sync(); onChange(); });
    for (const [k, t] of Object.entries((ind && ind.periodTargets) || {})) { periods.append(periodRow(year, k, t, onChange)); }
    function sync() {
      // kuantitas and waktu are measured: a number (IndicatorAspect.NeedsNumber)
      const measured = aspect.value !== "kualitas";
      kind.querySelector('option[value="teks"]').disabled = measured;
      if (measured) { kind.value = "angka"; }
      annual.show(kind.value);
      periods.querySelectorAll("li.target-periode").forEach((p) => p.show(kind.value));
    }
    aspect.addEventListener("change", sync);
    kind.addEventListener("change", sync);
    li.addEventListener("ubah-jenis", sync);
    const head = el("div", "baris2");
    head.append(labelled("Aspek", aspect, "aspect"), labelled("Jenis target", kind, "kind-target"));
    li.append(head, labelled("Indikator", text, "text"), annual, periodHelp, periods, errorLine("periodTargets"), addPeriod,
      button("Hapus indikator", "hapus kecil", () => { li.remove(); onChange(); }));
    li.read = () => {
      const t = annual.read(kind.value, null);
      const periodTargets = {};
      periods.querySelectorAll("li.target-periode").forEach((p) => { const [k, v] = p.read(kind.value, t.unit); periodTargets[k] = v; });
      return { aspect: aspect.value, text: text.value.trim(), target: t, periodTargets };
    };
    sync();
    return li;
  }

  function parentOptions(parents) {
    const none = [["", "— pilih —"]];
    if (!parents) { return none; }
    if (parents.linksToIku) {
      return none.concat(parents.unitIku.map((i) => ["iku:" + i.code, "IKU " + i.code + " · " + i.name + " (target " + K.number(i.targetValue) + " " + i.targetUnit + ")"]));
    }
    return none.concat(parents.superiorRhk.map((r) => ["rhk:" + r.id, r.code + " · " + r.text]));
  }

  function rhkRow(year, rhk, parents, onChange) {
    const li = el("li", "rhk");
    const fs = el("fieldset");
    const legend = el("legend", "", rhk ? rhk.code : "RHK baru");
    const code = input("text", rhk ? rhk.code : "", 32);
    code.placeholder = "mis. RHK-1";
    code.addEventListener("input", () => { legend.textContent = code.value.trim() || "RHK baru"; });
    const kind = select([["utama", "Utama"], ["tambahan", "Tambahan"]], rhk ? rhk.kind : "utama");
    const text = el("textarea");
    text.rows = 2; text.maxLength = 1000;
    text.value = rhk ? rhk.text : "";
    const parentValue = rhk ? (rhk.parentRhkId ? "rhk:" + rhk.parentRhkId : rhk.parentIku ? "iku:" + rhk.parentIku : "") : "";
    const options = parentOptions(parents);
    if (parentValue && !options.some((o) => o[0] === parentValue)) { options.push([parentValue, parentValue.replace(/^rhk:/, "RHK #").replace(/^iku:/, "IKU ") + " (tidak ada lagi di daftar)"]); }
    const parent = select(options, parentValue);
    const parentLabel = parents && parents.linksToIku ? "IKU unit yang diintervensi" : "RHK atasan yang diintervensi";
    const indicators = el("ol", "daftar-indikator");
    (rhk ? rhk.indicators : [null]).forEach((i) => indicators.append(indicatorRow(year, i, onChange)));
    const head = el("div", "baris2");
    head.append(labelled("Kode RHK", code, "code"), labelled("Jenis", kind, "kind"));
    fs.append(legend, head, labelled("Rencana hasil kerja", text, "text"), labelled(parentLabel, parent, parents && parents.linksToIku ? "parentIku" : "parentRhkId"),
      // the server names either parent field: both land beside the one choice
      errorLine(parents && parents.linksToIku ? "parentRhkId" : "parentIku"),
      el("h4", "", "Indikator"), indicators, errorLine("indicators"),
      button("Tambah indikator", "tambah", () => { indicators.append(indicatorRow(year, null, onChange)); onChange(); }),
      button("Hapus RHK", "hapus", () => { li.remove(); onChange(); }));
    li.append(fs);
    li.read = () => {
      const p = parent.value;
      return {
        code: code.value.trim(), kind: kind.value, text: text.value.trim(),
        parentRhkId: p.startsWith("rhk:") ? Number(p.slice(4)) : null, parentIku: p.startsWith("iku:") ? p.slice(4) : null,
        indicators: [...indicators.children].filter((x) => x.read).map((x) => x.read()),
      };
    };
    return li;
  }

  /** Gives every [data-rel] its full path (rhk[i].… or rhk[i].indicators[j].…) in the current order. */
  function renumber(list) {
    [...list.children].forEach((r, i) => {
      r.querySelectorAll("[data-rel]").forEach((e) => {
        const ind = e.closest("li.indikator");
        const j = ind ? [...ind.parentElement.children].indexOf(ind) : -1;
        e.dataset.path = "rhk[" + i + "]." + (j >= 0 ? "indicators[" + j + "]." : "") + e.dataset.rel;
      });
    });
  }

  /**
   * The editor of <plan> (null for a first plan). opts: { year, parents, current() → the plan as stored now,
   * onSave(body) → Promise<result>, onSubmit(body) }.
   * A result is { ok, errors?, message }. The returned element has .dirty (true once anything was typed).
   */
  function editor(plan, opts) {
    const form = el("form", "skp-editor");
    form.noValidate = true;
    form.dirty = false;
    const markDirty = () => { form.dirty = true; };
    form.addEventListener("input", markDirty);
    form.addEventListener("change", markDirty);
    const list = el("ol", "daftar-rhk");
    const rows = plan && plan.rhk.length ? plan.rhk : [null];
    rows.forEach((r) => list.append(rhkRow(opts.year, r, opts.parents, markDirty)));
    const help = el("p", "ket", plan && plan.status === "disetujui"
      ? "Rencana ini sudah disetujui: perubahan disimpan sebagai versi " + (plan.version + 1) + " dan diajukan ulang ke atasan. Versi yang disetujui tetap tersimpan di riwayat."
      : "Simpan sebagai draf kapan saja; ajukan ke atasan bila sudah lengkap (minimal satu RHK utama).");
    const noParents = opts.parents && !opts.parents.linksToIku && opts.parents.superiorRhk.length === 0
      ? el("p", "catatan-atasan", "Atasan Anda belum menyusun rencana SKP tahun ini: RHK atasan belum dapat dipilih. Simpan draf dulu dan lengkapi setelah rencana atasan ada.")
      : null;
    const planError = errorLine("rhk");
    planError.dataset.path = "rhk";
    const message = el("p", "pesan");
    message.setAttribute("role", "status");
    message.setAttribute("aria-live", "polite");
    const save = el("button", "utama simpan-skp", "Simpan draf");
    save.type = "submit";
    const submit = button("Ajukan ke atasan", "ajukan-skp");
    const actions = el("div", "aksi");
    actions.append(save, submit);
    form.append(help, ...(noParents ? [noParents] : []), list,
      button("Tambah RHK", "tambah tambah-rhk", () => { list.append(rhkRow(opts.year, null, opts.parents, markDirty)); markDirty(); }),
      planError, actions, message);

    // the version and revision saved last (a save in this editor moves them on): opts.current() is the plan as stored now
    const body = () => {
      const now = opts.current ? opts.current() : plan;
      return { year: opts.year, version: now ? now.version : 0, revision: now && now.status !== "disetujui" ? now.revision : null,
        rhk: [...list.children].map((r) => r.read()) };
    };

    async function run(action) {
      renumber(list);
      save.disabled = true; submit.disabled = true;
      message.className = "pesan";
      message.textContent = action === "submit" ? "Menyimpan dan mengajukan…" : "Menyimpan…";
      let result;
      try { result = await (action === "submit" ? opts.onSubmit(body()) : opts.onSave(body())); } finally { save.disabled = false; submit.disabled = false; }
      if (result.errors) {
        const placed = K.showFieldErrors(form, result.errors, planError);
        message.className = "pesan salah";
        message.textContent = "Belum tersimpan: periksa " + (placed ? "isian yang ditandai." : "pesan di atas.");
        const first = form.querySelector('[aria-invalid="true"]');
        if (first) { first.focus(); }
      } else {
        message.className = "pesan " + (result.ok ? "ok" : "salah");
        message.textContent = result.message;
      }
    }
    form.addEventListener("submit", (e) => { e.preventDefault(); run("save"); });
    submit.addEventListener("click", () => run("submit"));
    return form;
  }

  return { editor };
})();
