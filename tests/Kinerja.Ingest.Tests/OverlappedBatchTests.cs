using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Telemetry;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Ingest.Tests;

/// <summary>
/// The writer's overlapped path (<c>Kinerja:Ingest:OverlapBatches</c>): an activity-only batch COPYs on one
/// connection while the previous one commits on the other. Small batches and many concurrent submissions make
/// batches overlap; what must hold is what the serial writer guarantees.
/// </summary>
public sealed class OverlappedBatchTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private IngestHost _host = null!;
    private Org _org = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource);
        _host = await IngestHost.StartAsync(db.DataSource, new Dictionary<string, string?>
        {
            ["Kinerja:Ingest:BatchSize"] = "40",
            ["Kinerja:Ingest:BatchDeadline"] = "00:00:00",
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static ActivityItem Activity(string nip, DateTimeOffset at, int minutes) => new()
    {
        EventId = Guid.NewGuid(), Nip = nip, OccurredAt = at, Minutes = minutes, Description = "Pelayanan perizinan",
    };

    [Fact]
    public async Task ConcurrentSubmissions_WithRepeatsAcrossInFlightBatches_EachEventStoredOnceAndRollupsMatch()
    {
        var days = Enumerable.Range(0, 5).Select(_ => TestDays.Next()).ToArray();
        var random = new Random(20261125);
        var distinct = new List<ActivityItem>();
        var submissions = new List<ActivityItem[]>();
        for (var s = 0; s < 120; s++)
        {
            if (s % 12 == 11)
            {
                // a retry of earlier items, likely still in flight (its batch is then redone serially)
                submissions.Add(Enumerable.Range(0, 5).Select(_ => distinct[random.Next(distinct.Count)])
                    .DistinctBy(a => a.EventId).ToArray());
                continue;
            }
            var items = new ActivityItem[1 + random.Next(30)];
            for (var i = 0; i < items.Length; i++)
            {
                var nip = _org.Staff[random.Next(_org.Staff.Count)];
                items[i] = Activity(nip, TestDays.MorningWib(days[random.Next(days.Length)]).AddMinutes(random.Next(480)),
                    1 + random.Next(10));
                distinct.Add(items[i]);
            }
            submissions.Add(items);
        }
        var before = _host.Writer.OverlappedBatches;

        var results = await Task.WhenAll(submissions.Select(items => Task.Run(() => _host.Pipeline.SubmitActivitiesAsync(items))));

        var outcomes = results.SelectMany(r => r.Items).ToList();
        Assert.DoesNotContain(outcomes, o => o.Status == ItemStatus.Rejected);
        var accepted = outcomes.Where(o => o.Status == ItemStatus.Accepted).Select(o => o.EventId).ToList();
        // every distinct event accepted exactly once; every other sighting a duplicate
        Assert.Equal(distinct.Select(a => a.EventId.ToString()).Order(), accepted.Order());
        Assert.Equal(distinct.Count, await Sql.ScalarAsync<long>(db.DataSource,
            "select count(*) from activity where event_id = any(@ids)", new { ids = distinct.Select(a => a.EventId).ToArray() }));
        Assert.Equal(distinct.Count, await Sql.ScalarAsync<long>(db.DataSource,
            "select count(*) from event_registry where event_id = any(@ids)", new { ids = distinct.Select(a => a.EventId).ToArray() }));
        await RollupAssert.MatchesRebuildAsync(db.DataSource);
        Assert.True(_host.Writer.OverlappedBatches - before >= 3, $"only {_host.Writer.OverlappedBatches - before} batches overlapped");
    }

    [Fact]
    public async Task ConcurrentSubmissions_OverTheDailyMaximumTogether_AcceptOnlyUpToTheMaximum()
    {
        // DOMAIN.md "Daily activity and allowance": daily claims bounded (330–660 minutes); kota-uji allows 660. 30 × 60 minutes from separate submissions:
        // each batch alone is within the maximum, together they are not.
        var day = TestDays.Next();
        var nip = _org.Staff[0];
        var items = Enumerable.Range(0, 30).Select(i => Activity(nip, TestDays.MorningWib(day).AddMinutes(i), 60)).ToArray();

        var results = await Task.WhenAll(items.Select(a => Task.Run(() => _host.Pipeline.SubmitActivitiesAsync([a]))));

        var outcomes = results.Select(r => r.Items[0]).ToList();
        Assert.Equal(11, outcomes.Count(o => o.Status == ItemStatus.Accepted));
        Assert.All(outcomes.Where(o => o.Status != ItemStatus.Accepted), o =>
        {
            Assert.Equal(ItemStatus.Rejected, o.Status);
            Assert.Contains(o.Errors, e => e.Field == "minutes");
        });
        Assert.Equal(660, (await db.DataSource.ScalarOrDefaultAsync(nip, day)).Pending);
        await RollupAssert.MatchesRebuildAsync(db.DataSource);
    }

    [Fact]
    public async Task AnOverlappedBatchOverAFullDay_IsRolledBackOnce_ThenWrittenCarefully()
    {
        // DOMAIN.md "Daily activity and allowance": kota-uji allows 660 minutes a day. The day is filled first; a later
        // 60-minute activity is within the maximum by its batch alone, so it goes the overlapped way and only its rollup
        // sees the stored 660. A flood of such items (a source resending a full day) must not pay for a second
        // optimistic try that fails the same way before the careful one rejects them.
        using var recorder = new MeterRecorder(_host.Services.GetRequiredService<IngestMetrics>().Meter);
        var day = TestDays.Next();
        var nip = _org.Staff[2];
        var fill = await _host.Pipeline.SubmitActivitiesAsync(Enumerable.Range(0, 11)
            .Select(i => Activity(nip, TestDays.MorningWib(day).AddMinutes(i), 60)).ToArray());
        Assert.Equal(11, fill.Accepted);
        var redone = recorder.Sum(IngestMetrics.BatchRedoneName, ("reason", "conflict"));
        var overlapped = _host.Writer.OverlappedBatches;

        var over = await _host.Pipeline.SubmitActivitiesAsync([Activity(nip, TestDays.MorningWib(day).AddMinutes(30), 60)]);

        var item = Assert.Single(over.Items);
        Assert.Equal(ItemStatus.Rejected, item.Status);
        Assert.Contains(item.Errors, e => e.Field == "minutes");
        Assert.Equal(1, recorder.Sum(IngestMetrics.BatchRedoneName, ("reason", "conflict")) - redone);
        Assert.Equal(overlapped, _host.Writer.OverlappedBatches);
        Assert.Equal(660, (await db.DataSource.ScalarOrDefaultAsync(nip, day)).Pending);
        await RollupAssert.MatchesRebuildAsync(db.DataSource);
    }

    [Fact]
    public async Task OverlapOff_EveryBatchWrittenSerially()
    {
        await using var serial = await IngestHost.StartAsync(db.DataSource, new Dictionary<string, string?>
        {
            ["Kinerja:Ingest:BatchSize"] = "10",
            ["Kinerja:Ingest:BatchDeadline"] = "00:00:00",
            ["Kinerja:Ingest:OverlapBatches"] = "false",
        });
        var day = TestDays.Next();
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            serial.Pipeline.SubmitActivitiesAsync([Activity(_org.Staff[1], TestDays.MorningWib(day).AddMinutes(i), 5)]))));

        Assert.All(results, r => Assert.Equal(1, r.Accepted));
        Assert.Equal(0, serial.Writer.OverlappedBatches);
        Assert.Equal(100, (await db.DataSource.ScalarOrDefaultAsync(_org.Staff[1], day)).Pending);
    }
}
