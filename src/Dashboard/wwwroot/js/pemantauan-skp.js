// /pemantauan-skp: per unit, who has no approved SKP, whose realisation and whose assessment is late, with names;
// from GET /api/v1/skp/monitoring, re-read on every SKP or follow-up hint of the region's board group.
"use strict";
(function () {
  const K = window.Kinerja;
  const P = window.KinerjaPanels;
  const { fmt } = K;
  const region = document.body.dataset.region;
  const unit = document.body.dataset.unit;
  const statusLabel = { terlambat: "terlambat", tertunggak: "belum ada", tepat_waktu: "tepat waktu", belum_jatuh_tempo: "belum jatuh tempo" };
  const planLabel = { draft: "draf", diajukan: "diajukan", dikembalikan: "dikembalikan", disetujui: "disetujui" };

  function list(title, people, line) {
    const box = document.createElement("div");
    box.className = "daftar";
    const h = document.createElement("h4"); h.textContent = title + " (" + people.length + ")";
    const ol = document.createElement("ol");
    for (const p of people) {
      const li = document.createElement("li"); li.dataset.nip = p.nip;
      li.textContent = p.name + " · " + p.nip + " · " + line(p);
      ol.append(li);
    }
    if (!people.length) { const li = document.createElement("li"); li.className = "kosong"; li.textContent = "Tidak ada"; ol.append(li); }
    box.append(h, ol);
    return box;
  }

  async function refresh() {
    const m = await P.json("/api/v1/skp/monitoring?regionId=" + encodeURIComponent(region) + (unit ? "&unitId=" + encodeURIComponent(unit) : ""));
    document.getElementById("pantau-periode").textContent = "SKP " + m.year + " · periode " + P.period(m.period) + " · batas realisasi "
      + P.day(m.realisationDue) + " · batas penilaian " + P.day(m.assessmentDue) + " · per " + P.day(m.today);
    document.getElementById("tabel-pantau").tBodies[0].replaceChildren(...m.units.map((u) =>
      P.row([u.name, fmt.int(u.employees), fmt.int(u.withoutPlan), fmt.int(u.lateRealisationCount), fmt.int(u.lateAssessmentCount)], u.unitId)));
    document.getElementById("rincian-pantau").replaceChildren(...m.units.filter((u) => u.withoutPlan || u.lateRealisationCount || u.lateAssessmentCount)
      .map((u) => {
        const sec = document.createElement("section");
        sec.className = "panel unit-pantau"; sec.dataset.unit = u.unitId;
        const h = document.createElement("h3"); h.textContent = u.name;
        sec.append(h,
          list("Belum ada SKP disetujui", u.noPlan, (p) => p.planStatus ? "rencana " + (planLabel[p.planStatus] || p.planStatus) : "belum menyusun"),
          list("Realisasi terlambat", u.lateRealisations, (p) => statusLabel[p.realisation] || p.realisation),
          list("Penilaian atasan terlambat", u.lateAssessments, (p) => (p.superiorName ? "atasan " + p.superiorName + " · " : "")
            + (statusLabel[p.assessment] || p.assessment)));
        return sec;
      }));
    document.body.dataset.loaded = String(Date.now());
  }

  const pick = document.getElementById("pilih-unit");
  if (pick) { pick.addEventListener("change", () => pick.form.submit()); }
  K.start({});
  P(refresh);
})();
