using System.Net.Http.Json;
using Dapper;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Rules.Live;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Rules;

/// <summary>
/// Ingested events reach the rules: DOMAIN.md PP 94/2021 row "3 TKS days → teguran lisan" fires once,
/// from exactly one of two rules processes sharing the database (both with the same fixed mid-month clock).
/// </summary>
public sealed class LiveRulesTests(MidMonthAppFactory app) : IClassFixture<MidMonthAppFactory>
{
    [Fact]
    public async Task ThreeTksDays_FireTeguranLisanOnce_EvenWithTwoRulesProcesses()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(app.DataSource, "kota-rules", "kota-rules-dinsos", 5, nipOffset: 7000);
        await using var second = app.WithWebHostBuilder(_ => { }); // same settings and clock, a process of its own
        _ = app.Services;
        _ = second.Services; // both processes run indicators and rules on the same database

        var days = WorkingDaysBefore(DateOnly.FromDateTime(MidMonthAppFactory.Now.ToOffset(TimeSpan.FromHours(7)).DateTime), 3);
        var absentee = nips[2];
        var items = days.Select(d => new { eventId = Guid.NewGuid(), nip = absentee, day = d.ToString("yyyy-MM-dd"), status = "tanpa_keterangan" });
        var source = app.ClientWithKey(await app.SourceKeyAsync("absensi-kota-rules", "region:kota-rules"));
        var response = await source.PostAsJsonAsync("/api/v1/attendance", items);
        response.EnsureSuccessStatusCode();

        await using var conn = await app.DataSource.OpenConnectionAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var fired = 0;
        while (fired == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            fired = await conn.ExecuteScalarAsync<int>(
                "select count(*) from trigger where nip = @absentee and code = 'TEGURAN_LISAN'", new { absentee });
        }
        Assert.Equal(1, fired);
        await Task.Delay(1500); // give a second evaluator every chance to duplicate
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>(
            "select count(*) from trigger where nip = @absentee and code = 'TEGURAN_LISAN'", new { absentee }));
        var inputs = await conn.ExecuteScalarAsync<string>(
            "select inputs::text from trigger where nip = @absentee and code = 'TEGURAN_LISAN'", new { absentee });
        Assert.Contains("3", inputs); // the trigger records the TKS count it read

        var evaluators = new[] { app.Services, second.Services }.Select(s => s.GetRequiredService<LiveRulesEvaluator>()).ToList();
        Assert.Single(evaluators, e => e.Evaluated > 0);
    }

    private static List<DateOnly> WorkingDaysBefore(DateOnly today, int count)
    {
        var days = new List<DateOnly>();
        for (var d = today; days.Count < count && d.Month == today.Month; d = d.AddDays(-1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days.Add(d);
            }
        }
        Assert.Equal(count, days.Count); // the 18th always has them
        return days;
    }
}
