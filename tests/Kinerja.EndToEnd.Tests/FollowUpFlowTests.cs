using Dapper;
using Kinerja.Core.Indicators;
using Kinerja.Dashboard.Access;
using Kinerja.Rules.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kinerja.EndToEnd.Tests;

/// <summary>
/// A follow-up in Chromium from the trigger to done with evidence: the active rules fire "Pembinaan oleh atasan" for an
/// employee, the item appears on the superior's <c>/tim</c>, the superior closes it with a note and an evidence link, and
/// the employee sees it done, read-only, on <c>/saya</c>. What was stored is read from PostgreSQL.
/// </summary>
public sealed class FollowUpFlowTests(LiveServer server) : IClassFixture<LiveServer>
{
    private const string Hostile = "<b>tebal</b> <img src=x onerror=\"window.__xss=1\"> selesai dibina";

    [Fact]
    public async Task Coaching_from_trigger_to_done_with_evidence_on_tim_and_seen_done_on_saya()
    {
        var people = server.Data.InUnit("dinas-pendidikan");
        var head = await AccountAsync(people[0].Nip);
        var staff = people[1];
        var evaluation = server.Services.GetRequiredService<RuleEvaluationService>();
        var snapshot = new IndicatorSnapshot
        {
            Nip = staff.Nip, UnitId = staff.UnitId, RegionId = RegionOf(staff.UnitId), Period = "2025-06", HasilKerjaAvg = 2.0,
            BerAkhlakAvg = 4.5,
        };
        var batch = await evaluation.EvaluateAndStoreAsync([snapshot], null, CancellationToken.None);
        var trigger = Assert.Single(batch.NewTriggers, t => t.Code == "PEMBINAAN_ATASAN");
        await using var conn = await server.DataSource.OpenConnectionAsync();
        var id = await conn.ExecuteScalarAsync<long>("select id from followup where trigger_id = @id", new { id = trigger.Id });

        var page = await server.NewPageAsync(1280, 900, head);
        await page.GotoAsync("/tim");
        await Assertions.Expect(page.Locator("#koneksi")).ToHaveAttributeAsync("data-state", "connected");
        var item = page.Locator($"#daftar-tindak-lanjut-tim li[data-id='{id}']");
        await Assertions.Expect(item.Locator(".status")).ToHaveTextAsync("Baru");
        await Assertions.Expect(item.Locator(".judul")).ToHaveTextAsync("Pembinaan dan umpan balik berkelanjutan oleh atasan langsung");
        await Assertions.Expect(item).ToContainTextAsync(staff.Name);
        await item.Locator("select.ke").SelectOptionAsync("selesai");
        await item.Locator("button.simpan-tindak").ClickAsync();
        await Assertions.Expect(item.Locator("p.pesan")).ToHaveTextAsync("Pembinaan dan sanksi yang selesai wajib dengan catatan.");
        await item.Locator("textarea.catatan-tindak").FillAsync(Hostile);
        await item.Locator("input.bukti-tindak").FillAsync("https://arsip.example.go.id/pembinaan/berita-acara.pdf");
        await item.Locator("button.simpan-tindak").ClickAsync();

        var done = page.Locator($"#daftar-tindak-lanjut-tim li[data-id='{id}']");
        await Assertions.Expect(done.Locator(".status")).ToHaveTextAsync("Selesai");
        await Assertions.Expect(done.Locator("a.bukti").First).ToHaveAttributeAsync("href", "https://arsip.example.go.id/pembinaan/berita-acara.pdf");
        await Assertions.Expect(done.Locator("form.ubah-tindak")).ToHaveCountAsync(0);
        await done.Locator("details.riwayat summary").ClickAsync();
        await Assertions.Expect(done.Locator(".riwayat-daftar .catatan")).ToHaveTextAsync(Hostile);
        Assert.Equal(0, await done.Locator(".riwayat-daftar b, .riwayat-daftar img").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), "a note ran as markup");
        await LiveServer.ScreenshotAsync(page, "19-tindak-lanjut-tim");

        var stored = await conn.QuerySingleAsync<(string State, string? Evidence, int History)>("""
            select state, evidence_url, (select count(*)::int from followup_history where followup_id = f.id) from followup f where id = @id
            """, new { id });
        Assert.Equal(("selesai", "https://arsip.example.go.id/pembinaan/berita-acara.pdf", 2), stored);

        var own = await server.NewPageAsync(390, 844, await AccountAsync(staff.Nip));
        await own.GotoAsync("/saya");
        var mine = own.Locator($"#daftar-tindak-lanjut-saya li[data-id='{id}']");
        await Assertions.Expect(mine.Locator(".status")).ToHaveTextAsync("Selesai");
        await Assertions.Expect(mine.Locator("form.ubah-tindak")).ToHaveCountAsync(0);
        await Assertions.Expect(mine.Locator("a.bukti").First).ToBeVisibleAsync();
    }

    private string RegionOf(string unitId)
    {
        using var conn = server.DataSource.OpenConnection();
        return conn.ExecuteScalar<string>("select region_id from unit where id = @unitId", new { unitId })!;
    }

    private async Task<string> AccountAsync(string nip)
    {
        var name = "tl-" + nip;
        var users = server.Services.GetRequiredService<UserStore>();
        if (await users.FindAsync(name) is null)
        {
            await server.AddEmployeeAccountAsync(name, nip);
        }
        return name;
    }
}
