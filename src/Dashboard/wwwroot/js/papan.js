// Leader board (/papan/{region} and /papan/{region}/{unit}): headline numbers, ranking,
// trigger feed, kiosk rotation through units.
"use strict";
(function () {
  const K = window.Kinerja;
  const { fmt, text, width, $ } = K;
  const kiosk = document.body.dataset.kiosk === "1";
  const rotateSeconds = Number(document.body.dataset.rotate || 20);
  const region = document.body.dataset.region;
  const predikatNames = ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"];
  const predikatLabel = { ISTIMEWA: "Istimewa", BAIK: "Baik", BUTUH_PERBAIKAN: "Butuh Perbaikan", KURANG: "Kurang", SANGAT_KURANG: "Sangat Kurang" };
  let units = [];
  let spot = 0;

  // workingDay false: a weekend or holiday of the region, so today's low filing and attendance are no shortfall.
  function headline(f, workingDay) {
    const libur = workingDay ? "" : "Hari libur · ";
    text("kpi-pengisian-nilai", fmt.pct(f.filingRateToday));
    width("kpi-pengisian-bar", f.filingRateToday);
    text("kpi-pengisian-sub", libur + fmt.int(f.filedToday) + " dari " + fmt.int(f.employeeCount) + " pegawai melapor");
    text("kpi-menit-nilai", fmt.pct(f.activityPct));
    width("kpi-menit-bar", f.activityPct);
    text("kpi-menit-sub", fmt.int(f.activityMinutes) + " / " + fmt.int(f.activityTargetMinutes) + " menit disetujui"
      + (f.activityMinutesPending ? " · " + fmt.int(f.activityMinutesPending) + " menunggu" : ""));
    text("kpi-hadir-nilai", fmt.pct(f.attendanceRateToday));
    width("kpi-hadir-bar", f.attendanceRateToday);
    const a = f.attendanceToday;
    if (a) {
      text("kpi-hadir-sub", libur + "Terlambat " + fmt.int(a.terlambat) + " · Izin/sakit/cuti " + fmt.int(a.izin + a.sakit + a.cuti)
        + " · Tanpa ket. " + fmt.int(a.tanpaKeterangan) + " · Belum " + fmt.int(a.belumTercatat));
    }
    text("kpi-ikm-nilai", fmt.dec2(f.ikm));
    width("kpi-ikm-bar", f.ikm === null ? 0 : f.ikm);
    text("kpi-ikm-sub", f.ikmBand ? "Mutu " + f.ikmBand + " · " + ({ A: "Sangat Baik", B: "Baik", C: "Kurang Baik", D: "Tidak Baik" }[f.ikmBand] || "") : "Belum ada survei bulan ini");
    const p = f.predikat;
    if (p) {
      const shares = [p.sangatBaikPct, p.baikPct, p.butuhPerbaikanPct, p.kurangMisconductPct, p.sangatKurangPct];
      document.querySelectorAll("#kurva span").forEach((el, i) => { el.style.width = (p.ratedCount ? shares[i] : 0) + "%"; el.title = predikatNames[i] + " " + fmt.pct(shares[i]); });
      text("kpi-predikat-sub", p.ratedCount
        ? "SB " + fmt.pct(p.sangatBaikPct) + " · B " + fmt.pct(p.baikPct) + " · BP " + fmt.pct(p.butuhPerbaikanPct)
          + " · K " + fmt.pct(p.kurangMisconductPct) + " · SK " + fmt.pct(p.sangatKurangPct) + " (" + fmt.int(p.ratedCount) + " dinilai)"
        : "Belum ada predikat periode ini");
    }
  }

  function score(u) { return (u.filingRateToday || 0) * 0.5 + Math.min(100, u.activityPct || 0) * 0.3 + (u.attendanceRateToday || 0) * 0.2; }

  function rankItem(u) {
    const li = document.createElement("li");
    const a = document.createElement(kiosk ? "span" : "a");
    if (!kiosk) { a.href = "/papan/" + encodeURIComponent(region) + "/" + encodeURIComponent(u.unitId); }
    a.className = "name";
    a.textContent = u.name;
    const s = document.createElement("span");
    s.className = "num";
    s.textContent = fmt.pct(u.filingRateToday) + " lapor · " + fmt.pct(u.activityPct) + " target";
    li.append(a, s);
    return li;
  }

  function ranking(list) {
    const best = $("terbaik"), low = $("terendah");
    if (!best || !low) { return; }
    const sorted = list.filter((u) => !u.suppressed && u.employeeCount > 0).sort((x, y) => score(y) - score(x));
    best.replaceChildren(...sorted.slice(0, 3).map(rankItem));
    low.replaceChildren(...sorted.slice(-3).reverse().filter((u) => !sorted.slice(0, 3).includes(u)).map(rankItem));
  }

  function spotlight() {
    if (!kiosk || units.length === 0 || !$("sorotan-isi")) { return; }
    const u = units[spot % units.length];
    text("sorotan-nama", u.name);
    const rows = [["Pengisian hari ini", fmt.pct(u.filingRateToday)], ["Capaian menit", fmt.pct(u.activityPct)],
      ["Kehadiran", fmt.pct(u.attendanceRateToday)], ["IKM", fmt.dec2(u.ikm)], ["Predikat unit", predikatLabel[u.predikat] || "—"]];
    $("sorotan-isi").replaceChildren(...rows.flatMap(([k, v]) => {
      const dt = document.createElement("dt"); dt.textContent = k;
      const dd = document.createElement("dd"); dd.textContent = v;
      return [dt, dd];
    }));
  }

  function feedItem(t) {
    const li = document.createElement("li");
    li.className = "kind-" + t.kind.toLowerCase();
    li.dataset.id = String(t.id);
    const badge = document.createElement("span"); badge.className = "badge"; badge.textContent = t.kindLabel;
    const what = document.createElement("span"); what.className = "what"; what.textContent = t.code.replace(/_/g, " ").toLowerCase();
    const who = document.createElement("span"); who.className = "who";
    who.textContent = (t.employeeName ? t.employeeName + " · " : "") + t.unitName;
    const when = document.createElement("time"); when.dateTime = t.firedAt; when.textContent = fmt.time(new Date(t.firedAt));
    li.append(badge, what, who, when);
    return li;
  }

  function trigger(p) {
    const feed = $("umpan");
    if (!feed) { return; }
    if (p.initial) {
      feed.replaceChildren(...(p.items.length ? p.items.map(feedItem) : [emptyFeed()]));
      return;
    }
    feed.querySelectorAll("li.empty").forEach((e) => e.remove());
    for (const t of p.items.slice().reverse()) {
      if (feed.querySelector('li[data-id="' + t.id + '"]')) { continue; }
      const li = feedItem(t);
      li.classList.add("new");
      feed.prepend(li);
    }
    while (feed.children.length > 30) { feed.lastElementChild.remove(); }
  }

  function emptyFeed() {
    const li = document.createElement("li"); li.className = "empty";
    li.textContent = "Belum ada penghargaan, pembinaan, atau sanksi.";
    return li;
  }

  K.start({
    indicators: (p) => {
      headline(p.figures, p.workingDay);
      if (p.group.startsWith("region:")) {
        units = p.units.slice().sort((a, b) => a.name.localeCompare(b.name, "id"));
        ranking(p.units);
        spotlight();
      }
      document.body.dataset.version = String(p.version);
    },
    trigger,
  });
  // Kiosk: four charts at a time (two rows fit a 16:9 screen), moving on two charts each turn.
  const figures = Array.from(document.querySelectorAll(".charts figure"));
  let page = 0;
  function chartPage() {
    if (!kiosk || figures.length <= 4) { return; }
    const start = (page * 2) % figures.length;
    const shown = new Set([0, 1, 2, 3].map((i) => (start + i) % figures.length));
    figures.forEach((f, i) => f.classList.toggle("off", !shown.has(i)));
  }
  chartPage();
  if (kiosk) {
    setInterval(() => { spot++; page++; spotlight(); chartPage(); }, rotateSeconds * 1000);
    document.addEventListener("click", () => { if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen().catch(() => {}); } }, { once: true });
  }
})();
