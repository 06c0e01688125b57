// The board's SKP panel (BoardSkpPanel): per unit, approved plans, realisations and assessments on time in the last
// closed evaluation period, and IKU attainment; from GET /api/v1/board/units, kept live by panel-refresh.js.
"use strict";
(function () {
  const panel = document.getElementById("panel-skp");
  if (!panel) { return; }
  const P = window.KinerjaPanels;
  const { fmt } = window.Kinerja;
  const unit = panel.dataset.unit;
  const region = document.body.dataset.region;

  // the share in the cell (the side column is narrow), "n dari m pegawai" in its tooltip
  function share(count, pct, of) { return pct === null ? "—" : fmt.pct(pct); }
  function detail(count, of) { return fmt.int(count) + " dari " + fmt.int(of) + " pegawai"; }

  function iku(i) {
    if (!i.ikuCount) { return "Belum ada IKU"; }
    return i.attainmentPct === null ? "Belum ada realisasi" : fmt.pct(i.attainmentPct);
  }

  P(async function () {
    const b = await P.json("/api/v1/board/units?regionId=" + encodeURIComponent(region));
    document.getElementById("skp-periode").textContent = "Rencana " + b.year + " · penilaian " + P.period(b.period)
      + " · batas realisasi " + P.day(b.realisationDue) + ", batas penilaian " + P.day(b.assessmentDue);
    const rows = b.units.filter((u) => !unit || u.unitId === unit).map((u) => P.row([u.name,
      share(u.planApproved, u.planApprovedPct, u.employees),
      share(u.realisationOnTime, u.realisationOnTimePct, u.planApprovedForPeriod),
      share(u.assessmentOnTime, u.assessmentOnTimePct, u.planApprovedForPeriod), iku(u.iku)], u.unitId));
    b.units.filter((u) => !unit || u.unitId === unit).forEach((u, i) => {
      const cells = rows[i].children;
      cells[0].title = u.name;
      cells[1].title = detail(u.planApproved, u.employees);
      cells[2].title = detail(u.realisationOnTime, u.planApprovedForPeriod);
      cells[3].title = detail(u.assessmentOnTime, u.planApprovedForPeriod);
      cells[4].title = u.iku.ikuCount ? u.iku.reported + " dari " + u.iku.ikuCount + " IKU dengan realisasi" : "";
    });
    document.getElementById("tabel-skp").tBodies[0].replaceChildren(...rows);
    panel.dataset.loaded = String(Date.now());
  });
})();
