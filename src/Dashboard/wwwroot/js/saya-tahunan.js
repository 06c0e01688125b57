// /saya: the annual predicate (issue 19, annual evaluation). The rules store it per year (period YYYY) when a month
// closes: the year so far ("sementara") during the year, final once December is closed. Read from GET /api/v1/me?period=YYYY.
"use strict";
(function () {
  const S = window.Saya;
  const { $, el } = S;
  const label = { SANGAT_BAIK: "Sangat Baik", BAIK: "Baik", BUTUH_PERBAIKAN: "Butuh Perbaikan", KURANG_MISCONDUCT: "Kurang/Misconduct",
    SANGAT_KURANG: "Sangat Kurang" };

  async function predikat(year) {
    const r = await S.call("GET", "/api/v1/me?period=" + year);
    return r.ok && r.body && r.body.snapshot ? r.body.snapshot.predikat || null : null;
  }

  async function load() {
    const card = $("predikat");
    if (!card) { return; }
    const year = Number(String(S.today()).slice(0, 4));
    const [last, current] = await Promise.all([predikat(year - 1), predikat(year)]);
    const dl = el("dl", "pasangan");
    dl.id = "predikat-tahunan";
    if (last) { dl.append(el("dt", "", "Predikat tahunan " + (year - 1)), el("dd", "", label[last] || last)); }
    dl.append(el("dt", "", "Predikat tahunan " + year + " (sementara)"),
      el("dd", "", current ? label[current] || current : "Belum dihitung (dihitung setiap akhir bulan)"));
    const old = $("predikat-tahunan");
    if (old) { old.replaceWith(dl); } else { card.append(el("h3", "", "Predikat tahunan"), dl); }
  }

  load().catch(() => { /* the monthly card stays as it is */ });
})();
