// The board's follow-up panel (BoardFollowUpPanel): per unit this month, follow-ups done on time, overdue and coaching
// completed; from GET /api/v1/board/units (followUps), kept live by panel-refresh.js.
"use strict";
(function () {
  const panel = document.getElementById("panel-tindak-lanjut");
  if (!panel) { return; }
  const P = window.KinerjaPanels;
  const { fmt } = window.Kinerja;
  const unit = panel.dataset.unit;
  const region = document.body.dataset.region;

  P(async function () {
    const b = await P.json("/api/v1/board/units?regionId=" + encodeURIComponent(region));
    document.getElementById("tl-periode").textContent = "Tindak lanjut " + P.period(b.followUpPeriod);
    const rows = b.units.filter((u) => !unit || u.unitId === unit).map((u) => {
      const tr = P.row([u.name, fmt.int(u.followUps.doneOnTime), fmt.int(u.followUps.overdue), fmt.int(u.followUps.coachingDone)], u.unitId);
      if (u.followUps.overdue > 0) { tr.classList.add("lewat"); }
      return tr;
    });
    document.getElementById("tabel-tindak-lanjut").tBodies[0].replaceChildren(...rows);
    panel.dataset.loaded = String(Date.now());
  });
})();
