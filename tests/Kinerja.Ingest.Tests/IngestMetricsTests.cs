using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Telemetry;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Ingest.Tests;

/// <summary>
/// The ingest meter (<c>Kinerja.Ingest</c>): item outcomes per stream, queue depth, batch phases and sizes, with no
/// personal data in the tags.
/// </summary>
public sealed class IngestMetricsTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private IngestHost _host = null!;
    private Org _org = null!;
    private MeterRecorder _recorder = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource);
        _host = await IngestHost.StartAsync(db.DataSource, new Dictionary<string, string?>
        {
            ["Kinerja:Ingest:BatchDeadline"] = "00:00:00",
        });
        _recorder = new MeterRecorder(_host.Services.GetRequiredService<IngestMetrics>().Meter);
    }

    public async Task DisposeAsync()
    {
        _recorder.Dispose();
        await _host.DisposeAsync();
    }

    private ActivityItem Activity(int minutes, Guid? id = null) => new()
    {
        EventId = id ?? Guid.NewGuid(), Nip = _org.Staff[0], OccurredAt = TestDays.MorningWib(TestDays.Next()),
        Minutes = minutes, Description = "Menyusun laporan",
    };

    [Fact]
    public async Task Submissions_CountItemsPerStreamAndOutcome_WithoutPersonalDataInTags()
    {
        var first = Activity(30);
        var second = Activity(40);

        await _host.Pipeline.SubmitActivitiesAsync([first, second, Activity(0)]);      // 2 accepted, 1 rejected
        await _host.Pipeline.SubmitActivitiesAsync([first, Activity(-5)]);             // 1 duplicate, 1 rejected
        await _host.Pipeline.SubmitActivitiesAsync([Activity(0)]);                     // nothing reaches the writer
        await _host.Pipeline.SubmitAttendanceAsync([new AttendanceItem
        {
            EventId = Guid.NewGuid(), Nip = _org.Staff[1], Day = TestDays.Next(), Status = "hadir",
        }]);

        Assert.Equal(2, _recorder.Sum(IngestMetrics.ItemsName, ("stream", "activities"), ("outcome", "accepted")));
        Assert.Equal(1, _recorder.Sum(IngestMetrics.ItemsName, ("stream", "activities"), ("outcome", "duplicate")));
        Assert.Equal(3, _recorder.Sum(IngestMetrics.ItemsName, ("stream", "activities"), ("outcome", "rejected")));
        Assert.Equal(1, _recorder.Sum(IngestMetrics.ItemsName, ("stream", "attendance"), ("outcome", "accepted")));
        Assert.All(_recorder.Measurements, m => Assert.Subset(new HashSet<string> { "stream", "outcome", "phase", "reason" },
            m.Tags.Keys.ToHashSet()));
        Assert.DoesNotContain(_recorder.Measurements, m => m.Tags.Values.Any(v => _org.Staff.Contains(v!)));
    }

    [Fact]
    public async Task CommittedBatch_RecordsEachPhaseTotalAndSize_AndARedoneBatchItsRegistryClaim()
    {
        var stored = Activity(30);
        await _host.Pipeline.SubmitActivitiesAsync([stored]);
        var phases = _recorder.Of(IngestMetrics.BatchDurationName).Select(m => m.Tags["phase"]).ToHashSet();
        Assert.Subset(phases, new HashSet<string?> { "lock", "check", "copy", "rollup", "commit", "total" });
        Assert.DoesNotContain("registry", phases);
        Assert.All(_recorder.Of(IngestMetrics.BatchDurationName), m => Assert.InRange(m.Value, 0, 60));
        Assert.Equal([1.0], _recorder.Of(IngestMetrics.BatchSizeName).Select(m => m.Value));

        // a retry holds a stored id: the optimistic try rolls back, the careful one claims ids before its COPY
        var result = await _host.Pipeline.SubmitActivitiesAsync([stored, Activity(20)]);

        Assert.Equal((1, 1), (result.Accepted, result.Duplicates));
        Assert.Contains(_recorder.Of(IngestMetrics.BatchDurationName), m => m.Tags["phase"] == "registry");
        Assert.Equal([1.0, 2.0], _recorder.Of(IngestMetrics.BatchSizeName).Select(m => m.Value));
        Assert.Equal(2, _recorder.Of(IngestMetrics.BatchDurationName).Count(m => m.Tags["phase"] == "total"));
    }

    [Fact]
    public async Task QueueDepth_IsTheNumberOfItemsWaitingForTheWriter()
    {
        var hold = new WriterHold(_host);
        var inWriter = _host.Pipeline.SubmitActivitiesAsync([Activity(10)]);
        await hold.Held;
        var queued = _host.Pipeline.SubmitActivitiesAsync([Activity(10), Activity(10), Activity(10)]);
        await Eventually.TrueAsync(() => _host.Services.GetQueuedItems() == 3, "the queue state", TimeSpan.FromSeconds(5));

        _recorder.Observe();
        hold.Release();
        await Task.WhenAll(inWriter, queued);
        _host.Writer.BeforeBatch = null;
        _recorder.Observe();

        Assert.Equal([3.0, 0.0], _recorder.Of(IngestMetrics.QueueDepthName).Select(m => m.Value));
    }
}
