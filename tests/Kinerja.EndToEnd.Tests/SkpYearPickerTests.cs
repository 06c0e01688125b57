using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kinerja.EndToEnd.Tests;

/// <summary>
/// Issue 17's year picker on <c>/saya</c> ("SKP saya") and <c>/tim</c> ("SKP tim"): an employee with plans of this year and
/// last year switches between them and sees each year's RHK, the choice is kept in <c>?tahun=</c> across a reload, a year
/// the server does not open is said in Indonesian; the superior does the same for the report's plans. Years are the
/// product clock's in the region's local time (faketime-safe).
/// </summary>
public sealed class SkpYearPickerTests(LiveServer server) : IClassFixture<LiveServer>
{
    private const string Unit = "bappeda";
    private const string Employee = "tahun-pegawai";
    private const string Superior = "tahun-atasan";

    [Fact]
    public async Task Employee_and_superior_switch_between_two_years_plans_and_a_reload_keeps_the_year()
    {
        var staff = server.Data.InUnit(Unit);
        var (superiorNip, employeeNip) = (staff[0].Nip, staff[2].Nip);
        await server.AddEmployeeAccountAsync(Employee, employeeNip);
        await server.AddEmployeeAccountAsync(Superior, superiorNip);
        var year = server.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToOffset(TimeSpan.FromHours(7)).Year;
        var last = year - 1;
        await using (var conn = await server.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                insert into unit_iku (unit_id, year, code, name, target_value, target_unit)
                select @Unit, y, 'IKU-1', 'Dokumen perencanaan tepat waktu', 100, 'persen' from unnest(@years) y
                """, new { Unit, years = new[] { last, year } });
        }

        // the superior's plans of both years, and the employee's, each cascading from the superior's RHK of its year, submitted
        var tim = await OpenAsync(Superior, "/tim");
        var saya = await OpenAsync(Employee, "/saya");
        foreach (var y in new[] { last, year })
        {
            var parentId = await SavePlanAsync(tim, y, "A" + y, parentIku: "IKU-1");
            await SavePlanAsync(saya, y, "R" + y, parentRhkId: parentId);
            var submitted = await saya.APIRequest.PostAsync("/api/v1/me/skp/submit", new() { DataObject = new { year = y } });
            Assert.True(submitted.Ok, await submitted.TextAsync());
        }

        // /saya: this year first; last year on choice, kept in the URL and across a reload
        await saya.ReloadAsync();
        var picker = saya.Locator("#skp-tahun");
        await Assertions.Expect(picker.Locator("option")).ToHaveTextAsync([$"{year} (tahun berjalan)", $"{last}"]);
        await Assertions.Expect(picker).ToHaveValueAsync($"{year}");
        await Assertions.Expect(saya.Locator($"#skp-isi li.rhk-baca[data-rhk='R{year}']")).ToBeVisibleAsync();
        await Assertions.Expect(saya.Locator("#skp-isi .status-skp")).ToContainTextAsync($"Rencana SKP {year}");
        await picker.SelectOptionAsync($"{last}");
        await Assertions.Expect(saya.Locator($"#skp-isi li.rhk-baca[data-rhk='R{last}']")).ToBeVisibleAsync();
        await Assertions.Expect(saya.Locator($"#skp-isi li.rhk-baca[data-rhk='R{year}']")).ToHaveCountAsync(0);
        await Assertions.Expect(saya.Locator("#skp-isi .status-skp")).ToContainTextAsync($"Rencana SKP {last}");
        Assert.EndsWith($"/saya?tahun={last}", saya.Url);
        await Assertions.Expect(saya.Locator("#skp-periode option").First).ToHaveTextAsync($"Desember {last}");
        await saya.ReloadAsync();
        await Assertions.Expect(picker).ToHaveValueAsync($"{last}");
        await Assertions.Expect(saya.Locator($"#skp-isi li.rhk-baca[data-rhk='R{last}']")).ToBeVisibleAsync();
        await picker.SelectOptionAsync($"{year}");
        await Assertions.Expect(saya.Locator($"#skp-isi li.rhk-baca[data-rhk='R{year}']")).ToBeVisibleAsync();
        Assert.EndsWith($"/saya?tahun={year}", saya.Url);

        // a year the server does not open: said in Indonesian, this year shown
        await saya.GotoAsync("/saya?tahun=1999");
        await Assertions.Expect(saya.Locator("#skp-pesan")).ToContainTextAsync("SKP tahun 1999 tidak dapat dibuka");
        await Assertions.Expect(saya.Locator($"#skp-isi li.rhk-baca[data-rhk='R{year}']")).ToBeVisibleAsync();

        // /tim: the report's plan of each year
        await tim.ReloadAsync();
        var timPicker = tim.Locator("#skp-tim-tahun");
        await Assertions.Expect(timPicker.Locator("option")).ToHaveTextAsync([$"{year} (tahun berjalan)", $"{last}"]);
        var member = tim.Locator($"#skp-tim-daftar li.anggota[data-nip='{employeeNip}']");
        await Assertions.Expect(member.Locator("details.rencana-anggota > summary .lencana")).ToHaveTextAsync("Diajukan");
        await member.Locator("details.rencana-anggota > summary").ClickAsync();
        await Assertions.Expect(member.Locator($"li.rhk-baca[data-rhk='R{year}']")).ToBeVisibleAsync();
        await Assertions.Expect(member.Locator(".tautan-kaskade")).ToContainTextAsync($"A{year}");
        await timPicker.SelectOptionAsync($"{last}");
        await Assertions.Expect(member.Locator($"li.rhk-baca[data-rhk='R{last}']")).ToBeVisibleAsync();
        await Assertions.Expect(member.Locator($"li.rhk-baca[data-rhk='R{year}']")).ToHaveCountAsync(0);
        await Assertions.Expect(member.Locator(".tautan-kaskade")).ToContainTextAsync($"A{last}");
        Assert.EndsWith($"/tim?tahun={last}", tim.Url);
        await tim.ReloadAsync();
        await Assertions.Expect(timPicker).ToHaveValueAsync($"{last}");
        await member.Locator("details.rencana-anggota > summary").ClickAsync();
        await Assertions.Expect(member.Locator($"li.rhk-baca[data-rhk='R{last}']")).ToBeVisibleAsync();
    }

    /// <summary>Saves a one-RHK plan of <paramref name="year"/> as the page's user; the new RHK's id.</summary>
    private static async Task<long> SavePlanAsync(IPage page, int year, string code, string? parentIku = null, long? parentRhkId = null)
    {
        var rhk = new Dictionary<string, object?>
        {
            ["code"] = code, ["kind"] = "utama", ["text"] = "Rencana hasil kerja " + code,
            ["indicators"] = new[] { new { aspect = "kuantitas", text = "Dokumen tersusun", target = new { value = 4, unit = "dokumen" } } },
        };
        if (parentIku is not null)
        {
            rhk["parentIku"] = parentIku;
        }
        if (parentRhkId is not null)
        {
            rhk["parentRhkId"] = parentRhkId;
        }
        var saved = await page.APIRequest.PostAsync($"/api/v1/me/skp?year={year}", new() { DataObject = new { version = 0, rhk = new[] { rhk } } });
        Assert.True(saved.Ok, await saved.TextAsync());
        using var body = JsonDocument.Parse(await saved.TextAsync());
        return body.RootElement.GetProperty("rhk")[0].GetProperty("id").GetInt64();
    }

    private async Task<IPage> OpenAsync(string user, string path)
    {
        var page = await server.NewPageAsync(1280, 900, user);
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("#koneksi")).ToHaveAttributeAsync("data-state", "connected");
        return page;
    }
}
