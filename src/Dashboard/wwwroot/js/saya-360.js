// /saya: the 360 rating form for the people the period's rating plan names (GET /api/v1/me/ratings/plan),
// one score 1-5 per BerAKHLAK aspect, posted to POST /api/v1/me/ratings with ids kept until the server acked.
"use strict";
(function () {
  const S = window.Saya;
  const { $, el } = S;
  const relation = { atasan: "Bawahan langsung Anda", rekan: "Rekan kerja", bawahan: "Atasan langsung Anda" };
  const reason = { rateeNip: "Orang ini tidak ada dalam rencana penilaian Anda.", aspect: "Aspek ini tidak dapat dinilai.",
    score: "Nilai harus 1 sampai 5.", period: "Periode penilaian tidak valid.", eventId: "Kode kiriman tidak valid; muat ulang halaman.",
    "": "Aspek ini sudah Anda nilai pada periode ini." };
  const pending = new Map(); // "nip|aspect|period" -> eventId, until acked

  function key(nip, aspect, period) { return nip + "|" + aspect + "|" + period; }

  function idFor(k) {
    if (!pending.has(k)) { pending.set(k, crypto.randomUUID ? crypto.randomUUID() : fallbackId()); }
    return pending.get(k);
  }
  function fallbackId() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function ratee(plan, r) {
    const box = el("form", "dinilai");
    box.noValidate = true;
    box.dataset.nip = r.nip;
    const head = el("div", "kepala");
    head.append(el("strong", "", r.name), el("span", "meta", relation[r.role] || r.role));
    box.append(head);
    if (r.remainingAspects.length === 0) {
      box.append(el("p", "pesan ok", "Semua aspek sudah Anda nilai."));
      return box;
    }
    for (const aspect of r.remainingAspects) {
      const row = el("div", "aspek");
      const id = "n-" + r.nip + "-" + aspect;
      const label = el("label", "", S.aspectLabel[aspect] || aspect);
      label.htmlFor = id;
      const select = el("select");
      select.id = id;
      select.name = aspect;
      select.append(el("option", "", "—"));
      select.firstChild.value = "";
      for (let v = 1; v <= 5; v++) {
        const o = el("option", "", String(v));
        o.value = String(v);
        select.append(o);
      }
      row.append(label, select, el("p", "galat"));
      box.append(row);
    }
    const button = el("button", "utama", "Kirim penilaian");
    button.type = "submit";
    const note = el("p", "pesan");
    note.setAttribute("role", "status");
    box.append(button, note);
    box.addEventListener("submit", (ev) => { ev.preventDefault(); send(plan, r, box, button, note); });
    return box;
  }

  async function send(plan, r, box, button, note) {
    if (button.disabled) { return; }
    const items = [];
    box.querySelectorAll("select").forEach((s) => {
      s.nextElementSibling.textContent = "";
      if (s.value) {
        items.push({ eventId: idFor(key(r.nip, s.name, plan.period)), rateeNip: r.nip, aspect: s.name, score: Number(s.value), period: plan.period });
      }
    });
    if (items.length === 0) {
      note.textContent = "Pilih nilai untuk sedikitnya satu aspek.";
      note.className = "pesan salah";
      return;
    }
    button.disabled = true;
    button.textContent = "Mengirim…";
    try {
      let res;
      try { res = await S.call("POST", "/api/v1/me/ratings", items); } catch { res = { ok: false, status: 0, body: null }; }
      if (!res.ok || !res.body || !res.body.items) {
        note.textContent = S.httpProblem(res);
        note.className = "pesan salah";
        return;
      }
      let rejected = 0;
      res.body.items.forEach((it) => {
        const item = items[it.index];
        if (it.status === "rejected") {
          rejected++;
          pending.delete(key(item.rateeNip, item.aspect, item.period));
          const select = box.querySelector('select[name="' + CSS.escape(item.aspect) + '"]');
          if (select) { select.nextElementSibling.textContent = it.errors.map((e) => reason[e.field] || reason[""]).join(" "); }
        } else {
          pending.delete(key(item.rateeNip, item.aspect, item.period));
        }
      });
      note.textContent = rejected ? "Sebagian penilaian ditolak; lihat keterangan di aspeknya." : "Penilaian terkirim. Terima kasih.";
      note.className = "pesan " + (rejected ? "salah" : "ok");
      if (!rejected) { await S.refresh([load]); }
    } finally {
      button.disabled = false;
      button.textContent = "Kirim penilaian";
    }
  }

  async function load() {
    const r = await S.call("GET", "/api/v1/me/ratings/plan?period=" + encodeURIComponent(S.period()));
    if (!r.ok) { throw new Error("plan " + r.status); }
    const plan = r.body;
    const box = $("isi-360");
    box.replaceChildren(...(plan.ratees.length ? plan.ratees.map((x) => ratee(plan, x))
      : [el("p", "kosong", "Tidak ada orang yang Anda nilai pada periode ini.")]));
  }

  S.listeners.extraLoads.push(load);
})();
