// Shared live-screen machinery: SignalR connection that reconnects forever and re-subscribes,
// "Data per HH:MM WIB" line, stale banner, id-ID number formats, charts shown from pushed SVG.
"use strict";
window.Kinerja = (function () {
  const body = document.body;
  const tz = body.dataset.tz || "Asia/Jakarta";
  const zone = body.dataset.zone || "WIB";
  const staleSeconds = Number(body.dataset.stale || 45);
  // The server's clock less this machine's, from the page: the screen's clock follows the server (Kinerja:Clock).
  const clockShift = body.dataset.now ? Number(body.dataset.now) - Date.now() : 0;
  const now = () => new Date(Date.now() + clockShift);
  const nf0 = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });
  const nf1 = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const nf2 = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const time = new Intl.DateTimeFormat("id-ID", { timeZone: tz, hour: "2-digit", minute: "2-digit", hour12: false });
  const timeSec = new Intl.DateTimeFormat("id-ID", { timeZone: tz, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
  const dateLong = new Intl.DateTimeFormat("id-ID", { timeZone: tz, weekday: "long", day: "numeric", month: "long", year: "numeric" });
  const chartUrls = new Map();
  let lastUpdate = null;
  let lastAsOf = null;
  let connected = false;
  // Set when the server ended this screen's access (session over, account disabled, grant removed): said, not retried.
  let ended = null;

  const fmt = {
    int: (v) => (v === null || v === undefined ? "—" : nf0.format(v)),
    pct: (v) => (v === null || v === undefined ? "—" : nf1.format(v) + "%"),
    dec2: (v) => (v === null || v === undefined ? "—" : nf2.format(v)),
    time: (d) => time.format(d).replace(".", ":") + " " + zone,
    timeSec: (d) => timeSec.format(d).replace(/\./g, ":"),
    date: (d) => dateLong.format(d),
  };

  function $(id) { return document.getElementById(id); }
  function text(id, value) { const el = $(id); if (el) { el.textContent = value; } }
  function width(id, pct) {
    const el = $(id);
    if (el) { el.style.width = Math.max(0, Math.min(100, pct || 0)) + "%"; }
  }

  function setConn(state) {
    const el = $("koneksi");
    if (el) {
      el.dataset.state = state;
      el.title = { connected: "Terhubung", reconnecting: "Menyambung ulang…", connecting: "Menghubungkan…", down: "Terputus" }[state] || state;
    }
  }

  function touch(asOf) {
    lastUpdate = Date.now();
    if (asOf) {
      lastAsOf = new Date(asOf);
      text("asof", "Data per " + fmt.time(lastAsOf));
    }
    checkStale();
  }

  function checkStale() {
    const banner = $("basi");
    if (!banner) { return; }
    if (ended) {
      banner.hidden = false;
      banner.textContent = ended;
      body.classList.add("is-stale");
      return;
    }
    const age = lastUpdate === null ? Infinity : (Date.now() - lastUpdate) / 1000;
    const stale = age > staleSeconds || (!connected && lastUpdate !== null && age > Math.min(staleSeconds, 10));
    if (stale && lastUpdate !== null) {
      banner.hidden = false;
      banner.textContent = "Data tidak diperbarui sejak " + (lastAsOf ? fmt.time(lastAsOf) : "—")
        + (connected ? "" : " · koneksi terputus, menyambung ulang…");
      body.classList.add("is-stale");
    } else if (!stale) {
      banner.hidden = true;
      body.classList.remove("is-stale");
    }
  }

  function showChart(payload) {
    const fig = document.querySelector('figure[data-chart="' + CSS.escape(payload.chartId) + '"]');
    if (!fig) { return; }
    const current = Number(fig.dataset.version || 0);
    if (payload.version < current) { return; }
    fig.dataset.version = String(payload.version);
    const url = URL.createObjectURL(new Blob([payload.svg], { type: "image/svg+xml" }));
    const img = fig.querySelector("img");
    const old = chartUrls.get(payload.chartId);
    img.onload = () => { if (old) { URL.revokeObjectURL(old); } };
    img.src = url;
    chartUrls.set(payload.chartId, url);
    const dl = fig.querySelector("a.dl");
    if (dl) { dl.href = payload.pngUrl; }
  }

  // Retry forever: quick first attempts, then every few seconds (with jitter so a room of screens
  // does not reconnect in lock-step after a server restart).
  const retry = {
    nextRetryDelayInMilliseconds: (ctx) => {
      const base = [0, 1000, 2000, 3000][ctx.previousRetryCount] ?? 5000;
      return base + Math.floor(Math.random() * 500);
    },
  };

  function start(handlers) {
    const group = body.dataset.group;
    const connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/board")
      .withAutomaticReconnect(retry)
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.serverTimeoutInMilliseconds = 20000;
    connection.keepAliveIntervalInMilliseconds = 5000;
    connection.on("Indicators", (p) => { touch(p.asOf); handlers.indicators && handlers.indicators(p); });
    connection.on("Chart", (p) => { lastUpdate = Date.now(); showChart(p); });
    connection.on("Trigger", (p) => {
      handlers.trigger && handlers.trigger(p);
      if (!p.initial) { document.dispatchEvent(new CustomEvent("kinerja:trigger", { detail: p })); }
    });
    // An SKP or follow-up changed in the group: the panels that read their own APIs listen for this event.
    connection.on("Panels", (p) => { document.dispatchEvent(new CustomEvent("kinerja:panels", { detail: p })); });

    async function subscribe() {
      await connection.invoke("Subscribe", group);
    }
    // A refused (re)subscribe or a removal by the server: the data on screen stays as it was, and the screen says why.
    function end() {
      ended = "Akses ke layar ini berakhir (sesi habis, akun dinonaktifkan atau izin wilayah dicabut). Data tidak diperbarui sejak "
        + (lastAsOf ? fmt.time(lastAsOf) : "—") + ". Muat ulang halaman dan masuk kembali.";
      connected = false; setConn("down"); checkStale();
      connection.stop();
    }
    const denied = (e) => /Akses ditolak/.test(String(e && e.message));
    connection.on("AccessRevoked", (p) => { if (p && p.group === group) { end(); } });
    connection.onreconnecting(() => { connected = false; setConn("reconnecting"); checkStale(); });
    connection.onreconnected(async () => {
      connected = true; setConn("connected");
      try { await subscribe(); } catch (e) { if (denied(e)) { end(); } else { console.warn("Subscribe failed", e); } }
    });
    connection.onclose(() => {
      connected = false; setConn("down"); checkStale();
      if (!ended) { setTimeout(begin, 2000); }
    });

    async function begin() {
      try {
        setConn("connecting");
        await connection.start();
        connected = true; setConn("connected");
        await subscribe();
      } catch (e) {
        if (denied(e)) { end(); return; }
        connected = false; setConn("down"); checkStale();
        if (connection.state === signalR.HubConnectionState.Disconnected) {
          setTimeout(begin, 3000 + Math.floor(Math.random() * 1000));
        }
      }
    }
    begin();
    return connection;
  }

  setInterval(() => {
    checkStale();
    const t = now();
    text("jam", fmt.date(t) + " · " + fmt.timeSec(t) + " " + zone);
  }, 1000);

  return { start, fmt, text, width, $, zone, tz, now };
})();
