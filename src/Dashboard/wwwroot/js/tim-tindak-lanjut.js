// /tim: the follow-up items assigned to the signed-in superior (and their own), with the state buttons and the
// note/evidence form. Re-read on FollowUpChanged (tim-dasar.js forwards it as the "tindak-lanjut" event) and on reconnect.
"use strict";
(function () {
  const T = window.Tim;
  const TL = window.TindakLanjut;
  let timer = null;
  async function load() {
    const items = await TL.fill("daftar-tindak-lanjut-tim", "/api/v1/followups?assignee=me", {},
      "Tidak ada tindak lanjut yang ditugaskan kepada Anda.");
    const open = items.filter((i) => i.canAct && ["baru", "diproses"].includes(i.state)).length;
    T.$("jumlah-tindak-lanjut").textContent = String(open);
  }
  const soon = () => { clearTimeout(timer); timer = setTimeout(load, 200); };
  T.events.addEventListener("tindak-lanjut", soon);
  T.events.addEventListener("muat-tim", soon);
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", load, { once: true }); } else { load(); }
})();
