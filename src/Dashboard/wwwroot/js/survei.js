// Citizen satisfaction survey (/survei/{unit}): posts the answers as JSON; the same responseId on every retry of one answer.
"use strict";
(function () {
  const body = document.body;
  const form = document.getElementById("survei");
  const message = document.getElementById("pesan");
  const button = document.getElementById("kirim");
  const kiosk = body.dataset.kiosk === "1";
  const codes = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"];
  let responseId = newId();

  function newId() {
    // crypto.randomUUID needs a secure context; getRandomValues does not.
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function say(text, kind) { message.textContent = text; message.className = "pesan " + (kind || ""); }

  form.addEventListener("change", () => { if (message.classList.contains("salah")) { say(""); } });

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const answers = {};
    const missing = [];
    for (const c of codes) {
      const picked = form.querySelector("input[name='" + c + "']:checked");
      if (picked) { answers[c] = Number(picked.value); } else { missing.push(c.toUpperCase()); }
    }
    if (missing.length) {
      say("Mohon jawab semua pertanyaan: " + missing.join(", ") + ".", "salah");
      document.getElementById("unsur-" + missing[0].toLowerCase()).scrollIntoView({ block: "center" });
      return;
    }
    const payload = { responseId, answers };
    if (body.dataset.service) { payload.serviceId = body.dataset.service; }
    const profile = {};
    for (const f of ["ageBand", "sex", "education", "occupation"]) {
      const v = form.elements[f].value;
      if (v) { profile[f] = v; }
    }
    if (Object.keys(profile).length) { payload.profile = profile; }
    const comment = form.elements.comment.value.trim();
    if (comment) { payload.comment = comment; }
    if (form.elements.website.value) { payload.website = form.elements.website.value; }
    button.disabled = true;
    say("Mengirim…");
    try {
      const res = await fetch("/api/v1/survey/" + encodeURIComponent(body.dataset.unit), {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload),
      });
      if (res.ok) {
        say("Terima kasih! Jawaban Anda sudah kami terima.", "ok");
        responseId = newId();
        form.reset();
        if (kiosk) { setTimeout(() => { say(""); window.scrollTo(0, 0); }, 3000); }
      } else if (res.status === 429) {
        say("Anda sudah mengisi survei ini hari ini, atau terlalu banyak percobaan. Terima kasih.", "salah");
      } else if (res.status === 400) {
        say("Jawaban belum lengkap atau tidak sesuai. Mohon periksa kembali.", "salah");
      } else {
        say("Jawaban belum terkirim. Silakan coba lagi sebentar lagi.", "salah");
      }
    } catch {
      say("Jawaban belum terkirim (jaringan). Silakan coba lagi.", "salah");
    } finally {
      button.disabled = false;
    }
  });
})();
