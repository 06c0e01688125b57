// The superior's review queue (/tim): direct reports' pending activities, oldest first, filterable by employee;
// approve or return with a note, one by one or the checked ones at once. Each review's eventId is made here and kept
// until the server acknowledged it, so a retry is answered "duplicate", never stored twice; the second click of a
// double click is ignored. A reviewed item leaves the list at once and comes back with the error if it was refused.
"use strict";
(function () {
  const T = window.Tim;
  const { $, el, fmt, api } = T;
  let queue = [];              // ActivityView items as the server last listed them
  const keys = new Map();      // activityEventId -> { eventId, approved, note }: sent, not yet acknowledged
  const sending = new Set();   // activityEventIds in flight (hidden: optimistic)
  const done = new Map();      // activityEventId -> when acknowledged (hidden until a later read no longer lists it)
  const errors = new Map();    // activityEventId -> Indonesian message shown on the item
  const drafts = new Map();    // activityEventId -> note typed on the item
  const checked = new Set();
  let loadSeq = 0;
  let reloadTimer = null;

  function visible() {
    const who = $("saring-pegawai").value;
    return queue.filter((a) => !sending.has(a.eventId) && !done.has(a.eventId) && (!who || a.nip === who))
      .sort((x, y) => x.day.localeCompare(y.day) || x.occurredAt.localeCompare(y.occurredAt));
  }

  function item(a) {
    const li = el("li", "aktivitas");
    li.dataset.id = a.eventId;
    li.dataset.nip = a.nip;
    const pick = el("input");
    pick.type = "checkbox";
    pick.className = "pilih";
    pick.checked = checked.has(a.eventId);
    pick.setAttribute("aria-label", "Pilih aktivitas " + (a.name || a.nip));
    pick.addEventListener("change", () => { if (pick.checked) { checked.add(a.eventId); } else { checked.delete(a.eventId); } });
    const head = el("div", "judul");
    head.append(el("strong", "nama", a.name || a.nip), el("span", "kapan", fmt.day(a.day) + " · " + fmt.int(a.minutes) + " menit"));
    const what = el("p", "uraian", a.description);
    const extra = [a.output ? "Keluaran: " + a.output + (a.volume !== null && a.volume !== undefined ? " (" + fmt.int(a.volume) + ")" : "") : null,
      a.skpIndicator ? "SKP: " + a.skpIndicator : null, "Dilaporkan " + fmt.dateTime(a.receivedAt)].filter(Boolean).join(" · ");
    const note = el("textarea", "catatan");
    note.rows = 1;
    note.maxLength = 2000;
    note.placeholder = "Umpan balik (wajib jika dikembalikan)";
    note.setAttribute("aria-label", "Umpan balik untuk " + (a.name || a.nip));
    note.value = drafts.get(a.eventId) || "";
    note.addEventListener("input", () => drafts.set(a.eventId, note.value));
    const ok = el("button", "setuju", "Setujui");
    ok.type = "button";
    const back = el("button", "kembali", "Kembalikan");
    back.type = "button";
    ok.addEventListener("click", (e) => { if (e.detail < 2) { review([a.eventId], true, note.value); } });
    back.addEventListener("click", (e) => {
      if (e.detail >= 2) { return; }
      if (!note.value.trim()) { showError(li, a.eventId, "Tulis umpan balik sebelum mengembalikan aktivitas."); note.focus(); return; }
      review([a.eventId], false, note.value);
    });
    const actions = el("div", "aksi");
    actions.append(note, ok, back);
    const err = el("p", "salah", errors.get(a.eventId) || "");
    err.setAttribute("role", "alert");
    err.hidden = !errors.has(a.eventId);
    const main = el("div", "isi");
    main.append(head, what, el("p", "rincian", extra), actions, err);
    li.append(pick, main);
    return li;
  }

  function showError(li, id, message) {
    errors.set(id, message);
    const p = li.querySelector("p.salah");
    p.textContent = message;
    p.hidden = false;
  }

  function render() {
    const list = $("antrian");
    const items = visible();
    list.replaceChildren(...(items.length ? items.map(item) : [el("li", "kosong", $("saring-pegawai").value
      ? "Tidak ada aktivitas yang menunggu dari pegawai ini." : "Tidak ada aktivitas yang menunggu tinjauan.")]));
    $("jumlah-antrian").textContent = fmt.int(items.length);
    $("pilih-semua").checked = items.length > 0 && items.every((a) => checked.has(a.eventId));
    T.events.dispatchEvent(new CustomEvent("antrian", { detail: queue.filter((a) => !sending.has(a.eventId) && !done.has(a.eventId)) }));
  }

  function filterOptions() {
    const select = $("saring-pegawai");
    const current = select.value;
    const people = new Map(queue.map((a) => [a.nip, a.name || a.nip]));
    for (const m of T.members || []) { people.set(m.nip, m.name); }
    const options = [el("option", null, "Semua")];
    options[0].value = "";
    for (const [nip, name] of [...people].sort((x, y) => x[1].localeCompare(y[1], "id"))) {
      const o = el("option", null, name);
      o.value = nip;
      options.push(o);
    }
    select.replaceChildren(...options);
    select.value = people.has(current) ? current : "";
  }

  async function load() {
    const seq = ++loadSeq;
    const started = Date.now();
    try {
      const data = await api("GET", "/api/v1/team/reviews");
      if (seq !== loadSeq) { return; }
      queue = data.pending;
      const listed = new Set(queue.map((a) => a.eventId));
      // Acknowledged before this read began: the server's list is now the truth for them.
      for (const [id, at] of done) { if (at < started || !listed.has(id)) { done.delete(id); } }
      for (const id of checked) { if (!listed.has(id)) { checked.delete(id); } }
      filterOptions();
      render();
      T.fresh();
    } catch (e) {
      if (seq === loadSeq) { $("pesan-massal").textContent = "Antrian tidak dapat dimuat: " + e.message; }
    }
  }

  function reload() {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(load, 150);
  }

  async function review(ids, approved, note) {
    const text = (note || "").trim();
    const batch = ids.filter((id) => !sending.has(id)).map((id) => {
      let key = keys.get(id);
      if (!key || key.approved !== approved || key.note !== text) {
        key = { eventId: T.uuid(), approved, note: text };
        keys.set(id, key);
      }
      return { id, key };
    });
    if (batch.length === 0) { return; }
    for (const b of batch) { sending.add(b.id); errors.delete(b.id); checked.delete(b.id); }
    render();
    let answer = null;
    let failure = null;
    try {
      answer = await api("POST", "/api/v1/team/reviews", batch.map((b) => ({
        eventId: b.key.eventId, activityEventId: b.id, approved: b.key.approved, note: b.key.note || null,
      })));
    } catch (e) {
      failure = e.message;
    }
    const now = Date.now();
    for (const [i, b] of batch.entries()) {
      sending.delete(b.id);
      const r = answer && answer.items.find((x) => x.index === i);
      if (r && (r.status === "accepted" || r.status === "duplicate")) {
        keys.delete(b.id);
        drafts.delete(b.id);
        done.set(b.id, now);
      } else if (r) {
        keys.delete(b.id);
        errors.set(b.id, T.itemError(r.errors));
      } else {
        // Nothing acknowledged: the key stays, so sending the same verdict again is answered "duplicate" if it got through.
        errors.set(b.id, failure || "Tidak ada jawaban dari server. Coba lagi.");
      }
    }
    const stored = batch.length - batch.filter((b) => errors.has(b.id)).length;
    $("pesan-massal").textContent = batch.length > 1 || errors.size === 0
      ? fmt.int(stored) + " dari " + fmt.int(batch.length) + " aktivitas " + (approved ? "disetujui" : "dikembalikan") + "."
      : "";
    render();
    reload();
  }

  function bulk(approved) {
    const ids = visible().map((a) => a.eventId).filter((id) => checked.has(id));
    const note = $("catatan-massal").value;
    const msg = $("pesan-massal");
    if (ids.length === 0) { msg.textContent = "Pilih dulu aktivitas yang akan ditinjau."; return; }
    if (!approved && !note.trim()) { msg.textContent = "Tulis umpan balik untuk aktivitas yang dikembalikan."; $("catatan-massal").focus(); return; }
    msg.textContent = "";
    review(ids, approved, note).then(() => { if (errors.size === 0) { $("catatan-massal").value = ""; } });
  }

  $("setujui-terpilih").addEventListener("click", (e) => { if (e.detail < 2) { bulk(true); } });
  $("kembalikan-terpilih").addEventListener("click", (e) => { if (e.detail < 2) { bulk(false); } });
  $("saring-pegawai").addEventListener("change", render);
  $("pilih-semua").addEventListener("change", (e) => {
    for (const a of visible()) { if (e.target.checked) { checked.add(a.eventId); } else { checked.delete(a.eventId); } }
    render();
  });
  T.events.addEventListener("tim", filterOptions);
  load();
  T.live(() => { reload(); T.events.dispatchEvent(new Event("muat-tim")); });
})();
