// The superior's page (/tim), shared part: formats in id-ID and the region's time, JSON calls with Indonesian errors,
// client-made event ids, the live connection to /hubs/employee (reconnects forever, re-subscribes) and the stale banner.
// The queue (tim.js) and the team/feedback panels (tim-umpan.js) build on window.Tim.
"use strict";
window.Tim = (function () {
  const body = document.body;
  const me = body.dataset.nip;
  const tz = body.dataset.tz || "Asia/Jakarta";
  const zone = body.dataset.zone || "WIB";
  const month = body.dataset.month;
  const staleSeconds = Number(body.dataset.stale || 45);
  // The server's clock less this machine's: "today" follows the product clock (Kinerja:Clock), like the boards.
  const clockShift = body.dataset.now ? Number(body.dataset.now) - Date.now() : 0;
  const nf0 = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });
  const nf1 = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const hm = new Intl.DateTimeFormat("id-ID", { timeZone: tz, hour: "2-digit", minute: "2-digit", hour12: false });
  const dayLocal = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
  // A local day (YYYY-MM-DD) is a calendar date: formatted in UTC so no zone moves it.
  const dayName = new Intl.DateTimeFormat("id-ID", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" });
  const dateTime = new Intl.DateTimeFormat("id-ID", { timeZone: tz, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hour12: false });

  const fmt = {
    int: (v) => (v === null || v === undefined ? "—" : nf0.format(v)),
    pct: (v) => (v === null || v === undefined ? "—" : nf1.format(v) + "%"),
    time: (d) => hm.format(d).replace(".", ":") + " " + zone,
    day: (iso) => dayName.format(new Date(iso + "T00:00:00Z")),
    dateTime: (iso) => dateTime.format(new Date(iso)).replace(".", ":") + " " + zone,
    today: () => dayLocal.format(new Date(Date.now() + clockShift)),
  };

  const $ = (id) => document.getElementById(id);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  // Version 4 UUID from getRandomValues (crypto.randomUUID needs a secure context; a LAN address over http is not one).
  function uuid() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  const statusText = {
    400: "Permintaan tidak dapat dibaca server.",
    401: "Sesi Anda berakhir. Silakan masuk lagi.",
    403: "Akses ditolak.",
    413: "Kiriman terlalu besar.",
    429: "Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.",
    503: "Server sedang sibuk. Coba lagi sebentar lagi.",
  };

  /** A JSON call; throws an Error with an Indonesian message (the server's detail stays in the console). */
  async function api(method, url, payload) {
    let res;
    try {
      res = await fetch(url, {
        method,
        credentials: "same-origin",
        headers: payload === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
    } catch (e) {
      throw new Error("Tidak dapat menghubungi server. Periksa koneksi lalu coba lagi.");
    }
    const raw = await res.text();
    let data = null;
    try { data = raw ? JSON.parse(raw) : null; } catch { data = null; }
    if (!res.ok) {
      console.warn(method, url, res.status, data && (data.detail || data.title));
      throw new Error(statusText[res.status] || "Server menolak permintaan (" + res.status + ").");
    }
    return data;
  }

  /** What a rejected item's field errors mean, in Indonesian (the server's messages are English, for integrators). */
  function itemError(errors) {
    const e = (errors && errors[0]) || { field: "", message: "" };
    const m = (e.message || "").toLowerCase();
    switch (e.field) {
      case "note":
        return m.includes("required") ? "Umpan balik wajib diisi saat mengembalikan aktivitas."
          : m.includes("long") || m.includes("characters") ? "Catatan terlalu panjang (paling banyak 2.000 karakter)."
          : "Catatan tidak dapat diterima: periksa isinya.";
      case "activityEventId": return "Aktivitas ini bukan milik bawahan langsung Anda atau sudah tidak ada.";
      case "nip": return "Pegawai ini bukan bawahan langsung Anda.";
      case "eventId": return "Kode kiriman tidak sah. Muat ulang halaman lalu coba lagi.";
      default: return "Tidak dapat disimpan" + (e.field ? " (" + e.field + ")" : "") + ". Coba lagi.";
    }
  }

  // --- live state: "Data per", connection dot, stale banner ---
  let connected = false;
  let downSince = null;
  let lastOk = null;

  function fresh() {
    lastOk = new Date(Date.now() + clockShift);
    const a = $("asof");
    if (a) { a.textContent = "Data per " + fmt.time(lastOk); }
    checkStale();
  }

  function setConn(state) {
    const c = $("koneksi");
    if (c) {
      c.dataset.state = state;
      c.title = { connected: "Terhubung", reconnecting: "Menyambung ulang…", connecting: "Menghubungkan…", down: "Terputus" }[state] || state;
    }
    const wasConnected = connected;
    connected = state === "connected";
    if (!connected && (wasConnected || downSince === null)) { downSince = downSince || Date.now(); }
    if (connected) { downSince = null; }
    checkStale();
  }

  // Set when the server ended this page's access (session over, account disabled): said, not retried.
  let ended = null;

  function checkStale() {
    const banner = $("basi");
    if (!banner) { return; }
    if (ended) {
      banner.hidden = false;
      banner.textContent = ended;
      body.classList.add("is-stale");
      return;
    }
    const downFor = downSince === null ? 0 : (Date.now() - downSince) / 1000;
    const stale = !connected && downFor > Math.min(staleSeconds, 5);
    banner.hidden = !stale;
    body.classList.toggle("is-stale", stale);
    if (stale) {
      banner.textContent = "Data mungkin tidak terbaru (terakhir " + (lastOk ? fmt.time(lastOk) : "—")
        + "): koneksi terputus, menyambung ulang…";
    }
  }
  setInterval(checkStale, 1000);

  const retry = {
    nextRetryDelayInMilliseconds: (ctx) => ([0, 1000, 2000, 3000][ctx.previousRetryCount] ?? 5000) + Math.floor(Math.random() * 500),
  };

  /** Connects to /hubs/employee, joins employee:{own nip} and calls onChange after every (re)subscribe and queue change. */
  function live(onChange) {
    const connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/employee")
      .withAutomaticReconnect(retry)
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.serverTimeoutInMilliseconds = 20000;
    connection.keepAliveIntervalInMilliseconds = 5000;
    connection.on("ReviewQueueChanged", () => onChange("antrian"));
    connection.on("ActivitiesChanged", () => {});
    connection.on("Snapshot", () => {});
    connection.on("FeedbackAdded", () => {});
    connection.on("FollowUpChanged", (c) => events.dispatchEvent(new CustomEvent("tindak-lanjut", { detail: c })));
    connection.on("SkpChanged", (c) => events.dispatchEvent(new CustomEvent("skp", { detail: c })));
    const subscribe = () => connection.invoke("Subscribe", "employee:" + me);
    const denied = (e) => /Akses ditolak/.test(String(e && e.message));
    function end() {
      ended = "Sesi Anda berakhir atau akun dinonaktifkan; data di halaman ini tidak diperbarui lagi (terakhir "
        + (lastOk ? fmt.time(lastOk) : "—") + "). Muat ulang halaman dan masuk kembali.";
      setConn("down"); checkStale();
      connection.stop();
    }
    connection.on("AccessRevoked", (p) => { if (p && p.group === "employee:" + me) { end(); } });
    connection.onreconnecting(() => setConn("reconnecting"));
    connection.onreconnected(async () => {
      setConn("connected");
      try { await subscribe(); } catch (e) { if (denied(e)) { end(); return; } console.warn("Subscribe failed", e); }
      onChange("sambung");
    });
    connection.onclose(() => { setConn("down"); if (!ended) { setTimeout(begin, 2000); } });
    async function begin() {
      try {
        setConn("connecting");
        await connection.start();
        setConn("connected");
        await subscribe();
        onChange("sambung");
      } catch (e) {
        if (denied(e)) { end(); return; }
        setConn("down");
        if (connection.state === signalR.HubConnectionState.Disconnected) {
          setTimeout(begin, 3000 + Math.floor(Math.random() * 1000));
        }
      }
    }
    begin();
    return connection;
  }

  const events = new EventTarget();
  return { me, month, fmt, $, el, uuid, api, itemError, fresh, live, events };
})();
