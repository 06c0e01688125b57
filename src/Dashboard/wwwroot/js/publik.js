// Public transparency display (/publik/{region}): unit aggregates only, "—" for small units.
"use strict";
(function () {
  const K = window.Kinerja;
  const { fmt, text, width, $ } = K;
  K.start({
    indicators: (p) => {
      const f = p.figures;
      text("kpi-pengisian-nilai", fmt.pct(f.filingRateToday));
      width("kpi-pengisian-bar", f.filingRateToday);
      text("kpi-pengisian-sub", (p.workingDay ? "" : "Hari libur · ") + "dari " + fmt.int(f.employeeCount) + " pegawai");
      text("kpi-hadir-nilai", fmt.pct(f.attendanceRateToday));
      width("kpi-hadir-bar", f.attendanceRateToday);
      text("kpi-hadir-sub", p.workingDay ? "\u00a0" : "Hari libur: tidak ada jadwal masuk");
      text("kpi-menit-nilai", fmt.pct(f.activityPct));
      width("kpi-menit-bar", f.activityPct);
      text("kpi-menit-sub", "menit kerja disetujui terhadap target");
      text("kpi-ikm-nilai", fmt.dec2(f.ikm));
      width("kpi-ikm-bar", f.ikm === null ? 0 : f.ikm);
      text("kpi-ikm-sub", f.ikmBand
        ? "Mutu pelayanan " + f.ikmBand + " · " + fmt.int(f.ikmRespondents) + " responden"
        : (f.ikmRespondents ? fmt.int(f.ikmRespondents) + " responden (terlalu sedikit untuk ditampilkan)" : "Belum ada survei bulan ini"));
      const rows = p.units.slice().sort((a, b) => a.name.localeCompare(b.name, "id")).map((u) => {
        const tr = document.createElement("tr");
        if (u.suppressed) { tr.className = "suppressed"; }
        for (const v of [u.name, fmt.pct(u.filingRateToday), fmt.pct(u.attendanceRateToday), fmt.dec2(u.ikm)]) {
          const td = document.createElement("td"); td.textContent = v; tr.append(td);
        }
        return tr;
      });
      $("tabel-unit").tBodies[0].replaceChildren(...rows);
    },
  });
})();
