using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Kinerja.Core.Clock;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kinerja.Dashboard.Tests.Clock;

/// <summary>
/// A clock set only in configuration (<c>Kinerja:Clock:StartAt</c>) drives what the product checks and shows:
/// the ingest skew and "future day" checks, "this month" of the indicators, the screens' clock, and the rules'
/// month close. On the machine's clock every one of these would read today instead.
/// </summary>
public sealed partial class ShiftedClockTests(ShiftedClockAppFactory app) : IClassFixture<ShiftedClockAppFactory>
{
    private const string Region = ShiftedClockAppFactory.RegionId;

    [Fact]
    public async Task Ingest_ChecksEventTimesAgainstTheConfiguredClock()
    {
        var source = app.ClientWithKey(await app.SourceKeyAsync("jam-ingest", "region:" + Region));
        var nip = app.Nips[1];

        var activities = await PostAsync(source, "/api/v1/activities",
            Activity(nip, ShiftedClockAppFactory.StartAt.AddHours(-1)),
            Activity(nip, DateTimeOffset.UtcNow.AddMinutes(-1))); // the machine's "now" is long after the configured one
        var attendance = await PostAsync(source, "/api/v1/attendance",
            new { eventId = Guid.NewGuid(), nip, day = "2025-05-20", status = "hadir" },
            new { eventId = Guid.NewGuid(), nip, day = "2025-05-21", status = "hadir" });

        Assert.Equal(["accepted", "rejected"], Statuses(activities));
        Assert.Contains("is in the future", activities);
        Assert.Equal(["accepted", "rejected"], Statuses(attendance));
        Assert.Contains("local today is 2025-05-20", attendance);
    }

    [Fact]
    public async Task Indicators_WithoutAPeriod_AreForTheConfiguredMonth()
    {
        var hr = await app.ClientAsAsync("sdm");

        using var region = JsonDocument.Parse(await hr.GetStringAsync($"/api/v1/indicators/region/{Region}"));

        Assert.Equal("2025-05", region.RootElement.GetProperty("period").GetString());
    }

    [Fact]
    public async Task BoardPage_GivesTheScreensClockTheConfiguredNow()
    {
        var leader = await app.ClientAsAsync("pimpinan", Region);

        var html = await leader.GetStringAsync($"/papan/{Region}");

        var now = DateTimeOffset.FromUnixTimeMilliseconds(
            long.Parse(DataNow().Match(html).Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.InRange(now, ShiftedClockAppFactory.StartAt, ShiftedClockAppFactory.StartAt.AddMinutes(10));
    }

    [Fact]
    public async Task MonthClose_EvaluatesTheMonthBeforeTheConfiguredOne()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var periods = new List<string>();

        await Eventually.TrueAsync(async () =>
        {
            periods = (await conn.QueryAsync<string>(
                "select period from \"trigger\" where nip = @nip and code = 'TEGURAN_LISAN'", new { nip = app.AprilAbsentee })).ToList();
            return periods.Contains("2025-04");
        }, "a TEGURAN_LISAN trigger for April 2025 from the month close", TimeSpan.FromSeconds(30));

        Assert.Contains("2025-04", periods);
    }

    [Fact]
    public void Start_WarnsThatTheClockIsShiftedAndTheBannerSaysSo()
    {
        var shifted = app.Services.GetRequiredService<KinerjaClock>().Shifted; // the banner's "Clock:" line

        Assert.Contains("started at 2025-05-20T10:00:00+07:00 (Kinerja:Clock:StartAt)", shifted);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Warning
            && e.Message.StartsWith("The clock is shifted: started at 2025-05-20T10:00:00+07:00", StringComparison.Ordinal));
    }

    private static object Activity(string nip, DateTimeOffset occurredAt) => new
    {
        eventId = Guid.NewGuid(),
        nip,
        occurredAt,
        minutes = 30,
        description = "Menyusun laporan pelayanan",
    };

    private static async Task<string> PostAsync(HttpClient source, string path, params object[] items)
    {
        using var response = await source.PostAsJsonAsync(path, items);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    private static List<string> Statuses(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()!).ToList();
    }

    [GeneratedRegex("data-now=\"(\\d+)\"")]
    private static partial Regex DataNow();
}
