using System.Net.Http.Json;
using Dapper;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kinerja.EndToEnd.Tests;

/// <summary>
/// The superior's page <c>/tim</c> in Chromium: the heads of the showcase units are the <c>supervisor_nip</c> of their
/// staff, so a pegawai account bound to a head sees the staff's pending activities. Each test uses its own unit, so
/// the tests do not depend on each other's reviews. What was stored is read from PostgreSQL.
/// </summary>
public sealed class TimPageTests(LiveServer server) : IClassFixture<LiveServer>
{
    private const string Hostile = "<img src=x onerror=\"window.__xss=1\"><b>tebal</b> & 'kutip'";

    [Fact]
    public async Task Queue_shows_pending_work_and_an_activity_logged_by_a_report_appears_without_reload_as_text()
    {
        var (head, staff) = await TeamAsync("dinas-pendidikan");
        var page = await server.NewPageAsync(1280, 900, head);
        await page.GotoAsync("/tim");
        await Assertions.Expect(page.Locator("#antrian li.aktivitas").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#asof")).ToContainTextAsync("Data per");
        await Assertions.Expect(page.Locator("#koneksi")).ToHaveAttributeAsync("data-state", "connected");
        await page.EvaluateAsync("() => { window.__belumMuatUlang = true; }");

        var id = await LogActivityAsync(staff[0], Hostile, minutesAgo: 5);

        var row = page.Locator($"#antrian li[data-id='{id}']");
        await Assertions.Expect(row.Locator(".uraian")).ToHaveTextAsync(Hostile);
        Assert.Equal(0, await row.Locator(".uraian b, .uraian img").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), "a description ran as markup");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__belumMuatUlang === true"), "the page was reloaded");
        // Team indicators come from GET /api/v1/team: one card per direct report.
        await Assertions.Expect(page.Locator("#tim li.anggota")).ToHaveCountAsync(staff.Count);
        await Assertions.Expect(page.Locator($"#tim li.anggota[data-nip='{staff[0]}']")).ToContainTextAsync("menit");
        await LiveServer.ScreenshotAsync(page, "07-tim-desktop");
    }

    [Fact]
    public async Task Returning_needs_a_note_and_a_returned_activity_leaves_the_queue_with_the_note_stored()
    {
        var (head, staff) = await TeamAsync("dinas-kesehatan");
        var id = await LogActivityAsync(staff[1], "Menyusun laporan bulanan", minutesAgo: 8);
        var page = await server.NewPageAsync(1280, 900, head);
        await page.GotoAsync("/tim");
        var row = page.Locator($"#antrian li[data-id='{id}']");
        await Assertions.Expect(row).ToBeVisibleAsync();

        await row.Locator("button.kembali").ClickAsync();
        await Assertions.Expect(row.Locator("p.salah")).ToHaveTextAsync("Tulis umpan balik sebelum mengembalikan aktivitas.");
        await row.Locator("input.pilih").CheckAsync();
        await page.Locator("#kembalikan-terpilih").ClickAsync();
        await Assertions.Expect(page.Locator("#pesan-massal")).ToHaveTextAsync("Tulis umpan balik untuk aktivitas yang dikembalikan.");
        await Assertions.Expect(row).ToBeVisibleAsync();
        Assert.Empty(await ReviewsAsync(id));

        await row.Locator("textarea.catatan").FillAsync("Lampirkan daftar hadir rapat");
        await row.Locator("button.kembali").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        var stored = Assert.Single(await EventuallyAsync(() => ReviewsAsync(id)));
        Assert.Equal((false, "Lampirkan daftar hadir rapat", head.Nip), (stored.Approved, stored.Note, stored.ReviewerNip));
        await page.WaitForTimeoutAsync(600);
        await Assertions.Expect(row).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Approving_several_at_once_stores_one_review_each()
    {
        var (head, staff) = await TeamAsync("disdukcapil");
        var ids = new[] { await LogActivityAsync(staff[2], "Verifikasi berkas KTP", 12), await LogActivityAsync(staff[2], "Entri data KK", 11),
            await LogActivityAsync(staff[3], "Pelayanan loket", 10) };
        var page = await server.NewPageAsync(1280, 900, head);
        await page.GotoAsync("/tim");
        foreach (var id in ids)
        {
            await page.Locator($"#antrian li[data-id='{id}'] input.pilih").CheckAsync();
        }
        await page.Locator("#setujui-terpilih").ClickAsync();
        await Assertions.Expect(page.Locator("#pesan-massal")).ToHaveTextAsync("3 dari 3 aktivitas disetujui.");
        foreach (var id in ids)
        {
            await Assertions.Expect(page.Locator($"#antrian li[data-id='{id}']")).ToHaveCountAsync(0);
            var review = Assert.Single(await EventuallyAsync(() => ReviewsAsync(id)));
            Assert.True(review.Approved);
        }
    }

    [Fact]
    public async Task A_double_click_on_approve_stores_one_review_and_leaves_the_next_item_alone()
    {
        var (head, staff) = await TeamAsync("dinas-perhubungan");
        var first = await LogActivityAsync(staff[4], "Patroli lalu lintas pagi", minutesAgo: 20);
        var next = await LogActivityAsync(staff[4], "Patroli lalu lintas siang", minutesAgo: 10);
        var page = await server.NewPageAsync(1280, 900, head);
        await page.GotoAsync("/tim");
        await Assertions.Expect(page.Locator($"#antrian li[data-id='{next}']")).ToBeVisibleAsync();
        await page.Locator("#saring-pegawai").SelectOptionAsync(staff[4]);
        await Assertions.Expect(page.Locator("#antrian li.aktivitas").Last).ToHaveAttributeAsync("data-id", next.ToString());

        await page.Locator($"#antrian li[data-id='{first}'] button.setuju").DblClickAsync();

        await Assertions.Expect(page.Locator($"#antrian li[data-id='{first}']")).ToHaveCountAsync(0);
        Assert.Single(await EventuallyAsync(() => ReviewsAsync(first)));
        await page.WaitForTimeoutAsync(1000);
        Assert.Single(await ReviewsAsync(first));
        Assert.Empty(await ReviewsAsync(next));
        await Assertions.Expect(page.Locator($"#antrian li[data-id='{next}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_review_that_failed_on_the_way_comes_back_with_an_error_and_its_retry_reuses_the_event_id()
    {
        var (head, staff) = await TeamAsync("dinas-pendidikan");
        var dropped = await LogActivityAsync(staff[5], "Menyusun bahan ajar", minutesAgo: 7);
        var unanswered = await LogActivityAsync(staff[6], "Rapat guru", minutesAgo: 6);
        var page = await server.NewPageAsync(1280, 900, head);
        var sent = new List<string>();
        // The first review never reaches the server; the second is stored but its answer is lost; later ones pass.
        await page.RouteAsync("**/api/v1/team/reviews", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }
            sent.Add(route.Request.PostData!);
            if (sent.Count == 1)
            {
                await route.AbortAsync();
                return;
            }
            var response = await route.FetchAsync();
            if (sent.Count == 2)
            {
                await route.AbortAsync();
                return;
            }
            await route.FulfillAsync(new RouteFulfillOptions { Response = response });
        });
        await page.GotoAsync("/tim");
        await Assertions.Expect(page.Locator("#koneksi")).ToHaveAttributeAsync("data-state", "connected");
        var row = page.Locator($"#antrian li[data-id='{dropped}']");
        await row.Locator("button.setuju").ClickAsync();
        await Assertions.Expect(row.Locator("p.salah")).ToHaveTextAsync("Tidak dapat menghubungi server. Periksa koneksi lalu coba lagi.");
        Assert.Empty(await ReviewsAsync(dropped));

        // The answer of this one is lost: the re-read of the queue shows it was stored, so it stays gone.
        await page.Locator($"#antrian li[data-id='{unanswered}'] button.setuju").ClickAsync();
        Assert.Single(await EventuallyAsync(() => ReviewsAsync(unanswered)));
        await page.WaitForTimeoutAsync(800);
        await Assertions.Expect(page.Locator($"#antrian li[data-id='{unanswered}']")).ToHaveCountAsync(0);

        await row.Locator("button.setuju").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Single(await EventuallyAsync(() => ReviewsAsync(dropped)));
        Assert.Equal(3, sent.Count);
        string EventIdOf(int i) => System.Text.Json.JsonDocument.Parse(sent[i]).RootElement[0].GetProperty("eventId").GetString()!;
        Assert.Equal(EventIdOf(0), EventIdOf(2));
        Assert.NotEqual(EventIdOf(0), EventIdOf(1));
        Assert.Single(await ReviewsAsync(unanswered));
    }

    [Fact]
    public async Task Phone_has_no_horizontal_scroll_and_a_feedback_note_is_sent_and_listed()
    {
        var (head, staff) = await TeamAsync("bappeda");
        await LogActivityAsync(staff[0], "Rapat koordinasi " + new string('x', 120), minutesAgo: 15);
        var phone = await server.NewPageAsync(390, 844, head);
        await phone.GotoAsync("/tim");
        await Assertions.Expect(phone.Locator("#antrian li.aktivitas").First).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("#tim li.anggota").First).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the page scrolls sideways on a phone");
        // Measured in one evaluation: the list may be re-rendered (a hub re-read) between a locate and a measure.
        var height = await phone.EvaluateAsync<double>("() => document.querySelector('#antrian li.aktivitas button.setuju').getBoundingClientRect().height");
        Assert.True(height >= 44, $"touch target {height} px high");
        await LiveServer.ScreenshotAsync(phone, "08-tim-ponsel");

        await phone.Locator("#umpan-pegawai").SelectOptionAsync(staff[1]);
        await phone.Locator("#umpan-kirim").ClickAsync();
        await Assertions.Expect(phone.Locator("#umpan-pesan")).ToHaveTextAsync("Tulis catatan terlebih dahulu.");
        await phone.Locator("#umpan-catatan").FillAsync(Hostile);
        await phone.Locator("#umpan-kirim").ClickAsync();
        await Assertions.Expect(phone.Locator("#umpan-pesan")).ToHaveTextAsync("Umpan balik terkirim.");
        await Assertions.Expect(phone.Locator("#umpan-daftar li p").First).ToHaveTextAsync(Hostile);
        Assert.True(await phone.EvaluateAsync<bool>("() => window.__xss === undefined"), "a note ran as markup");
        await using var conn = await server.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from feedback_note where author_nip = @a and nip = @n and note = @note",
            new { a = head.Nip, n = staff[1], note = Hostile }));
    }

    [Fact]
    public async Task An_employee_without_reports_sees_an_Indonesian_message_and_anonymous_is_sent_to_sign_in()
    {
        var (_, staff) = await TeamAsync("dpmptsp");
        var page = await server.NewPageAsync(390, 844, await AccountAsync(staff[0]));
        var response = await page.GotoAsync("/tim");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator("#pesan-tim")).ToContainTextAsync("Anda belum memiliki bawahan langsung");

        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUri.ToString() });
        var anonymous = await context.NewPageAsync();
        await anonymous.GotoAsync("/tim");
        Assert.Contains("/masuk", anonymous.Url, StringComparison.Ordinal);
        await context.CloseAsync();
    }

    private sealed record Account(string Name, string Nip)
    {
        public static implicit operator string(Account a) => a.Name;
    }

    private sealed record Review(bool Approved, string? Note, string ReviewerNip);

    /// <summary>A pegawai account for the unit's head (the staff's supervisor) and the staff NIPs.</summary>
    private async Task<(Account Head, IReadOnlyList<string> Staff)> TeamAsync(string unitId)
    {
        var people = server.Data.InUnit(unitId);
        return (new Account(await AccountAsync(people[0].Nip), people[0].Nip), people.Skip(1).Select(p => p.Nip).ToList());
    }

    private async Task<string> AccountAsync(string nip)
    {
        var name = "tim-" + nip;
        var users = server.Services.GetRequiredService<UserStore>();
        if (await users.FindAsync(name) is null)
        {
            await server.AddEmployeeAccountAsync(name, nip);
        }
        return name;
    }

    /// <summary>Logs an activity as the employee themself (<c>POST /api/v1/me/activities</c>), the way /saya does.</summary>
    private async Task<Guid> LogActivityAsync(string nip, string description, int minutesAgo)
    {
        var id = Guid.NewGuid();
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Add(TestUserHandler.Header, await AccountAsync(nip));
        using var response = await http.PostAsJsonAsync("/api/v1/me/activities", new[]
        {
            new { eventId = id, nip, occurredAt = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo), minutes = 30, description, output = "laporan", volume = 1 },
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode && body.Contains("\"accepted\":1", StringComparison.Ordinal), body);
        return id;
    }

    private async Task<IReadOnlyList<Review>> ReviewsAsync(Guid activity)
    {
        await using var conn = await server.DataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<Review>(
            "select approved, note, reviewer_nip::text as reviewernip from activity_review where activity_event_id = @activity",
            new { activity })).ToList();
    }

    private static async Task<IReadOnlyList<Review>> EventuallyAsync(Func<Task<IReadOnlyList<Review>>> read)
    {
        for (var i = 0; ; i++)
        {
            var rows = await read();
            if (rows.Count > 0 || i == 50)
            {
                return rows;
            }
            await Task.Delay(100);
        }
    }
}
