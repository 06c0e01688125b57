// Employee page (/saya): own figures from /api/v1/me*, live over /hubs/employee (group employee:{nip}).
// Every piece of free text is inserted with textContent, never as HTML.
"use strict";
window.Saya = (function () {
  const body = document.body;
  const nip = body.dataset.nip;
  const tz = body.dataset.tz || "Asia/Jakarta";
  const zone = body.dataset.zone || "WIB";
  // The server's clock less this machine's: "today" and the month follow the server (Kinerja:Clock).
  const clockShift = body.dataset.now ? Number(body.dataset.now) - Date.now() : 0;
  const now = () => new Date(Date.now() + clockShift);
  const nf0 = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });
  const nf1 = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const nf2 = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const isoDay = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
  const hhmm = new Intl.DateTimeFormat("id-ID", { timeZone: tz, hour: "2-digit", minute: "2-digit", hour12: false });
  const dayName = new Intl.DateTimeFormat("id-ID", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });
  const rupiah = new Intl.NumberFormat("id-ID", { style: "currency", currency: "IDR", maximumFractionDigits: 0 });

  const fmt = {
    int: (v) => (v === null || v === undefined ? "—" : nf0.format(v)),
    pct: (v) => (v === null || v === undefined ? "—" : nf1.format(v) + "%"),
    dec2: (v) => (v === null || v === undefined ? "—" : nf2.format(v)),
    time: (d) => hhmm.format(d).replace(".", ":"),
    // A local day "YYYY-MM-DD" as "Sen, 7 Des".
    day: (s) => dayName.format(new Date(s + "T00:00:00Z")),
    rupiah: (v) => rupiah.format(v),
  };
  const localDay = (d) => isoDay.format(d);
  const today = () => localDay(now());
  const period = () => today().slice(0, 7);

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function setText(id, v) { const e = $(id); if (e) { e.textContent = v; } }
  function bar(id, pct) { const e = $(id); if (e) { e.style.width = Math.max(0, Math.min(100, pct || 0)) + "%"; } }
  function pairs(id, rows) {
    $(id).replaceChildren(...rows.flatMap(([k, v]) => [el("dt", "", k), el("dd", "", v)]));
  }
  function empty(text) { return el("li", "kosong", text); }

  /** fetch with the session cookie; JSON in and out. Returns { ok, status, body } and never throws on HTTP errors. */
  async function call(method, url, payload) {
    const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
    if (payload !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(payload);
    }
    const r = await fetch(url, init);
    let data = null;
    try { data = await r.json(); } catch { data = null; }
    return { ok: r.ok, status: r.status, body: data };
  }
  async function getJson(url) {
    const r = await call("GET", url);
    if (!r.ok) { throw new Error(url + " " + r.status); }
    return r.body;
  }

  /** An Indonesian sentence for an HTTP failure of a write (no per-item results). */
  function httpProblem(r) {
    if (r.status === 401) { return "Sesi Anda berakhir. Muat ulang halaman dan masuk kembali."; }
    if (r.status === 403) { return "Akun ini tidak boleh melakukan tindakan ini."; }
    if (r.status === 429) { return "Terlalu banyak kiriman dalam waktu singkat. Tunggu sebentar lalu coba lagi."; }
    if (r.status === 503) { return "Server sedang sibuk. Coba kirim lagi sebentar lagi; data tidak akan tersimpan dua kali."; }
    if (r.status === 0) { return "Tidak ada koneksi. Coba kirim lagi; data tidak akan tersimpan dua kali."; }
    return "Kiriman ditolak server (" + r.status + ")" + (r.body && r.body.detail ? ": " + r.body.detail : ".");
  }

  const state = { snapshot: null, activities: [], showWithdrawn: false, lastFresh: null, connected: false, ended: null };
  const stateLabel = { menunggu: "Menunggu", disetujui: "Disetujui", dikembalikan: "Dikembalikan", ditarik: "Ditarik" };
  const listeners = { activities: [], snapshot: [], extraLoads: [] };

  function fresh() {
    state.lastFresh = now();
    setText("asof", "Data per " + fmt.time(state.lastFresh) + " " + zone);
    checkStale();
  }

  function checkStale() {
    const banner = $("basi");
    if (state.ended) {
      banner.hidden = false;
      banner.textContent = state.ended;
      body.classList.add("is-stale");
      return;
    }
    const stale = !state.connected && state.lastFresh !== null;
    banner.hidden = !stale;
    body.classList.toggle("is-stale", stale);
    if (stale) {
      banner.textContent = "Data tidak terbarui sejak " + fmt.time(state.lastFresh) + " " + zone + " · menyambung ulang…";
    }
  }

  function todayMinutes() {
    const d = today();
    return state.activities.filter((a) => a.day === d && (a.state === "menunggu" || a.state === "disetujui"))
      .reduce((sum, a) => sum + a.minutes, 0);
  }

  function renderMinutes() {
    const s = state.snapshot;
    // The month's target is pro-rated to the working days elapsed so far (a closed month: all of them).
    const days = s ? s.workingDaysElapsed || s.workingDays : 0;
    const dailyTarget = days > 0 ? Math.round(s.activityTargetMinutes / days) : null;
    const t = todayMinutes();
    setText("menit-hari", fmt.int(t));
    bar("menit-hari-bar", dailyTarget ? (t * 100) / dailyTarget : 0);
    setText("menit-hari-ket", dailyTarget ? "dari target harian ± " + fmt.int(dailyTarget) + " menit (menunggu dan disetujui)" : "menunggu dan disetujui");
    if (!s) { return; }
    setText("menit-bulan", fmt.int(s.activityMinutes));
    bar("menit-bulan-bar", s.activityPct);
    setText("menit-bulan-ket", "dari " + fmt.int(s.activityTargetMinutes) + " menit target (" + fmt.pct(s.activityPct) + ")"
      + (s.activityMinutesPending ? " · " + fmt.int(s.activityMinutesPending) + " menunggu" : "")
      + (s.activityMinutesRejected ? " · " + fmt.int(s.activityMinutesRejected) + " dikembalikan" : ""));
  }

  const predikatLabel = { SANGAT_BAIK: "Sangat Baik", BAIK: "Baik", BUTUH_PERBAIKAN: "Butuh Perbaikan", KURANG: "Kurang/Misconduct",
    KURANG_MISCONDUCT: "Kurang/Misconduct", SANGAT_KURANG: "Sangat Kurang" };
  const levelLabel = { DI_ATAS_EKSPEKTASI: "Di atas ekspektasi", SESUAI_EKSPEKTASI: "Sesuai ekspektasi", DI_BAWAH_EKSPEKTASI: "Di bawah ekspektasi" };

  function applySnapshot(s) {
    if (!s || s.nip !== nip) { return; }
    state.snapshot = s;
    renderMinutes();
    pairs("isi-kehadiran", [
      ["Hadir (bulan ini)", fmt.int(s.attendanceHadir) + " hari"],
      ["Terlambat", fmt.int(s.attendanceTerlambat) + " hari · " + fmt.int(s.lateMinutes) + " menit"],
      ["Izin / sakit / cuti", fmt.int(s.attendanceIzin) + " / " + fmt.int(s.attendanceSakit) + " / " + fmt.int(s.attendanceCuti)],
      ["Dinas luar", fmt.int(s.attendanceDinasLuar) + " hari"],
      ["TKS bulan ini", fmt.int(s.tksDays) + " hari"],
      ["TKS tahun ini", fmt.int(s.tksDaysYtd) + " hari"],
    ]);
    setText("nilai-predikat", s.predikat ? predikatLabel[s.predikat] || s.predikat : "Belum dihitung");
    $("nilai-predikat").dataset.kode = s.predikat || "";
    pairs("isi-predikat", [
      ["Hasil kerja", s.ratingHasilKerja ? levelLabel[s.ratingHasilKerja] || s.ratingHasilKerja : "—"],
      ["Perilaku (BerAKHLAK)", s.ratingPerilaku ? levelLabel[s.ratingPerilaku] || s.ratingPerilaku : "—"],
      ["Predikat periode lalu", s.previousPredikat ? predikatLabel[s.previousPredikat] || s.previousPredikat : "—"],
    ]);
    $("saran-predikat").replaceChildren(...advice(s).map((t) => el("li", "", t)));
    const tpp = $("tpp");
    tpp.hidden = !(s.tppCeiling > 0);
    tpp.textContent = s.tppCeiling > 0 ? "Pagu TPP jabatan: " + fmt.rupiah(s.tppCeiling) + " per bulan (pagu, bukan estimasi)." : "";
    // the server reports officer survey answers only from Kinerja:Survey:OfficerMinRespondents respondents
    const survei = $("survei-masyarakat");
    survei.hidden = !(s.masyarakatSurveyRespondents > 0);
    survei.textContent = s.masyarakatSurveyRespondents > 0
      ? "Penilaian masyarakat dari survei: " + fmt.int(s.masyarakatSurveyRespondents) + " responden (IKM " + fmt.dec2(s.masyarakatSurveyIkm) + ")."
      : "";
  }

  /** What would move the predicate, from the snapshot's own figures (hasil kerja × perilaku, PermenPAN-RB 6/2022). */
  function advice(s) {
    const out = [];
    const gap = s.activityTargetMinutes - s.activityMinutes;
    if (gap > 0) {
      out.push("Kurang " + fmt.int(gap) + " menit disetujui untuk mencapai target bulan ini.");
    }
    if (s.activityMinutesPending > 0) {
      out.push(fmt.int(s.activityMinutesPending) + " menit masih menunggu persetujuan atasan.");
    }
    if (s.activityMinutesRejected > 0) {
      out.push(fmt.int(s.activityMinutesRejected) + " menit dikembalikan: perbaiki dan kirim ulang.");
    }
    if (s.tksDays > 0) {
      out.push("Ada " + fmt.int(s.tksDays) + " hari tanpa keterangan bulan ini; ketidakhadiran tanpa keterangan menurunkan penilaian.");
    }
    if (!s.ratingPerilaku) {
      out.push("Penilaian perilaku (BerAKHLAK) periode ini belum lengkap.");
    }
    if (out.length === 0) {
      out.push("Pertahankan: target menit tercapai dan tidak ada catatan kehadiran.");
    }
    return out;
  }

  const roleLabel = { atasan: "Atasan", rekan: "Rekan kerja", bawahan: "Bawahan", masyarakat: "Masyarakat", diri: "Diri sendiri" };
  const aspectLabel = { berorientasi_pelayanan: "Berorientasi pelayanan", akuntabel: "Akuntabel", kompeten: "Kompeten",
    harmonis: "Harmonis", loyal: "Loyal", adaptif: "Adaptif", kolaboratif: "Kolaboratif", hasil_kerja: "Hasil kerja",
    kepuasan_layanan: "Kepuasan layanan" };

  function renderRatings(r) {
    const box = $("isi-penilaian");
    if (!r.roles.length) {
      box.replaceChildren(el("p", "kosong", "Belum ada penilaian bulan ini."));
      return;
    }
    box.replaceChildren(...r.roles.map((role) => {
      const sec = el("div", "peran");
      sec.append(el("h3", "", roleLabel[role.role] || role.role));
      const dl = el("dl", "pasangan");
      for (const a of role.aspects) {
        dl.append(el("dt", "", aspectLabel[a.aspect] || a.aspect),
          el("dd", a.shown ? "" : "tersembunyi", a.shown ? fmt.dec2(a.average) + " (" + fmt.int(a.raters) + " penilai)"
            : "disembunyikan: kurang dari " + r.minRatersShown + " penilai"));
      }
      sec.append(dl);
      return sec;
    }));
  }

  function noteItem(n) {
    const li = el("li", "catatan");
    li.dataset.id = n.eventId;
    const head = el("div", "kepala");
    head.append(el("strong", "", n.authorName || n.authorNip), el("time", "", fmt.day(n.localDay)));
    li.append(head, el("p", "isi", n.note));
    return li;
  }

  function renderFeedback(notes) {
    const list = $("daftar-umpan-balik");
    list.replaceChildren(...(notes.length ? notes.map(noteItem) : [empty("Belum ada umpan balik bulan ini.")]));
  }

  function addFeedback(n) {
    if (n.nip !== nip) { return; }
    const list = $("daftar-umpan-balik");
    list.querySelectorAll("li.kosong").forEach((e) => e.remove());
    if (!list.querySelector('li[data-id="' + CSS.escape(n.eventId) + '"]')) {
      const li = noteItem(n);
      li.classList.add("baru");
      list.prepend(li);
    }
  }

  async function loadMe() { const me = await getJson("/api/v1/me"); applySnapshot(me.snapshot); }
  async function loadActivities() {
    const r = await getJson("/api/v1/me/activities?period=" + encodeURIComponent(period()));
    state.activities = r.activities;
    renderMinutes();
    listeners.activities.forEach((f) => f(state.activities));
  }
  async function loadFeedback() { renderFeedback(await getJson("/api/v1/me/feedback?period=" + encodeURIComponent(period()))); }
  async function loadRatings() { renderRatings(await getJson("/api/v1/me/ratings?period=" + encodeURIComponent(period()))); }

  async function refresh(parts) {
    const results = await Promise.allSettled(parts.map((p) => p()));
    const failed = results.filter((x) => x.status === "rejected");
    failed.forEach((x) => console.warn("Gagal memuat", x.reason));
    if (failed.length === 0) { fresh(); }
  }
  let meBusy = false, meAgain = false;
  async function meLater() {
    if (meBusy) { meAgain = true; return; }
    meBusy = true;
    try { do { meAgain = false; await refresh([loadMe]); } while (meAgain); } finally { meBusy = false; }
  }
  const refreshAll = () => refresh([loadMe, loadActivities, loadFeedback, loadRatings].concat(listeners.extraLoads));

  function setConn(s) {
    const e = $("koneksi");
    e.dataset.state = s;
    e.title = { connected: "Terhubung", reconnecting: "Menyambung ulang…", connecting: "Menghubungkan…", down: "Terputus" }[s] || s;
  }

  function startLive() {
    const retry = { nextRetryDelayInMilliseconds: (ctx) => ([0, 1000, 2000, 3000][ctx.previousRetryCount] ?? 5000) + Math.floor(Math.random() * 500) };
    const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/employee").withAutomaticReconnect(retry)
      .configureLogging(signalR.LogLevel.Warning).build();
    connection.on("Snapshot", (s) => { applySnapshot(s); fresh(); listeners.snapshot.forEach((f) => f(s)); });
    connection.on("ActivitiesChanged", () => refresh([loadActivities, loadMe]));
    // after the live recompute and the rules' levels: the figures, rating and predicate (several hints, one read at a time)
    connection.on("IndicatorsChanged", meLater);
    connection.on("FeedbackAdded", (n) => { addFeedback(n); fresh(); });
    const subscribe = () => connection.invoke("Subscribe", "employee:" + nip);
    // The server refused the group or removed this screen from it (session over, account disabled): the page keeps
    // what it shows, says why and stops retrying.
    const denied = (e) => /Akses ditolak/.test(String(e && e.message));
    function end() {
      state.ended = "Sesi Anda berakhir atau akun dinonaktifkan; data di halaman ini tidak diperbarui lagi"
        + (state.lastFresh ? " (terakhir " + fmt.time(state.lastFresh) + " " + zone + ")" : "") + ". Muat ulang halaman dan masuk kembali.";
      state.connected = false; setConn("down"); checkStale();
      connection.stop();
    }
    connection.on("AccessRevoked", (p) => { if (p && p.group === "employee:" + nip) { end(); } });
    connection.onreconnecting(() => { state.connected = false; setConn("reconnecting"); checkStale(); });
    connection.onreconnected(async () => {
      state.connected = true; setConn("connected");
      try { await subscribe(); await refreshAll(); } catch (e) { if (denied(e)) { end(); return; } console.warn("Subscribe gagal", e); }
      checkStale();
    });
    connection.onclose(() => {
      state.connected = false; setConn("down"); checkStale();
      if (!state.ended) { setTimeout(begin, 2000); }
    });
    let first = true;
    async function begin() {
      try {
        setConn("connecting");
        await connection.start();
        state.connected = true; setConn("connected");
        await subscribe();
        // After a closed connection whatever changed meanwhile is read again (the first load is already under way).
        if (!first) { await refreshAll(); }
        first = false;
      } catch (e) {
        if (denied(e)) { end(); return; }
        state.connected = false; setConn("down"); checkStale();
        if (connection.state === signalR.HubConnectionState.Disconnected) { setTimeout(begin, 3000 + Math.floor(Math.random() * 1000)); }
      }
    }
    begin();
    state.connection = connection;
    return connection;
  }

  // The page's other scripts (saya-lapor.js, saya-360.js, saya-tindak.js) register their listeners first: the first load
  // waits for DOMContentLoaded, which follows every parser-blocking script (a timer could fire between two of them).
  function boot() { refreshAll(); startLive(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", boot, { once: true }); } else { setTimeout(boot, 0); }
  setInterval(checkStale, 5000);

  return { nip, fmt, el, $, setText, empty, call, httpProblem, now, today, period, localDay, state, stateLabel,
    offset: body.dataset.offset || "+07:00", loadActivities, refresh, fresh, listeners, aspectLabel, roleLabel, renderMinutes };
})();
