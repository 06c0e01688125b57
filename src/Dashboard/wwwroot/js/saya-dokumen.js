// /saya "Dokumen evaluasi": the employee requests their own evaluation PDF for a month or a year (window.Laporan).
"use strict";
(function () {
  const form = document.getElementById("form-dokumen-saya");
  if (!form) { return; }
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const period = document.getElementById("dokumen-periode").value.trim();
    window.Laporan.request({ kind: "evaluation", nip: document.body.dataset.nip, period }, document.getElementById("dokumen-status"));
  });
})();
