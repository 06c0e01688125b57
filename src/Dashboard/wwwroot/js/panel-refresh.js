// Shared by the panels that read their own APIs (papan-skp, papan-tindak-lanjut, publik-skp, pemantauan-skp): run
// `refresh` now, on every "Panels" hint and new trigger of the group (live.js), when the board's data version changes,
// and every minute; hints close together are read once.
"use strict";
window.KinerjaPanels = function (refresh) {
  let pending = null;
  let running = false;
  let again = false;
  async function run() {
    if (running) { again = true; return; }
    running = true;
    try { await refresh(); } catch (e) { console.warn("Panel refresh failed", e); }
    running = false;
    if (again) { again = false; soon(); }
  }
  function soon() { clearTimeout(pending); pending = setTimeout(run, 250); }
  document.addEventListener("kinerja:panels", soon);
  document.addEventListener("kinerja:trigger", soon);
  // the refresh tick re-sends the same version: only a new one means new figures
  let version = document.body.dataset.version;
  new MutationObserver(function () {
    if (document.body.dataset.version !== version) { version = document.body.dataset.version; soon(); }
  }).observe(document.body, { attributes: true, attributeFilter: ["data-version"] });
  setInterval(run, 60000);
  run();
};

window.KinerjaPanels.json = async function (url) {
  const r = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (!r.ok) { throw new Error(url + " answered " + r.status); }
  return r.json();
};

// "2026-11" → "November 2026", "2026-Q1" → "Triwulan I 2026"; "2026-12-05" → "5 Desember 2026".
window.KinerjaPanels.period = function (key) {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) { return "Triwulan " + ["I", "II", "III", "IV"][Number(q[2]) - 1] + " " + q[1]; }
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m) { return key; }
  return new Intl.DateTimeFormat("id-ID", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
};
window.KinerjaPanels.day = function (iso) {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!d) { return "—"; }
  return new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]))));
};

// A table row of cells; the first cell is the unit's name.
window.KinerjaPanels.row = function (cells, unitId) {
  const tr = document.createElement("tr");
  if (unitId) { tr.dataset.unit = unitId; }
  for (const v of cells) { const td = document.createElement("td"); td.textContent = v; tr.append(td); }
  return tr;
};
