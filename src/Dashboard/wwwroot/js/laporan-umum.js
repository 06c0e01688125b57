// Report documents (issue 19): one client for /laporan and the "Dokumen" card on /saya. Queues a job with
// POST /api/v1/reports, polls GET /api/v1/reports/{id} once a second for its progress (the server pushes nothing),
// and offers the file's download address when the job is done. Every text from the server is inserted as text.
"use strict";
window.Laporan = (function () {
  const stateLabel = { antri: "Menunggu antrean", berjalan: "Sedang dibuat", selesai: "Selesai", gagal: "Gagal" };

  const { call } = window.KinerjaApi;
  const problem = (r) => window.KinerjaApi.problem(r, { 403: "Anda tidak berwenang meminta dokumen ini." });

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  // Queues the document and renders its progress into `target` (an element) until it is done or failed.
  async function request(payload, target) {
    target.replaceChildren(el("span", "ket", "Mengirim permintaan…"));
    const posted = await call("POST", "/api/v1/reports", payload);
    if (!posted.ok) { target.replaceChildren(el("span", "galat", problem(posted))); return; }
    const id = posted.body.id;
    for (;;) {
      const r = await call("GET", "/api/v1/reports/" + encodeURIComponent(id));
      if (!r.ok) { target.replaceChildren(el("span", "galat", problem(r))); return; }
      const job = r.body;
      if (job.state === "selesai" && job.file) {
        const a = el("a", "unduh", "Unduh " + job.file.name);
        a.href = job.file.url;
        a.setAttribute("download", job.file.name);
        target.replaceChildren(a);
        return;
      }
      if (job.state === "gagal") {
        target.replaceChildren(el("span", "galat", "Gagal membuat dokumen: " + (job.error || "sebab tidak diketahui")));
        return;
      }
      const bar = el("progress");
      bar.max = 100;
      bar.value = job.progress || 0;
      target.replaceChildren(el("span", "ket", (stateLabel[job.state] || job.state) + " · " + (job.progress || 0) + "% "), bar);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  return { request };
})();
