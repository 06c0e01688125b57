using System.Net;
using System.Net.Http.Json;
using Dapper;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kinerja.EndToEnd.Tests;

/// <summary>
/// The employee page <c>/saya</c> in Chromium, signed in as a pegawai of the showcase region (a staff member of Dinas
/// Kesehatan with this month's history) whose superior is the unit's head: own figures, the daily report form (one
/// row per report however often it is tapped), a return with a note arriving live, hostile text shown as text.
/// </summary>
public sealed class SayaPageTests(LiveServer server) : IClassFixture<LiveServer>
{
    private const string Unit = "dinas-kesehatan";
    private const string Employee = "saya-pegawai";
    private const string Superior = "saya-atasan";
    private const string Hostile = "<img src=x onerror=\"window.__xss=1\">";

    private ShowcaseData.Person Me => server.Data.InUnit(Unit)[1];

    private ShowcaseData.Person Boss => server.Data.InUnit(Unit)[0];

    private async Task AccountsAsync()
    {
        if (await server.Services.GetRequiredService<UserStore>().FindAsync(Employee) is not null)
        {
            return;
        }
        await server.AddEmployeeAccountAsync(Employee, Me.Nip);
        await server.AddEmployeeAccountAsync(Superior, Boss.Nip);
    }

    private async Task<IPage> SayaAsync(int width = 1280, int height = 900)
    {
        await AccountsAsync();
        var page = await server.NewPageAsync(width, height, Employee);
        await page.GotoAsync("/saya");
        await Assertions.Expect(page.Locator("#koneksi")).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(page.Locator("#daftar-aktivitas li.aktivitas").First).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.__belumMuatUlang = true; }");
        return page;
    }

    private HttpClient As(string user)
    {
        var client = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(TestUserHandler.Header, user);
        return client;
    }

    private async Task<long> StoredAsync(string description)
    {
        await using var conn = await server.DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("select count(*) from activity where nip = @nip and description = @description",
            new { nip = Me.Nip, description });
    }

    private static async Task ReportAsync(IPage page, string description, int minutes)
    {
        await page.Locator("#menit").FillAsync(minutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#uraian").FillAsync(description);
        await page.Locator("#keluaran").FillAsync("surat");
        await page.Locator("#volume").FillAsync("2");
        await page.Locator("#kirim-lapor").DblClickAsync();
        await Assertions.Expect(page.Locator("#pesan-lapor")).ToHaveTextAsync("Laporan terkirim. Menunggu persetujuan atasan.");
    }

    [Fact]
    public async Task Saya_shows_the_employees_own_figures_and_triggers_with_why()
    {
        await using (var conn = await server.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                insert into "trigger" (kind, code, nip, period, workflow, version, rule, inputs, fired_at)
                values ('COACHING', 'PEMBINAAN_ATASAN', @nip, to_char(now(), 'YYYY-MM'), 'tindak_lanjut', 7, 'PEMBINAAN_UJI_SAYA',
                        '{"tksDaysYtd": 4}'::jsonb, now())
                on conflict do nothing
                """, new { nip = Me.Nip });
        }
        var page = await SayaAsync();
        await Assertions.Expect(page.Locator("#nama")).ToHaveTextAsync(Me.Name);
        await Assertions.Expect(page.Locator("#menit-bulan")).Not.ToHaveTextAsync("—");
        await Assertions.Expect(page.Locator("#menit-bulan-ket")).ToContainTextAsync("menit target");
        await Assertions.Expect(page.Locator("#isi-kehadiran")).ToContainTextAsync("TKS tahun ini");
        await Assertions.Expect(page.Locator("#saran-predikat li").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#asof")).ToContainTextAsync("Data per");
        // The head of the unit rates their reports; a staff member is rated by and rates the head (bawahan) and peers.
        await Assertions.Expect(page.Locator("#isi-360 form.dinilai").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#isi-360")).ToContainTextAsync(Boss.Name);
        Assert.Equal(0, await page.Locator("#tautan-tim").CountAsync());
        var trigger = page.Locator("#daftar-tindak li.tindak").Filter(new() { HasText = "pembinaan atasan" });
        await trigger.Locator("summary").First.ClickAsync();
        await Assertions.Expect(trigger.First).ToContainTextAsync("Aturan PEMBINAAN_UJI_SAYA dari alur kerja tindak_lanjut versi 7.");
        await Assertions.Expect(trigger.First.Locator(".masukan")).ToContainTextAsync("tksDaysYtd");
        await LiveServer.ScreenshotAsync(page, "20-saya-desktop");

        var boss = await server.NewPageAsync(1280, 900, Superior);
        await boss.GotoAsync("/saya");
        await Assertions.Expect(boss.Locator("#tautan-tim")).ToHaveAttributeAsync("href", "/tim");
    }

    [Fact]
    public async Task Report_posted_twice_by_a_double_tap_is_stored_once_and_appears_as_menunggu_without_reload()
    {
        var page = await SayaAsync();
        var description = "Verifikasi berkas " + Hostile + " " + Guid.NewGuid().ToString("N")[..6];
        await ReportAsync(page, description, 45);

        var row = page.Locator("#daftar-aktivitas li.aktivitas").Filter(new() { HasText = description });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator(".lencana")).ToHaveTextAsync("Menunggu");
        await Assertions.Expect(row.Locator(".uraian")).ToHaveTextAsync(description);
        Assert.Equal(1, await StoredAsync(description));
        Assert.Equal(0, await page.Locator("#daftar-aktivitas img").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__belumMuatUlang === true"), "the page was reloaded");
    }

    [Fact]
    public async Task Report_with_a_future_day_or_no_description_shows_indonesian_errors_next_to_the_fields()
    {
        var page = await SayaAsync();
        var tomorrow = await page.EvaluateAsync<string>(
            "() => { const d = new Date(document.body.dataset.today + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + 1); return d.toISOString().slice(0, 10); }");
        await page.Locator("#hari").FillAsync(tomorrow);
        await page.Locator("#menit").FillAsync("0");
        await page.Locator("#kirim-lapor").ClickAsync();
        await Assertions.Expect(page.Locator("#galat-hari")).ToHaveTextAsync("Tanggal tidak boleh di masa depan.");
        await Assertions.Expect(page.Locator("#galat-menit")).ToHaveTextAsync("Menit harus bilangan bulat lebih dari 0.");
        await Assertions.Expect(page.Locator("#galat-uraian")).ToHaveTextAsync("Uraian kegiatan wajib diisi.");

        // The server's own per-item refusal (over the region's daily maximum), said in Indonesian beside the field.
        await page.Locator("#hari").FillAsync(await page.EvaluateAsync<string>("() => document.body.dataset.today"));
        await page.Locator("#menit").FillAsync("5000");
        await page.Locator("#uraian").FillAsync("Terlalu lama");
        await page.Locator("#kirim-lapor").ClickAsync();
        await Assertions.Expect(page.Locator("#galat-menit")).ToContainTextAsync("Menit harus antara 1 dan");
        Assert.Equal(0, await StoredAsync("Terlalu lama"));
    }

    [Fact]
    public async Task Return_with_a_note_by_the_superior_shows_dikembalikan_and_the_note_as_text_without_reload()
    {
        var page = await SayaAsync();
        var description = "Rekap kunjungan puskesmas " + Guid.NewGuid().ToString("N")[..6];
        await ReportAsync(page, description, 60);
        await using var conn = await server.DataSource.OpenConnectionAsync();
        var eventId = await conn.ExecuteScalarAsync<Guid>("select event_id from activity where description = @description", new { description });

        var note = "Lampirkan daftar hadir " + Hostile;
        using var boss = As(Superior);
        using var review = await boss.PostAsJsonAsync("/api/v1/team/reviews",
            new[] { new { eventId = Guid.NewGuid(), activityEventId = eventId, approved = false, note } });
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);

        var row = page.Locator("#daftar-aktivitas li.aktivitas").Filter(new() { HasText = description });
        await Assertions.Expect(row.Locator(".lencana")).ToHaveTextAsync("Dikembalikan");
        await Assertions.Expect(row.Locator(".catatan-atasan")).ToHaveTextAsync("Dikembalikan atasan: " + note);
        await Assertions.Expect(row.Locator("button.ubah")).ToHaveTextAsync("Perbaiki dan kirim ulang");
        Assert.Equal(0, await page.Locator("#daftar-aktivitas img").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__belumMuatUlang === true"), "the page was reloaded");
        await LiveServer.ScreenshotAsync(page, "21-saya-dikembalikan");

        // Correct and resubmit: the corrected activity is a new event, the returned one is withdrawn naming it
        await row.Locator("button.ubah").ClickAsync();
        await Assertions.Expect(page.Locator("#judul-lapor")).ToHaveTextAsync("Perbaiki dan kirim ulang");
        await Assertions.Expect(page.Locator("#uraian")).ToHaveValueAsync(description);
        var corrected = description + " (diperbaiki)";
        await page.Locator("#uraian").FillAsync(corrected);
        await page.Locator("#kirim-lapor").ClickAsync();
        await Assertions.Expect(page.Locator("#pesan-lapor")).ToContainTextAsync("Perbaikan terkirim");
        await Assertions.Expect(page.Locator("#daftar-aktivitas li.aktivitas").Filter(new() { HasText = corrected }).Locator(".lencana"))
            .ToHaveTextAsync("Menunggu");
        await Assertions.Expect(page.Locator($"#daftar-aktivitas li[data-id='{eventId}']")).ToHaveCountAsync(0);
        var replacement = await conn.ExecuteScalarAsync<Guid>("select event_id from activity where description = @corrected", new { corrected });
        Assert.Equal(("withdrawn", (Guid?)replacement), await conn.QuerySingleAsync<(string, Guid?)>("""
            select a.status, w.replaced_by from activity a join activity_withdrawal w on w.activity_event_id = a.event_id
            where a.event_id = @eventId
            """, new { eventId }));
    }

    [Fact]
    public async Task Withdrawing_a_pending_report_takes_a_second_tap_and_stores_one_withdrawal()
    {
        var page = await SayaAsync();
        var description = "Konsep surat edaran " + Guid.NewGuid().ToString("N")[..6];
        await ReportAsync(page, description, 45);
        await using var conn = await server.DataSource.OpenConnectionAsync();
        var eventId = await conn.ExecuteScalarAsync<Guid>("select event_id from activity where description = @description", new { description });
        var row = page.Locator($"#daftar-aktivitas li[data-id='{eventId}']");
        var pull = row.Locator("button.tarik");

        await pull.ClickAsync();
        await Assertions.Expect(pull).ToHaveTextAsync("Ketuk lagi untuk menarik");
        Assert.Equal("pending", await conn.ExecuteScalarAsync<string>("select status from activity where event_id = @eventId", new { eventId }));
        // a live update re-renders the list between the two taps (here: showing and hiding withdrawn reports); the
        // second tap must still confirm
        await page.Locator("#tampil-ditarik").CheckAsync();
        await page.Locator("#tampil-ditarik").UncheckAsync();
        await Assertions.Expect(pull).ToHaveTextAsync("Ketuk lagi untuk menarik");
        await pull.ClickAsync();

        await Assertions.Expect(page.Locator("#pesan-aktivitas")).ToHaveTextAsync("Laporan ditarik.");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Equal(("withdrawn", 1L), await conn.QuerySingleAsync<(string, long)>("""
            select a.status, (select count(*) from activity_withdrawal w where w.activity_event_id = a.event_id)
            from activity a where a.event_id = @eventId
            """, new { eventId }));
    }

    [Fact]
    public async Task Anonymous_is_sent_to_sign_in_and_an_account_without_a_nip_is_told_why()
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUri.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/saya");
        Assert.Contains("/masuk", page.Url, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=%2Fsaya", page.Url, StringComparison.Ordinal);

        using var admin = As(LiveServer.User);
        using var refused = await admin.GetAsync("/saya");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        // Browsers signed in with a cookie are sent here on that refusal (CookieEvents → /akses-ditolak?ReturnUrl=/saya).
        await page.GotoAsync("/akses-ditolak?ReturnUrl=%2Fsaya");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Akun ini tidak terhubung dengan pegawai");
        await page.GotoAsync("/akses-ditolak?ReturnUrl=%2Faturan");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Akses ditolak");
    }

    [Fact]
    public async Task Lost_connection_shows_since_when_the_data_is_stale_and_the_page_reconnects_by_itself()
    {
        var page = await SayaAsync();
        // The activity list can show before the first load has finished as a whole (the moment "Data per" is written).
        await Assertions.Expect(page.Locator("#asof")).ToContainTextAsync("Data per ");
        await page.EvaluateAsync("() => window.Saya.state.connection.stop()");
        await Assertions.Expect(page.Locator("#basi")).ToBeVisibleAsync();
        // Read after the stop: a load that was still under way may have moved "Data per" on; the banner follows it.
        var asOf = (await page.Locator("#asof").TextContentAsync())!.Replace("Data per ", "", StringComparison.Ordinal);
        Assert.Matches(@"^\d{2}[.:]\d{2} WI[BTA]$", asOf);
        await Assertions.Expect(page.Locator("#basi")).ToContainTextAsync("Data tidak terbarui sejak " + asOf);
        await Assertions.Expect(page.Locator("#koneksi")).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(page.Locator("#basi")).ToBeHiddenAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__belumMuatUlang === true"), "the page was reloaded");
    }

    [Fact]
    public async Task An_account_disabled_while_the_page_is_open_is_told_its_session_ended_and_stops_reconnecting()
    {
        const string leaver = "saya-berhenti";
        var users = server.Services.GetRequiredService<UserStore>();
        if (await users.FindAsync(leaver) is null)
        {
            await server.AddEmployeeAccountAsync(leaver, server.Data.InUnit(Unit)[2].Nip);
        }
        var page = await server.NewPageAsync(1280, 900, leaver);
        await page.GotoAsync("/saya");
        await Assertions.Expect(page.Locator("#koneksi")).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(page.Locator("#asof")).ToContainTextAsync("Data per");

        await users.SetDisabledAsync(leaver, true, "test:hr");

        var slow = new LocatorAssertionsToContainTextOptions { Timeout = 20_000 };
        await Assertions.Expect(page.Locator("#basi")).ToContainTextAsync(
            "Sesi Anda berakhir atau akun dinonaktifkan; data di halaman ini tidak diperbarui lagi", slow);
        await Assertions.Expect(page.Locator("#basi")).ToContainTextAsync("Muat ulang halaman dan masuk kembali.");
        await Assertions.Expect(page.Locator("#koneksi")).ToHaveAttributeAsync("data-state", "down");
        // Not retried: the connection stays closed (a retry would flip the state to "connecting" within seconds).
        Assert.Equal("Disconnected", await page.EvaluateAsync<string>("() => window.Saya.state.connection.state"));
        await Task.Delay(TimeSpan.FromSeconds(4));
        await Assertions.Expect(page.Locator("#koneksi")).ToHaveAttributeAsync("data-state", "down");
        await LiveServer.ScreenshotAsync(page, "23-saya-sesi-berakhir");
    }

    [Fact]
    public async Task Phone_viewport_has_no_horizontal_scroll()
    {
        var page = await SayaAsync(390, 844);
        await Assertions.Expect(page.Locator("#menit-bulan")).Not.ToHaveTextAsync("—");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"horizontal overflow of {overflow} px");
        var box = await page.Locator("#kirim-lapor").BoundingBoxAsync();
        Assert.True(box is { Height: >= 48 }, $"send button {box?.Width}x{box?.Height}");
        await LiveServer.ScreenshotAsync(page, "22-saya-ponsel");
    }
}
