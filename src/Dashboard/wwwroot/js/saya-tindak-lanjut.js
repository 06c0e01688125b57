// /saya: the employee's own follow-up items (GET /api/v1/followups?assignee=me). Read-only, except the items whose rule
// names the employee as the actor (canAct). FollowUpChanged on /hubs/employee re-reads the list.
"use strict";
(function () {
  const S = window.Saya;
  const TL = window.TindakLanjut;
  const load = () => TL.fill("daftar-tindak-lanjut-saya", "/api/v1/followups?assignee=me", {},
    "Belum ada tindak lanjut untuk Anda.");
  S.listeners.extraLoads.push(load);
  // saya.js opens the hub connection on DOMContentLoaded (its listener was added first): the handler is added after it.
  document.addEventListener("DOMContentLoaded", () => setTimeout(() => {
    if (S.state.connection) { S.state.connection.on("FollowUpChanged", () => S.refresh([load])); }
  }, 0), { once: true });
})();
