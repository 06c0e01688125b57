// /tindak-lanjut: HR's list of every follow-up item of a region, filtered by unit, state and overdue
// (GET /api/v1/followups?region=&unit=&state=&overdue=). HR of the region may move any item, including those marked
// perlu_ditinjau after a rule change.
"use strict";
(function () {
  const TL = window.TindakLanjut;
  const $ = (id) => document.getElementById(id);
  async function load() {
    const q = new URLSearchParams();
    q.set("region", $("saring-wilayah").value);
    if ($("saring-unit").value) { q.set("unit", $("saring-unit").value); }
    if ($("saring-status").value) { q.set("state", $("saring-status").value); }
    if ($("saring-terlambat").checked) { q.set("overdue", "true"); }
    const items = await TL.fill("daftar-tindak-lanjut", "/api/v1/followups?" + q.toString(), { showUnit: true },
      "Tidak ada tindak lanjut yang cocok dengan saringan.");
    $("jumlah-tindak-lanjut").textContent = String(items.length);
  }
  async function units() {
    const r = await TL.call("GET", "/api/v1/units?region=" + encodeURIComponent($("saring-wilayah").value));
    const select = $("saring-unit");
    const first = document.createElement("option");
    first.value = ""; first.textContent = "Semua unit";
    select.replaceChildren(first);
    for (const u of (r.ok && Array.isArray(r.body) ? r.body : [])) {
      const o = document.createElement("option");
      o.value = u.id; o.textContent = u.name;
      select.append(o);
    }
  }
  $("saring").addEventListener("submit", (e) => e.preventDefault());
  $("saring").addEventListener("change", (e) => { if (e.target.id === "saring-wilayah") { units().then(load); } else { load(); } });
  units().then(load);
})();
