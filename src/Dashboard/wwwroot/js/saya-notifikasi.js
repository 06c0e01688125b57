// /saya: the person's e-mail notifications (GET|PUT /api/v1/me/notifications): the address and, per kind, on or off.
// Adds its own section at the end of the page; every text is set with textContent.
"use strict";
(function () {
  const S = window.Saya;
  const { el } = S;

  function build() {
    const section = el("section", "kartu");
    section.id = "notifikasi-saya";
    section.append(el("h2", "", "Pemberitahuan e-mail"),
      el("p", "ket", "Pilih pemberitahuan yang ingin Anda terima lewat e-mail. Tanpa alamat e-mail, tidak ada e-mail yang dikirim."));
    const form = el("form", "notifikasi");
    form.id = "form-notifikasi";
    const label = el("label", "", "Alamat e-mail ");
    const email = el("input");
    email.type = "email";
    email.id = "notifikasi-email";
    email.maxLength = 254;
    email.placeholder = "nama@contoh.go.id";
    email.autocomplete = "email";
    label.append(email);
    const kinds = el("fieldset");
    kinds.id = "notifikasi-jenis";
    kinds.append(el("legend", "", "Kirim lewat e-mail"));
    const status = el("p", "ket");
    status.id = "notifikasi-status";
    status.setAttribute("role", "status");
    const save = el("button", "", "Simpan");
    save.type = "submit";
    form.append(label, kinds, save, status);
    section.append(form);
    document.querySelector("main").append(section);
    return { form, email, kinds, status, save };
  }

  function fill(ui, view) {
    ui.email.value = view.email || "";
    const boxes = view.kinds.map((k) => {
      const row = el("label", "jenis");
      const box = el("input");
      box.type = "checkbox";
      box.name = k.kind;
      box.checked = k.email;
      row.append(box, document.createTextNode(" " + k.label));
      return row;
    });
    ui.kinds.replaceChildren(ui.kinds.firstChild, ...boxes);
    if (!view.emailAvailable) {
      ui.status.textContent = "Pengiriman e-mail belum diaktifkan oleh pengelola; pilihan Anda tetap disimpan.";
    }
  }

  async function start() {
    const ui = build();
    const r = await S.call("GET", "/api/v1/me/notifications");
    if (!r.ok) { ui.status.textContent = S.httpProblem(r); return; }
    fill(ui, r.body);
    ui.form.addEventListener("submit", async (e) => {
      e.preventDefault();
      ui.save.disabled = true;
      const kinds = {};
      ui.kinds.querySelectorAll("input[type=checkbox]").forEach((b) => { kinds[b.name] = b.checked; });
      const res = await S.call("PUT", "/api/v1/me/notifications", { email: ui.email.value.trim() || null, kinds });
      ui.save.disabled = false;
      if (!res.ok) { ui.status.textContent = S.httpProblem(res); return; }
      fill(ui, res.body);
      ui.status.textContent = "Tersimpan.";
    });
  }

  document.addEventListener("DOMContentLoaded", () => { start(); }, { once: true });
})();
