// Rules console (/aturan): what HR reads before and after publishing. The backtest's predicate changes and
// gained/lost triggers per unit (table and bar chart, from the report aturan.js received), and each stored
// version's change as parameters and table rows (formDiffFromPrevious of GET /api/v1/rules/{wf}/versions/{n}), and the
// publishes waiting for a second approver (four-eyes: GET /api/v1/rules/pending, approve/reject).
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const nf = new Intl.NumberFormat("id-ID");
  const CHANGE = { added: "ditambah", removed: "dihapus", changed: "diubah", enabled: "diaktifkan", disabled: "dinonaktifkan", moved: "dipindah" };
  const SVG = "http://www.w3.org/2000/svg";

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function table(headers, rows, id) {
    const t = el("table");
    if (id) { t.id = id; }
    const h = el("tr");
    headers.forEach((x) => h.append(el("th", null, x)));
    const thead = el("thead"); thead.append(h); t.append(thead);
    const tb = el("tbody");
    rows.forEach((r) => { const tr = el("tr"); r.forEach((c) => tr.append(el("td", null, c))); tb.append(tr); });
    t.append(tb);
    return t;
  }

  // Horizontal bars per unit: gained (green) and lost (red) triggers, changed predicates (blue).
  function chart(units) {
    const max = Math.max(1, ...units.map((u) => Math.max(u.gained, u.lost, u.predikat)));
    const rowH = 22, labelW = 150, barW = 360, h = units.length * rowH * 3 + 10;
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + (labelW + barW + 60) + " " + h);
    svg.setAttribute("class", "unit-chart");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Perubahan per unit");
    units.forEach((u, i) => {
      const y0 = i * rowH * 3 + 4;
      const text = document.createElementNS(SVG, "text");
      text.setAttribute("x", 0); text.setAttribute("y", y0 + rowH);
      text.textContent = u.unit;
      svg.append(text);
      [["predikat", "bar-predikat"], ["gained", "bar-gained"], ["lost", "bar-lost"]].forEach(([k, cls], j) => {
        const r = document.createElementNS(SVG, "rect");
        r.setAttribute("x", labelW); r.setAttribute("y", y0 + j * (rowH - 4));
        r.setAttribute("width", Math.max(1, (u[k] / max) * barW)); r.setAttribute("height", rowH - 8);
        r.setAttribute("class", cls);
        const v = document.createElementNS(SVG, "text");
        v.setAttribute("x", labelW + Math.max(1, (u[k] / max) * barW) + 4); v.setAttribute("y", y0 + j * (rowH - 4) + rowH - 10);
        v.textContent = nf.format(u[k]);
        svg.append(r, v);
      });
    });
    return svg;
  }

  document.addEventListener("aturan:backtest", (e) => {
    const r = e.detail;
    const box = el("section", "per-unit");
    box.id = "backtest-per-unit";
    const changes = r.predikatChangesByUnit || [];
    const total = changes.reduce((s, c) => s + c.count, 0);
    box.append(el("h2", null, "Perubahan predikat per unit"),
      el("p", total ? "" : "muted", nf.format(total) + " pegawai berubah predikat"));
    if (changes.length) {
      box.append(table(["Unit", "Dari", "Menjadi", "Pegawai"], changes.map((c) => [c.unitId || "—", c.from || "—", c.to || "—", nf.format(c.count)]), "tabel-predikat-unit"));
    }
    const units = new Map();
    const unit = (id) => { const k = id || "—"; if (!units.has(k)) { units.set(k, { unit: k, gained: 0, lost: 0, predikat: 0 }); } return units.get(k); };
    for (const u of r.byUnit || []) { const x = unit(u.unitId); x.gained += u.gained; x.lost += u.lost + 0; }
    for (const c of changes) { unit(c.unitId).predikat += c.count; }
    if (units.size) {
      const legend = el("p", "legend");
      legend.append(el("span", "bar-predikat", "■ predikat berubah"), el("span", "gained", " ■ pemicu bertambah"), el("span", "lost", " ■ pemicu berkurang"));
      box.append(legend, chart([...units.values()].slice(0, 20)));
    }
    $("hasil").append(box);
  });

  function describe(diff) {
    const items = [];
    for (const p of (diff && diff.parameters) || []) {
      items.push("Parameter " + p.label + ": " + (p.before ?? "(baru)") + " → " + (p.after ?? "(dihapus)") + (p.unit ? " " + p.unit : ""));
    }
    for (const r of (diff && diff.rows) || []) {
      items.push("Baris " + r.rule + " " + (CHANGE[r.change] || r.change) + (r.change === "moved" ? " " + r.before + " → " + r.after
        : r.change === "changed" ? ": " + r.before + " ⇒ " + r.after : r.after ? ": " + r.after : ""));
    }
    return items;
  }

  document.addEventListener("aturan:dipilih", async (e) => {
    const { workflow, versions } = e.detail;
    const box = $("perubahan-versi");
    box.replaceChildren(el("h2", null, "Perubahan per versi (" + workflow + ")"));
    for (const v of (versions || []).slice(0, 8)) {
      const res = await fetch("/api/v1/rules/" + encodeURIComponent(workflow) + "/versions/" + v.version);
      if (!res.ok) { continue; }
      const d = await res.json();
      const item = el("div", "version-diff");
      item.dataset.version = v.version;
      item.append(el("h3", null, "v" + v.version + (v.note ? " — " + v.note : "")));
      const list = el("ul");
      const lines = v.version === 1 ? ["Versi pertama"] : describe(d.formDiffFromPrevious);
      (lines.length ? lines : ["Tidak ada perubahan parameter atau baris"]).forEach((t) => list.append(el("li", null, t)));
      item.append(list);
      box.append(item);
    }
  });

  async function loadPending() {
    const box = $("menunggu-persetujuan");
    const res = await fetch("/api/v1/rules/pending");
    const list = res.ok ? await res.json() : [];
    box.hidden = list.length === 0;
    box.replaceChildren(el("h2", null, "Menunggu persetujuan kedua"));
    for (const p of list) {
      const item = el("div", "pending-item");
      item.dataset.pending = p.id;
      item.append(el("span", null, "#" + p.id + " " + (p.workflowNames || []).join(", ") + " oleh " + p.author + (p.note ? " — " + p.note : "")
        + " · berlaku mulai " + (p.effectiveFrom || "bulan berjalan saat disetujui") + " "));
      for (const [label, action] of [["Setujui", "approve"], ["Tolak", "reject"]]) {
        const b = el("button", action === "approve" ? "primary" : null, label);
        b.type = "button";
        b.addEventListener("click", async () => {
          const r = await fetch("/api/v1/rules/pending/" + p.id + "/" + action, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
          if (!r.ok) {
            const d = await r.json().catch(() => null);
            item.append(el("p", "msg-err", (d && (d.detail || d.title)) || String(r.status)));
            return;
          }
          location.reload();
        });
        item.append(b);
      }
      box.append(item);
    }
  }

  document.addEventListener("aturan:diajukan", loadPending);
  loadPending();
})();
