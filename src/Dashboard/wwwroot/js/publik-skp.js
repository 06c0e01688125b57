// The public display's IKU and follow-up panel (PublicSkpPanel): IKU attainment per unit ("—" below the privacy floor)
// and this month's rewards given and coaching held, counts only; kept live by panel-refresh.js.
"use strict";
(function () {
  const panel = document.getElementById("panel-publik-skp");
  if (!panel) { return; }
  const P = window.KinerjaPanels;
  const { fmt } = window.Kinerja;
  const region = encodeURIComponent(document.body.dataset.region);
  const month = panel.dataset.month;

  P(async function () {
    const [iku, tl] = await Promise.all([
      P.json("/api/v1/public/" + region + "/iku"),
      P.json("/api/v1/public/" + region + "/followups?period=" + encodeURIComponent(month)),
    ]);
    const rows = iku.units.slice().sort((a, b) => a.name.localeCompare(b.name, "id")).map((u) => {
      const v = u.suppressed ? "—" : !u.ikuCount ? "Belum ada IKU" : u.attainmentPct === null ? "Belum ada realisasi" : fmt.pct(u.attainmentPct);
      const tr = P.row([u.name, v]);
      if (u.suppressed) { tr.className = "suppressed"; }
      return tr;
    });
    document.getElementById("tabel-iku").tBodies[0].replaceChildren(...rows);
    document.getElementById("publik-tindak-lanjut").textContent = P.period(tl.period) + ": penghargaan diberikan "
      + fmt.int(tl.rewardsGiven) + " · pembinaan dilaksanakan " + fmt.int(tl.coachingHeld);
    panel.dataset.loaded = String(Date.now());
  });
})();
