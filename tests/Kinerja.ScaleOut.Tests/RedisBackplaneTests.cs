using System.Net;
using System.Text.Json;
using Dapper;
using Kinerja.ScaleOut.Tests.Infrastructure;

namespace Kinerja.ScaleOut.Tests;

/// <summary>
/// Several dashboard instances with the SignalR Redis backplane (issue 8): a screen on instance B
/// gets what was ingested through instance A exactly once, charts are rendered by the publisher only,
/// chart URLs answer on every instance, and two rules processes store and push a trigger once.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class RedisBackplaneTests(RedisBackplaneFixture cluster, Xunit.Abstractions.ITestOutputHelper output)
    : IClassFixture<RedisBackplaneFixture>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task IngestThroughA_ClientOnB_ReceivesEachChangeExactlyOnce()
    {
        var seed = cluster.Seed;
        await using var hub = await LiveHub.ConnectAsync(cluster.B, seed.Admin);
        await hub.SubscribeAsync("region:" + seed.RegionId);
        var snapshot = await hub.WaitForAsync("Indicators", _ => true, Soon);
        var rendersB = (await BoardStats.ReadAsync(cluster.B, seed.Admin)).SvgRenders;
        var rendersA = (await BoardStats.ReadAsync(cluster.A, seed.Admin)).SvgRenders;
        using var source = cluster.A.ClientWithKey(seed.SourceKey);

        var pending = Pending(snapshot);
        var posted = DateTimeOffset.UtcNow;
        await ScaleOutSeed.PostActivitiesAsync(source, seed.Nips, minutes: 70);
        var acked = DateTimeOffset.UtcNow - posted;
        var (first, at) = await hub.WaitForTimedAsync("Indicators", m => Pending(m) == pending + 70L * seed.Nips.Count, Soon);
        output.WriteLine($"POST to A acked in {acked.TotalMilliseconds:0} ms; Indicators on B {(at - posted).TotalMilliseconds:0} ms after the POST");
        // A second change is the marker: anything duplicated from the first would have arrived before it.
        await ScaleOutSeed.PostActivitiesAsync(source, seed.Nips, minutes: 30);
        var second = await hub.WaitForAsync("Indicators", m => Pending(m) == pending + 100L * seed.Nips.Count, Soon);

        // A quiet feed may legitimately resend the same figures and version with a later asOf (the settle
        // flush); a second publisher would send them under another version, a backplane duplicate as an
        // identical message. Neither may happen.
        var indicators = hub.Of("Indicators");
        foreach (var change in new[] { first, second })
        {
            var same = indicators.Where(m => LiveHub.Figures(m) == LiveHub.Figures(change)).ToArray();
            Assert.Single(same.Select(m => m.GetProperty("version").GetInt64()).Distinct());
            Assert.Equal(same.Length, same.Select(m => m.GetProperty("asOf").GetString()).Distinct().Count());
        }
        Assert.True(second.GetProperty("version").GetInt64() > first.GetProperty("version").GetInt64());

        // Charts of the new versions come from the publisher, each (chart, version) once; B rendered nothing.
        await hub.WaitForAsync("Chart", c => c.GetProperty("chartId").GetString() == $"r.{seed.RegionId}.aktivitas"
            && c.GetProperty("version").GetInt64() >= first.GetProperty("version").GetInt64(), Soon);
        var charts = hub.Of("Chart").Select(c => (Id: c.GetProperty("chartId").GetString(), V: c.GetProperty("version").GetInt64())).ToArray();
        Assert.Equal(charts.Length, charts.Distinct().Count());
        Assert.Equal(rendersB, (await BoardStats.ReadAsync(cluster.B, seed.Admin)).SvgRenders);
        Assert.True((await BoardStats.ReadAsync(cluster.A, seed.Admin)).SvgRenders > rendersA);
    }

    [Fact]
    public async Task ChartUrls_AnswerOnEveryInstance_RenderedOnDemandWhereMissing()
    {
        var seed = cluster.Seed;
        await using var hub = await LiveHub.ConnectAsync(cluster.B, seed.Admin);
        await hub.SubscribeAsync("public:" + seed.RegionId);
        using var source = cluster.A.ClientWithKey(seed.SourceKey);
        await ScaleOutSeed.PostActivitiesAsync(source, seed.Nips.Take(2), minutes: 45);
        // A pushed chart (rendered by the publisher A) is downloadable from B, and the other way round.
        var pushed = await Poll.UntilAsync(() => Task.FromResult(hub.Of("Chart").LastOrDefault()),
            c => c.ValueKind != JsonValueKind.Undefined, Soon, _ => "no Chart message");
        foreach (var server in new[] { cluster.A, cluster.B })
        {
            using var http = await server.ClientAsAsync(seed.Admin);
            using var png = await http.GetAsync(pushed.GetProperty("pngUrl").GetString()!.TrimStart('/'));
            Assert.Equal(HttpStatusCode.OK, png.StatusCode);
            Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
            Assert.True((await png.Content.ReadAsByteArrayAsync()).Length > 1000);
        }
        // A unit chart nobody watches exists in no cache: every instance renders it on demand.
        foreach (var server in new[] { cluster.B, cluster.A })
        {
            using var http = await server.ClientAsAsync(seed.Admin);
            using var svg = await http.GetAsync($"charts/u.{seed.UnitId}.aktivitas.svg");
            Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
            Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task TwoRulesProcesses_ThreeTksDays_TriggerStoredOnceAndPushedOnce()
    {
        var seed = cluster.Seed;
        await using var hub = await LiveHub.ConnectAsync(cluster.B, seed.Admin);
        await hub.SubscribeAsync("region:" + seed.RegionId);
        await hub.WaitForAsync("Trigger", t => t.GetProperty("initial").GetBoolean(), Soon);
        var absentee = seed.Nips[3];
        var items = WorkingDaysBefore(ClusterClock.TodayWib, 3)
            .Select(d => (object)new { eventId = Guid.NewGuid(), nip = absentee, day = d.ToString("yyyy-MM-dd"), status = "tanpa_keterangan" })
            .ToArray();
        using var source = cluster.A.ClientWithKey(seed.SourceKey);
        await ScaleOutSeed.PostAsync(source, "/api/v1/attendance", items);

        bool IsNew(JsonElement t) => !t.GetProperty("initial").GetBoolean() && t.GetProperty("items").EnumerateArray()
            .Any(i => i.GetProperty("nip").GetString() == absentee && i.GetProperty("code").GetString() == "TEGURAN_LISAN");
        await hub.WaitForAsync("Trigger", IsNew, TimeSpan.FromSeconds(30));
        // Marker: a later change pushed after the trigger; a second evaluator's or publisher's copy would precede it.
        var before = hub.Of("Indicators").Count;
        await ScaleOutSeed.PostActivitiesAsync(source, [seed.Nips[0]], minutes: 15);
        await Poll.UntilAsync(() => Task.FromResult(hub.Of("Indicators").Count), n => n > before, Soon, n => $"{n} Indicators");

        Assert.Single(hub.Of("Trigger"), IsNew);
        await using var conn = await cluster.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>(
            "select count(*) from \"trigger\" where nip = @absentee and code = 'TEGURAN_LISAN'", new { absentee }));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("""
            select count(*) from (
                select 1 from "trigger" group by coalesce(nip, unit_id), period, workflow, rule having count(*) > 1) d
            """));
    }

    private static long Pending(JsonElement indicators) =>
        indicators.GetProperty("figures").GetProperty("activityMinutesPending").GetInt64();

    /// <summary>
    /// The latest <paramref name="count"/> working days up to <paramref name="today"/> in its year: the rule reads
    /// TKS days of the year to date. The servers run on the <see cref="ClusterClock"/> (mid-month), so there are
    /// always three: on the machine's first working days of January there would be none before them in the year.
    /// </summary>
    private static List<DateOnly> WorkingDaysBefore(DateOnly today, int count)
    {
        var days = new List<DateOnly>();
        for (var d = today; days.Count < count && d.Year == today.Year; d = d.AddDays(-1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days.Add(d);
            }
        }
        Assert.True(days.Count == count, "Needs three working days so far this year (not on the first working days of January).");
        return days;
    }
}
