// The superior's page (/tim): team indicators per direct report (this month's approved minutes vs target, minutes
// waiting, what is waiting today, predicate so far: only what GET /api/v1/team gives; no rating details) and the
// continuous-feedback notes (PermenPAN-RB 6/2022) written to a report and read back per month.
"use strict";
(function () {
  const T = window.Tim;
  const { $, el, fmt, api } = T;
  const predikat = { SANGAT_BAIK: "Sangat Baik", BAIK: "Baik", BUTUH_PERBAIKAN: "Butuh Perbaikan", KURANG_MISCONDUCT: "Kurang/Misconduct",
    SANGAT_KURANG: "Sangat Kurang" };
  let pending = [];
  let noteKey = null; // { eventId, nip, note }: sent, not yet acknowledged

  function card(m) {
    const s = m.snapshot || {};
    const mine = pending.filter((a) => a.nip === m.nip);
    const today = fmt.today();
    const li = el("li", "anggota");
    li.dataset.nip = m.nip;
    const bar = el("div", "bar");
    const fill = el("span");
    fill.style.width = Math.max(0, Math.min(100, s.activityPct || 0)) + "%";
    bar.append(fill);
    const rows = [
      ["Bulan ini", fmt.int(s.activityMinutes) + " / " + fmt.int(s.activityTargetMinutes) + " menit (" + fmt.pct(s.activityPct) + ")"],
      ["Menunggu tinjauan", fmt.int(mine.length) + " aktivitas · " + fmt.int(mine.reduce((t, a) => t + a.minutes, 0)) + " menit"],
      ["Hari ini menunggu", fmt.int(mine.filter((a) => a.day === today).reduce((t, a) => t + a.minutes, 0)) + " menit"],
      ["Predikat sementara", predikat[s.predikat] || "Belum ada"],
    ];
    const dl = el("dl");
    for (const [k, v] of rows) { dl.append(el("dt", null, k), el("dd", null, v)); }
    li.append(el("strong", "nama", m.name), bar, dl);
    return li;
  }

  function renderTeam() {
    const list = $("tim");
    const members = T.members || [];
    list.replaceChildren(...(members.length ? members.map(card) : [el("li", "kosong", "Belum ada bawahan langsung.")]));
  }

  async function loadTeam() {
    try {
      const data = await api("GET", "/api/v1/team");
      T.members = data.members.slice().sort((x, y) => x.name.localeCompare(y.name, "id"));
      renderTeam();
      peopleForNotes();
      T.events.dispatchEvent(new Event("tim"));
    } catch (e) {
      $("tim").replaceChildren(el("li", "kosong", "Indikator tim tidak dapat dimuat: " + e.message));
    }
  }

  function peopleForNotes() {
    const select = $("umpan-pegawai");
    const current = select.value;
    select.replaceChildren(...T.members.map((m) => { const o = el("option", null, m.name); o.value = m.nip; return o; }));
    if (T.members.some((m) => m.nip === current)) { select.value = current; }
    if (current !== select.value || !current) { loadNotes(); }
  }

  async function loadNotes() {
    const nip = $("umpan-pegawai").value;
    const list = $("umpan-daftar");
    if (!nip) { list.replaceChildren(el("li", "kosong", "Belum ada catatan.")); return; }
    try {
      const notes = await api("GET", "/api/v1/team/feedback?nip=" + encodeURIComponent(nip) + "&period=" + encodeURIComponent(T.month));
      if ($("umpan-pegawai").value !== nip) { return; }
      list.replaceChildren(...(notes.length ? notes.map((n) => {
        const li = el("li");
        li.append(el("time", null, fmt.dateTime(n.occurredAt)), el("p", null, n.note));
        return li;
      }) : [el("li", "kosong", "Belum ada catatan untuk pegawai ini bulan ini.")]));
    } catch (e) {
      list.replaceChildren(el("li", "kosong", "Catatan tidak dapat dimuat: " + e.message));
    }
  }

  async function send(e) {
    e.preventDefault();
    const nip = $("umpan-pegawai").value;
    const note = $("umpan-catatan").value.trim();
    const msg = $("umpan-pesan");
    const button = $("umpan-kirim");
    msg.className = "pesan";
    if (!note) { msg.textContent = "Tulis catatan terlebih dahulu."; msg.classList.add("salah"); return; }
    if (button.disabled) { return; }
    if (!noteKey || noteKey.nip !== nip || noteKey.note !== note) { noteKey = { eventId: T.uuid(), nip, note }; }
    button.disabled = true;
    try {
      const answer = await api("POST", "/api/v1/team/feedback", [noteKey]);
      const r = answer.items[0];
      if (r.status === "accepted" || r.status === "duplicate") {
        noteKey = null;
        $("umpan-catatan").value = "";
        msg.textContent = "Umpan balik terkirim.";
        msg.classList.add("ok");
        loadNotes();
      } else {
        noteKey = null;
        msg.textContent = T.itemError(r.errors);
        msg.classList.add("salah");
      }
    } catch (err) {
      msg.textContent = err.message;
      msg.classList.add("salah");
    } finally {
      button.disabled = false;
    }
  }

  let teamTimer = null;
  T.events.addEventListener("antrian", (e) => { pending = e.detail; renderTeam(); });
  T.events.addEventListener("muat-tim", () => { clearTimeout(teamTimer); teamTimer = setTimeout(loadTeam, 300); });
  $("umpan-pegawai").addEventListener("change", loadNotes);
  $("form-umpan").addEventListener("submit", send);
  loadTeam();
})();
