// /saya: own rewards, coaching and sanctions (GET /api/v1/me/triggers) with their "why": the rule version that fired,
// the rule's text in that version and the values it read. Rule text is HR's and shown as text.
"use strict";
(function () {
  const S = window.Saya;
  const { $, el } = S;
  const kindLabel = { REWARD: "Penghargaan", COACHING: "Pembinaan", SANCTION: "Sanksi" };
  // firedAt is UTC, with or without its "Z".
  function when(s) {
    const d = new Date(s + (/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? "" : "Z"));
    return S.fmt.day(S.localDay(d)) + " " + S.localDay(d).slice(0, 4) + ", " + S.fmt.time(d);
  }

  function inputs(text) {
    let values;
    try { values = JSON.parse(text || "{}"); } catch { values = {}; }
    const dl = el("dl", "pasangan masukan");
    for (const [k, v] of Object.entries(values)) {
      dl.append(el("dt", "", k), el("dd", "", typeof v === "number" ? S.fmt.dec2(v).replace(/,00$/, "") : JSON.stringify(v)));
    }
    return dl;
  }

  function item(t) {
    const li = el("li", "tindak jenis-" + String(t.kind).toLowerCase());
    li.dataset.id = String(t.id);
    const head = el("div", "kepala");
    head.append(el("span", "lencana", kindLabel[t.kind] || t.kind), el("strong", "", String(t.code).replace(/_/g, " ").toLowerCase()),
      el("span", "meta", "Periode " + t.period + " · " + when(t.firedAt)));
    const why = el("details", "mengapa");
    why.append(el("summary", "", "Mengapa?"));
    why.append(el("p", "meta", "Aturan " + t.rule + " dari alur kerja " + t.workflow + " versi " + t.version + "."));
    const x = t.explanation;
    if (x && x.description) { why.append(el("p", "", x.description)); }
    if (x && x.expression) { why.append(el("p", "ekspresi", x.expression)); }
    why.append(el("p", "meta", "Nilai yang dibaca aturan:"), inputs(t.inputs));
    li.append(head, why);
    return li;
  }

  async function load() {
    const r = await S.call("GET", "/api/v1/me/triggers");
    if (!r.ok) { throw new Error("triggers " + r.status); }
    $("daftar-tindak").replaceChildren(...(r.body.length ? r.body.map(item)
      : [S.empty("Belum ada penghargaan, pembinaan, atau sanksi untuk Anda.")]));
  }

  S.listeners.extraLoads.push(load);
  // A rules evaluation that fires for this employee changes their snapshot; the snapshot push is the cue.
  S.listeners.snapshot.push(() => S.refresh([load]));
})();
