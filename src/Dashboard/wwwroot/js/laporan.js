// /laporan: HR and leaders request documents (TPP recap XLSX, evaluation PDF, unit report PDF) through window.Laporan.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const form = $("form-laporan");
  const kind = $("laporan-jenis");
  const region = $("laporan-wilayah");
  const unit = $("laporan-unit");
  const nip = $("laporan-nip");
  const period = $("laporan-periode");

  async function loadUnits() {
    unit.replaceChildren(new Option("Seluruh wilayah (satu lembar per unit)", ""));
    let r;
    try { r = await fetch("/api/v1/units?region=" + encodeURIComponent(region.value), { credentials: "same-origin" }); } catch { return; }
    if (!r.ok) { return; }
    for (const u of await r.json()) { unit.append(new Option(u.name, u.id)); }
  }

  function sync() {
    $("baris-nip").hidden = kind.value !== "evaluation";
    $("baris-unit").hidden = kind.value === "evaluation";
    unit.options[0].disabled = kind.value === "unit";
    if (kind.value === "unit" && unit.value === "" && unit.options.length > 1) { unit.selectedIndex = 1; }
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const body = { kind: kind.value, period: period.value.trim() };
    if (kind.value === "evaluation") { body.nip = nip.value.trim(); }
    else if (unit.value) { body.unitId = unit.value; }
    else { body.regionId = region.value; }
    const row = document.createElement("li");
    const label = document.createElement("span");
    label.textContent = kind.options[kind.selectedIndex].text + " · " + (body.nip || body.unitId || body.regionId) + " · " + body.period + " — ";
    const status = document.createElement("span");
    row.append(label, status);
    $("daftar-laporan").prepend(row);
    window.Laporan.request(body, status);
  });
  kind.addEventListener("change", sync);
  region.addEventListener("change", () => loadUnits().then(sync));
  loadUnits().then(sync);
})();
