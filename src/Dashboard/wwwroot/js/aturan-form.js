// Rules console (/aturan), form view: a workflow's GlobalParams as labelled fields and its rules as a decision
// table (add, reorder, disable rows; irregular rules as JSON in the same table). The JSON textarea of aturan.js
// (below the form) stays the one candidate every action sends: the server turns the edited form into JSON
// (POST /api/v1/rules/form/json) before any action runs, and reads the form back from the textarea
// (POST /api/v1/rules/form) when a workflow is chosen, the JSON is edited, or the JSON-only view is left.
"use strict";
(function () {
  const API = { read: "/api/v1/rules/form", toJson: "/api/v1/rules/form/json" };
  const OPS = ["==", "!=", ">=", "<=", ">", "<"];
  const $ = (id) => document.getElementById(id);
  const editor = $("json-aturan");
  const host = $("formulir-aturan");
  let form = null;
  let dirty = false;
  let view = "form";

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  async function post(url, body) {
    const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const data = await res.json().catch(() => null);
    return { ok: res.ok, status: res.status, data };
  }

  function changed() { dirty = true; $("form-status").textContent = "Ada perubahan yang belum diperiksa"; }

  function input(value, onInput, cls, label) {
    const i = el("input", cls);
    i.type = "text";
    i.value = value == null ? "" : value;
    if (label) { i.setAttribute("aria-label", label); }
    i.addEventListener("input", () => { onInput(i.value); changed(); });
    return i;
  }

  function renderParameters() {
    const box = el("div", "param-grid");
    if (!form.parameters.length) { box.append(el("p", "muted", "Alur kerja ini tidak punya parameter.")); }
    for (const p of form.parameters) {
      const f = el("div", "param");
      f.dataset.path = "parameters." + p.name;
      const id = "param-" + p.name;
      const l = el("label", null, p.label || p.name);
      l.htmlFor = id;
      const constant = p.kind !== "expression";
      const i = input(constant ? p.value : p.expression, (v) => { if (constant) { p.value = v; } else { p.expression = v; } },
        constant ? "param-value" : "param-rumus");
      i.id = id;
      i.dataset.param = p.name;
      f.append(l, i, el("span", "unit", (p.unit || "") + (constant ? "" : " · rumus")));
      if (p.help) { f.append(el("small", "help", p.help)); }
      box.append(f);
    }
    return box;
  }

  function conditionEditor(list, c, idx, label) {
    const span = el("span", "cond");
    span.append(input(c.left, (v) => { c.left = v; }, "cond-left", label + " kolom"));
    const op = el("select", "cond-op");
    op.setAttribute("aria-label", label + " operator");
    for (const o of [""].concat(OPS)) { const opt = el("option", null, o || "(ya)"); opt.value = o; op.append(opt); }
    op.value = c.op || "";
    op.addEventListener("change", () => { c.op = op.value; if (!c.op) { c.right = null; } changed(); });
    span.append(op, input(c.right, (v) => { c.right = v; }, "cond-right", label + " nilai"));
    const x = el("button", "mini", "×");
    x.type = "button"; x.title = "Hapus syarat";
    x.addEventListener("click", () => { list.splice(idx, 1); changed(); renderForm(); });
    span.append(x);
    return span;
  }

  function conditionsCell(owner, label) {
    const cell = el("div", "conds");
    const join = el("select", "join");
    join.setAttribute("aria-label", label + " penghubung");
    for (const [v, t] of [["&&", "semua (dan)"], ["||", "salah satu (atau)"]]) { const o = el("option", null, t); o.value = v; join.append(o); }
    join.value = owner.join || "&&";
    join.addEventListener("change", () => { owner.join = join.value; changed(); });
    cell.append(join);
    owner.conditions = owner.conditions || [];
    owner.conditions.forEach((c, i) => cell.append(conditionEditor(owner.conditions, c, i, label + " syarat " + (i + 1))));
    const add = el("button", "mini", "+ syarat");
    add.type = "button";
    add.addEventListener("click", () => { owner.conditions.push({ left: "snapshot.", op: ">=", right: "" }); changed(); renderForm(); });
    cell.append(add);
    return cell;
  }

  function moveRow(i, d) {
    const j = i + d;
    if (j < 0 || j >= form.rows.length) { return; }
    [form.rows[i], form.rows[j]] = [form.rows[j], form.rows[i]];
    changed();
    renderForm();
  }

  function renderRows() {
    const wrap = el("div", "table-wrap");
    const t = el("table", "tabel-aturan");
    const h = el("tr");
    ["#", "Aktif", "Aturan / event", "Syarat", "Hasil & keterangan", ""].forEach((x) => h.append(el("th", null, x)));
    const thead = el("thead"); thead.append(h); t.append(thead);
    const tb = el("tbody");
    form.rows.forEach((r, i) => {
      const tr = el("tr", r.enabled ? "" : "off");
      tr.dataset.path = "rows[" + i + "]";
      tr.dataset.rule = r.rule;
      tr.append(el("td", "num", i + 1));
      const on = el("input"); on.type = "checkbox"; on.checked = r.enabled; on.setAttribute("aria-label", "Aktifkan baris " + (i + 1));
      on.addEventListener("change", () => { r.enabled = on.checked; tr.classList.toggle("off", !on.checked); changed(); });
      const tdOn = el("td"); tdOn.append(on); tr.append(tdOn);
      const name = el("td", "names");
      name.append(input(r.rule, (v) => { r.rule = v; }, "rule-name", "Nama aturan baris " + (i + 1)));
      if (r.regular) { name.append(input(r.successEvent, (v) => { r.successEvent = v; }, "rule-event", "Event baris " + (i + 1))); }
      tr.append(name);
      const cond = el("td");
      const info = el("td", "info");
      if (!r.regular) {
        const ta = el("textarea", "rule-json");
        ta.value = JSON.stringify(r.ruleJson, null, 2);
        ta.setAttribute("aria-label", "JSON aturan baris " + (i + 1));
        ta.addEventListener("input", () => { try { r.ruleJson = JSON.parse(ta.value); ta.classList.remove("invalid"); changed(); } catch { ta.classList.add("invalid"); } });
        cond.append(el("small", "muted", "Bentuk tidak beraturan: sunting sebagai JSON"), ta);
      } else if (r.branches && r.branches.length) {
        const any = r.operator === "Or" || r.operator === "OrElse";
        cond.append(el("small", "muted", any ? "Berlaku bila salah satu cabang terpenuhi:" : "Berlaku bila semua cabang terpenuhi:"));
        r.branches.forEach((b, k) => {
          const line = el("div", "branch");
          line.append(el("span", "branch-name", b.rule), conditionsCell(b, "Baris " + (i + 1) + " cabang " + (k + 1)));
          cond.append(line);
        });
      } else {
        cond.append(conditionsCell(r, "Baris " + (i + 1)));
      }
      if (r.regular) {
        info.append(input(r.output, (v) => { r.output = v || null; }, "rule-output", "Keluaran baris " + (i + 1)));
        r.properties = r.properties || {};
        for (const key of ["kind", "description"]) {
          if (key in r.properties || key === "description") {
            info.append(input(r.properties[key], (v) => { r.properties[key] = v; }, "prop-" + key, key + " baris " + (i + 1)));
          }
        }
      }
      tr.append(cond, info);
      const act = el("td", "row-actions");
      for (const [txt, title, fn] of [["↑", "Naikkan", () => moveRow(i, -1)], ["↓", "Turunkan", () => moveRow(i, 1)],
        ["×", "Hapus baris", () => { form.rows.splice(i, 1); changed(); renderForm(); }]]) {
        const b = el("button", "mini", txt); b.type = "button"; b.title = title; b.setAttribute("aria-label", title + " baris " + (i + 1));
        b.addEventListener("click", fn);
        act.append(b);
      }
      tr.append(act);
      tb.append(tr);
    });
    t.append(tb);
    wrap.append(t);
    const add = el("button", null, "+ Tambah baris");
    add.type = "button";
    add.id = "btn-tambah-baris";
    add.addEventListener("click", () => {
      form.rows.push({ rule: "aturan_baru_" + (form.rows.length + 1), regular: true, enabled: true, successEvent: "", join: "&&",
        conditions: [{ left: "snapshot.", op: ">=", right: "" }], properties: { kind: "", description: "" } });
      changed();
      renderForm();
    });
    wrap.append(add);
    return wrap;
  }

  function renderForm() {
    const body = $("form-body");
    body.replaceChildren();
    if (!form) { return; }
    body.append(el("h3", null, "Parameter"), renderParameters(), el("h3", null, "Tabel keputusan"), renderRows());
  }

  function showIssues(errors) {
    const list = $("form-masalah");
    list.replaceChildren();
    host.querySelectorAll(".invalid").forEach((n) => n.classList.remove("invalid"));
    for (const [path, messages] of Object.entries(errors || {})) {
      for (const m of messages) { list.append(el("li", null, m)); }
      const root = path.match(/^(rows\[\d+\]|parameters\.[^.]+)/);
      const target = root && host.querySelector('[data-path="' + root[1] + '"]');
      if (target) { target.classList.add("invalid"); }
    }
  }

  // The edited form as JSON in the textarea; false when the server found problems (shown at their field or row).
  async function sync() {
    if (!form || !dirty) { return true; }
    const r = await post(API.toJson, form);
    if (!r.ok) {
      showIssues(r.data && r.data.errors ? r.data.errors : { form: [(r.data && (r.data.detail || r.data.title)) || "Formulir tidak dapat diperiksa (" + r.status + ")"] });
      $("form-status").textContent = "Formulir belum benar";
      return false;
    }
    editor.value = JSON.stringify(r.data.json, null, 2);
    dirty = false;
    showIssues({});
    $("form-status").textContent = "Formulir valid";
    return true;
  }

  // Reads are numbered: when the workflow changes while an earlier read is on its way, only the latest one is shown
  // (an answer arriving late must not put the previous workflow's form under the new workflow's name).
  let reads = 0;
  async function readFromEditor() {
    const mine = ++reads;
    let json;
    try { json = JSON.parse(editor.value); } catch { form = null; renderForm(); $("form-status").textContent = "JSON tidak valid: perbaiki di tampilan JSON"; return; }
    const r = await post(API.read, json);
    if (mine !== reads) { return; }
    form = r.ok ? r.data : null;
    dirty = false;
    showIssues(r.ok ? {} : r.data && r.data.errors);
    $("form-status").textContent = r.ok ? "" : "Formulir tidak dapat dibaca";
    renderForm();
  }

  // "form": the form above the JSON; "json": the JSON alone (the textarea is always there: it is the candidate).
  async function show(which) {
    if (which === "json" && !(await sync())) { return; }
    if (which === "form" && view === "json") { await readFromEditor(); }
    view = which;
    $("form-body").hidden = which !== "form";
    host.querySelectorAll(".tabs button").forEach((b) => b.classList.toggle("active", b.dataset.view === which));
  }

  function build() {
    const tabs = el("div", "tabs");
    for (const [v, t] of [["form", "Formulir"], ["json", "Hanya JSON"]]) {
      const b = el("button", null, t); b.type = "button"; b.dataset.view = v; b.id = "tab-" + v;
      b.addEventListener("click", () => show(v));
      tabs.append(b);
    }
    tabs.append(el("span", "muted", ""));
    tabs.lastChild.id = "form-status";
    const body = el("div", "form-body"); body.id = "form-body";
    const issues = el("ul", "issues"); issues.id = "form-masalah";
    host.append(tabs, issues, body);
    // Every action of aturan.js reads the textarea: turn a pending form edit into JSON first.
    // (captured on the container, so it runs before the button's own handler)
    document.querySelector(".editor .actions").addEventListener("click", async (e) => {
      const btn = e.target.closest("button");
      if (!btn || view !== "form" || !dirty) { return; }
      e.preventDefault();
      e.stopPropagation();
      if (await sync()) { btn.click(); }
    }, true);
    document.addEventListener("aturan:dipilih", () => { if (view === "form") { readFromEditor(); } });
    // JSON typed into the textarea wins over the form: read the form again once typing pauses
    let timer = 0;
    editor.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => { if (view === "form") { readFromEditor(); } }, 600);
    });
    show("form");
  }

  build();
})();
