// /pengaduan/{unitId}: sends a complaint's next step (diproses, selesai with a response, ditutup with a reason) to
// POST /api/v1/complaints/{id}/transitions and reloads the list; errors are shown as text (never as HTML).
"use strict";
(function () {
    const message = document.getElementById("pesan");

    async function move(item, to, text) {
        const body = { to: to };
        if (to === "selesai") body.response = text;
        if (to === "ditutup") body.reason = text;
        message.textContent = "Menyimpan…";
        try {
            const response = await fetch("/api/v1/complaints/" + encodeURIComponent(item.dataset.id) + "/transitions", {
                method: "POST",
                headers: { Accept: "application/json", "Content-Type": "application/json" },
                credentials: "same-origin",
                body: JSON.stringify(body),
            });
            if (response.ok) {
                location.reload();
                return;
            }
            const problem = await response.json().catch(() => ({}));
            message.textContent = response.status === 409
                ? "Pengaduan ini sudah diubah orang lain. Muat ulang halaman."
                : "Gagal menyimpan: " + (problem.detail || response.status);
        } catch (e) {
            message.textContent = "Tidak terhubung ke server. Coba lagi.";
        }
    }

    document.querySelectorAll("li.aduan").forEach(function (item) {
        item.querySelectorAll("button[data-to]").forEach(function (button) {
            button.addEventListener("click", function () { move(item, button.dataset.to, null); });
        });
        item.querySelectorAll("form[data-to]").forEach(function (form) {
            form.addEventListener("submit", function (e) {
                e.preventDefault();
                const text = form.elements.namedItem("teks").value.trim();
                if (!text) {
                    message.textContent = form.dataset.to === "selesai" ? "Tulis jawaban untuk warga." : "Tulis alasan penutupan.";
                    return;
                }
                move(item, form.dataset.to, text);
            });
        });
    });
})();
