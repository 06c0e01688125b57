// The unit board's survey panel (BoardSurveyPanel): NRR bars of u1..u9 with the lowest highlighted, and the complaint
// counts. Reads the unit indicators and the complaint summary; refreshes when the live IKM figure changes and every minute.
"use strict";
(function () {
  const panel = document.getElementById("survei-unsur");
  if (!panel) return;
  const unit = panel.dataset.unit;
  const region = document.body.dataset.region;
  const dec2 = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat("id-ID", { style: "percent", maximumFractionDigits: 0 });
  let pending = null;

  async function json(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    return r.ok ? r.json() : null;
  }

  async function refresh() {
    const [u, s] = await Promise.all([
      json("/api/v1/indicators/unit/" + encodeURIComponent(unit)).catch(() => null),
      json("/api/v1/complaints/summary?regionId=" + encodeURIComponent(region)).catch(() => null),
    ]);
    const elements = u && u.ikmElements ? u.ikmElements : null;
    let lowest = null;
    panel.querySelectorAll("li[data-unsur]").forEach(function (li) {
      const v = elements ? elements[li.dataset.unsur] : null;
      li.querySelector(".nilai").textContent = v == null ? "—" : dec2.format(v);
      li.querySelector(".bar span").style.width = v == null ? "0" : ((v - 1) / 3 * 100).toFixed(1) + "%";
      li.classList.remove("terendah");
      if (v != null && (lowest === null || v < lowest.v)) lowest = { v: v, li: li };
    });
    const note = document.getElementById("unsur-terendah");
    if (lowest) {
      lowest.li.classList.add("terendah");
      note.textContent = "Paling menurunkan IKM: " + lowest.li.querySelector(".nama").textContent + " (" + dec2.format(lowest.v) + ")";
    } else {
      note.textContent = "Belum ada survei bulan ini";
    }
    const c = s && s.units ? s.units.find(function (x) { return x.unitId === unit; }) : null;
    document.getElementById("pengaduan-ringkas").textContent = c
      ? "Pengaduan terbuka: " + c.open + " · dijawab ≤ " + s.answerDays + " hari: "
        + (c.answeredInTimeShare == null ? "—" : pct.format(c.answeredInTimeShare) + " (" + c.answeredInTime + " dari " + c.due + ")")
      : "Pengaduan: —";
  }

  function soon() {
    clearTimeout(pending);
    pending = setTimeout(refresh, 300);
  }

  const ikm = document.getElementById("kpi-ikm-nilai");
  if (ikm) new MutationObserver(soon).observe(ikm, { childList: true, characterData: true, subtree: true });
  setInterval(refresh, 60000);
  refresh();
})();
