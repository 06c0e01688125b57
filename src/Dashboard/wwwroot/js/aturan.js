// HR rules console (/aturan): workflows and versions, JSON editor with validation issues shown
// against their rule, fixtures, backtest (gained/lost), publish with a note, history, rollback.
// Everything goes through the rules HTTP API; the routes are collected in API below.
"use strict";
(function () {
  const API = {
    overview: () => "/api/v1/rules",
    version: (wf, v) => "/api/v1/rules/" + encodeURIComponent(wf) + "/versions/" + v,
    validate: () => "/api/v1/rules/validate",
    test: () => "/api/v1/rules/test",
    backtest: () => "/api/v1/rules/backtest",
    publish: () => "/api/v1/rules/publish",
    rollback: () => "/api/v1/rules/rollback",
  };
  const author = "konsol-sdm";
  let overview = null;
  const nf = new Intl.NumberFormat("id-ID");
  const df = new Intl.DateTimeFormat("id-ID", { timeZone: "Asia/Jakarta", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });
  const $ = (id) => document.getElementById(id);
  const editor = $("json-aturan");
  let current = null; // selected workflow name

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  async function call(method, url, body) {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = { detail: text }; }
    if (res.status === 400 && data && data.errors) {
      // RFC 9457 validation problem: keys "file / workflow / rule", values the reasons
      const issues = [];
      if (Array.isArray(data.messages) && data.messages.length) {
        // the same issues as HR reads them: Indonesian text at the rule (row) or parameter, the technical reason apart
        for (const m of data.messages) {
          issues.push({ workflow: m.workflow, rule: m.rule, parameter: m.parameter, reason: m.text, technical: m.technical });
        }
        return { valid: false, published: false, issues, title: data.title };
      }
      for (const [key, reasons] of Object.entries(data.errors)) {
        const parts = key.split(" / ");
        for (const reason of reasons) {
          issues.push({ workflow: parts.length > 1 ? parts[1] : null, rule: parts.length > 2 ? parts[2] : null, reason });
        }
      }
      return { valid: false, published: false, issues, title: data.title };
    }
    if (!res.ok) {
      const msg = (data && (data.detail || data.title)) || res.status + " " + res.statusText;
      throw new Error(msg);
    }
    return data;
  }

  function status(text, ok) {
    const s = $("status-api");
    s.textContent = text;
    s.className = "asof " + (ok === false ? "msg-err" : ok ? "msg-ok" : "");
  }

  function busy(on) {
    document.querySelectorAll(".actions button").forEach((b) => { b.disabled = on; });
  }

  function parseEditor() {
    try {
      return { value: JSON.parse(editor.value) };
    } catch (e) {
      return { error: "JSON tidak valid: " + e.message };
    }
  }

  // The candidate every action sends: { workflows: [workflow objects] } (standard RulesEngine JSON).
  function candidate() {
    const parsed = parseEditor();
    if (parsed.error) { showIssues([{ rule: null, reason: parsed.error }]); return null; }
    return { workflows: Array.isArray(parsed.value) ? parsed.value : [parsed.value] };
  }

  function showIssues(issues) {
    const list = $("masalah");
    list.replaceChildren();
    if (!issues || issues.length === 0) {
      const li = el("li", "ok", "Valid: setiap ekspresi aturan dapat dikompilasi.");
      list.append(li);
      return;
    }
    for (const i of issues) {
      const li = el("li");
      if (i.rule || i.workflow) {
        li.append(el("span", "rule", (i.workflow ? i.workflow : "") + (i.rule ? " › " + i.rule : "")));
      }
      li.append(document.createTextNode(i.reason || i.message || String(i)));
      if (i.technical && i.technical !== i.reason) {
        const details = el("details", "technical");
        details.append(el("summary", null, "Rincian teknis"), el("code", null, i.technical));
        li.append(details);
      }
      li.dataset.rule = i.rule || "";
      li.dataset.parameter = i.parameter || "";
      li.addEventListener("click", () => jumpTo(i.rule));
      list.append(li);
    }
  }

  function jumpTo(rule) {
    if (!rule) { return; }
    const idx = editor.value.indexOf('"' + rule + '"');
    if (idx >= 0) { editor.focus(); editor.setSelectionRange(idx, idx + rule.length + 2); }
  }

  function result(node) { $("hasil").replaceChildren(node); }

  function table(headers, rows) {
    const t = el("table");
    const h = el("tr");
    headers.forEach((x) => h.append(el("th", null, x)));
    const thead = el("thead"); thead.append(h); t.append(thead);
    const tb = el("tbody");
    rows.forEach((r) => {
      const tr = el("tr");
      r.forEach((c) => { if (c instanceof Node) { const td = el("td"); td.append(c); tr.append(td); } else { tr.append(el("td", null, c)); } });
      tb.append(tr);
    });
    t.append(tb);
    return t;
  }

  async function loadWorkflows() {
    try {
      overview = await call("GET", API.overview());
      const items = overview.workflows || [];
      // rules the evaluation budgets switched off for the rest of their version
      const disabled = overview.disabledRules || [];
      const ul = $("daftar-workflow");
      ul.replaceChildren();
      if (items.length === 0) { ul.append(el("li", "empty", "Belum ada alur kerja.")); }
      for (const w of items) {
        const li = el("li");
        li.dataset.workflow = w.workflow;
        li.append(el("span", null, w.workflow), el("span", "badge", w.activeVersion ? "v" + w.activeVersion : "—"));
        if (disabled.some((d) => d.workflow === w.workflow)) { li.append(el("span", "badge msg-err", "aturan dinonaktifkan")); }
        li.addEventListener("click", () => select(w.workflow));
        ul.append(li);
      }
      const warnings = [];
      if (overview.lastError) { warnings.push("Aturan aktif dengan peringatan: " + overview.lastError); }
      for (const d of disabled) {
        warnings.push("Aturan " + d.workflow + "/" + d.rule + " v" + d.version + " dinonaktifkan untuk versi ini (melebihi batas " + d.limit + "): " + d.reason);
      }
      status(warnings.length ? warnings.join(" · ") : "Terhubung ke API aturan", warnings.length === 0);
      if (!current && items.length) { await select(items[0].workflow); }
    } catch (e) {
      status("API aturan tidak tersedia: " + e.message, false);
    }
  }

  async function select(name) {
    current = name;
    document.querySelectorAll("#daftar-workflow li").forEach((li) => li.classList.toggle("active", li.dataset.workflow === name));
    $("judul-editor").textContent = name;
    const entry = (overview.workflows || []).find((w) => w.workflow === name);
    const rows = (entry ? entry.versions : []).slice().sort((a, b) => b.version - a.version);
    const active = rows.find((v) => v.active) || rows[0];
    if (active) {
      const full = await call("GET", API.version(name, active.version));
      // another workflow was chosen while this one loaded (e.g. the first one, selected on load): keep that one
      if (current !== name) { return; }
      editor.value = JSON.stringify(full.json, null, 2);
      $("versi-aktif").textContent = "aktif: v" + active.version;
      document.dispatchEvent(new CustomEvent("aturan:dipilih", { detail: { workflow: name, version: active.version, versions: rows } }));
    }
    showHistory(rows);
    $("masalah").replaceChildren();
    $("hasil").replaceChildren();
  }

  function showHistory(rows) {
    const body = $("riwayat").tBodies[0];
    body.replaceChildren();
    for (const v of rows) {
      const tr = el("tr");
      tr.append(el("td", null, "v" + v.version + (v.active ? " (aktif)" : "")), el("td", null, v.createdAt ? df.format(new Date(/[zZ]|[+-]\d\d:\d\d$/.test(v.createdAt) ? v.createdAt : v.createdAt + "Z")) : "—"),
        el("td", null, v.author || "—"), el("td", null, v.note || ""), el("td", null, monthLabel(v.effectiveFrom)));
      const td = el("td");
      if (!v.active) {
        const b = el("button", null, "Kembalikan ke v" + v.version);
        b.addEventListener("click", () => rollback(v.version));
        td.append(b);
      }
      tr.append(td);
      body.append(tr);
    }
  }

  async function validate() {
    const body = candidate(); if (!body) { return; }
    busy(true);
    try {
      const r = await call("POST", API.validate(), body);
      showIssues(r.valid === false ? r.issues : []);
      status(r.valid ? "Validasi berhasil" : "Validasi gagal: " + (r.issues || []).length + " masalah", !!r.valid);
    } catch (e) { status("Validasi gagal: " + e.message, false); } finally { busy(false); }
  }

  async function runTests() {
    const body = candidate(); if (!body) { return; }
    busy(true);
    try {
      const r = await call("POST", API.test(), body);
      if (r.valid === false) { showIssues(r.issues); status("Uji tidak dapat dijalankan: aturan tidak valid", false); return; }
      const failures = r.failures || [];
      const wrap = el("div");
      wrap.append(el("p", failures.length ? "msg-err" : "msg-ok",
        "Uji fixture: " + nf.format(r.passed || 0) + " lulus, " + nf.format(failures.length) + " gagal"));
      if (failures.length) {
        wrap.append(table(["Berkas", "Uji", "Alasan"], failures.map((f) => [f.file, f.test, f.reason])));
      }
      result(wrap);
      status("Uji selesai", failures.length === 0);
    } catch (e) { status("Uji gagal: " + e.message, false); } finally { busy(false); }
  }

  async function backtest() {
    const body = candidate(); if (!body) { return; }
    busy(true);
    status("Backtest berjalan…");
    try {
      const month = document.body.dataset.month || new Date().toISOString().slice(0, 7);
      const r = await call("POST", API.backtest(), Object.assign(body, { from: month, to: month, limit: 50 }));
      if (r.valid === false) { showIssues(r.issues); status("Backtest tidak dapat dijalankan: aturan tidak valid", false); return; }
      const wrap = el("div");
      wrap.append(el("p", null, "Backtest " + (r.periods || []).join(", ") + ": " + nf.format(r.snapshots || 0) + " snapshot · ")
        , el("p", null, ""));
      const summary = wrap.lastChild;
      summary.append(el("span", "gained", "+" + nf.format(r.gained || 0) + " bertambah"), document.createTextNode(" · "),
        el("span", "lost", "−" + nf.format(r.lost || 0) + " berkurang"), document.createTextNode(" · " + nf.format(r.changed || 0) + " berubah"));
      wrap.append(table(["Alur", "Kode", "Jenis", "Bertambah", "Berkurang", "Berubah"],
        (r.byCode || []).map((c) => [c.workflow, c.code, c.kind, nf.format(c.gained), nf.format(c.lost), nf.format(c.changed)])));
      if ((r.affected || []).length) {
        wrap.append(el("h2", null, "Pegawai terdampak"));
        wrap.append(table(["Subjek", "Unit", "Bertambah", "Berkurang"], r.affected.map((a) => [a.name ? a.name + " (" + a.subject + ")" : a.subject, a.unitId || "—", (a.gained || []).join(", "), (a.lost || []).join(", ")])));
      }
      result(wrap);
      document.dispatchEvent(new CustomEvent("aturan:backtest", { detail: r }));
      status("Backtest selesai", true);
    } catch (e) { status("Backtest gagal: " + e.message, false); } finally { busy(false); }
  }

  // "Berlaku mulai": the month a publish takes effect from (default and earliest: the current month, data-effective);
  // an earlier month only with "Evaluasi ulang bulan yang sudah ditutup" ticked (the server checks the same)
  const currentMonth = document.body.dataset.effective || new Date().toISOString().slice(0, 7);
  const monthInput = $("berlaku-mulai");
  monthInput.value = currentMonth;
  function syncMonthMin() { monthInput.min = $("evaluasi-ulang").checked ? "" : currentMonth; }
  $("evaluasi-ulang").addEventListener("change", syncMonthMin);
  syncMonthMin();

  function monthLabel(m) {
    if (!m) { return "—"; }
    if (m === "0001-01") { return "semua bulan"; }
    const [y, mo] = m.split("-").map(Number);
    return new Intl.DateTimeFormat("id-ID", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, mo - 1, 1)));
  }

  async function publish() {
    const body = candidate(); if (!body) { return; }
    const note = $("catatan").value.trim();
    if (!note) { status("Tulis catatan perubahan sebelum menerbitkan", false); $("catatan").focus(); return; }
    const effectiveFrom = monthInput.value || currentMonth;
    const reevaluateClosedMonths = $("evaluasi-ulang").checked;
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(effectiveFrom)) { status("Bulan berlaku tidak dikenali", false); monthInput.focus(); return; }
    if (effectiveFrom < currentMonth && !reevaluateClosedMonths) {
      status("Bulan berlaku " + monthLabel(effectiveFrom) + " sudah lewat: centang evaluasi ulang bulan yang sudah ditutup", false);
      monthInput.focus();
      return;
    }
    busy(true);
    try {
      const r = await call("POST", API.publish(), Object.assign(body, { note, author, effectiveFrom, reevaluateClosedMonths }));
      if (r.published === false || (r.issues && r.issues.length)) {
        showIssues(r.issues || []);
        status("Tidak diterbitkan: aturan tidak valid", false);
        return;
      }
      if (r.status === "pending") {
        // four-eyes (Kinerja:Rules:RequireSecondApprover): another HR/admin account approves it (aturan-riwayat.js)
        $("catatan").value = "";
        document.dispatchEvent(new CustomEvent("aturan:diajukan", { detail: r }));
        status("Menunggu persetujuan akun SDM/admin lain (pengajuan #" + r.id + ")", true);
        return;
      }
      const versions = (r.versions || []).map((v) => v.workflow + " v" + v.version).join(", ");
      $("catatan").value = "";
      await loadWorkflows();
      if (current) { await select(current); }
      showIssues([]);
      const closed = (r.reevaluatedMonths || []).length ? " · dievaluasi ulang: " + r.reevaluatedMonths.join(", ") : "";
      status("Diterbitkan: " + (versions || "tidak ada perubahan") + (versions ? ", berlaku mulai " + monthLabel(r.effectiveFrom) : "") + closed, true);
    } catch (e) { status("Penerbitan gagal: " + e.message, false); } finally { busy(false); }
  }

  async function rollback(version) {
    if (!current) { return; }
    const note = $("catatan").value.trim() || "Kembali ke versi " + version;
    busy(true);
    try {
      const r = await call("POST", API.rollback(), { workflow: current, version, note, author });
      if (r.published === false) { showIssues(r.issues || []); status("Rollback ditolak", false); return; }
      await loadWorkflows();
      await select(current);
      status("Dikembalikan ke v" + version, true);
    } catch (e) { status("Rollback gagal: " + e.message, false); } finally { busy(false); }
  }

  $("btn-validasi").addEventListener("click", validate);
  $("btn-uji").addEventListener("click", runTests);
  $("btn-backtest").addEventListener("click", backtest);
  $("btn-terbit").addEventListener("click", publish);
  loadWorkflows();
})();
