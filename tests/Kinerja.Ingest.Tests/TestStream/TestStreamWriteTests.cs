using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams;
using Kinerja.Ingest.Telemetry;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Ingest.Tests.TestStream;

/// <summary>
/// The write path is generic over streams: a stream defined only in the tests (<see cref="NoteStream"/>), added with
/// the same registration as the product's streams, is validated, stored in its own month partitions, rolled up,
/// deduplicated on retry and counted — with no line of the shared pipeline naming it.
/// </summary>
public sealed class TestStreamWriteTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private IngestHost _host = null!;
    private Org _org = null!;
    private MeterRecorder _recorder = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource);
        await Sql.ExecAsync(db.DataSource, NoteTable.Schema);
        // a long batch deadline so concurrent submissions share one writer transaction
        _host = await IngestHost.StartAsync(db.DataSource, new Dictionary<string, string?>
        {
            ["Kinerja:Ingest:BatchDeadline"] = "00:00:00.200",
        }, services => services.AddIngestStream(NoteStream.Instance));
        _recorder = new MeterRecorder(_host.Services.GetRequiredService<IngestMetrics>().Meter);
    }

    public async Task DisposeAsync()
    {
        _recorder.Dispose();
        await _host.DisposeAsync();
    }

    private NoteItem Note(int staff, DateOnly day, string text = "Catatan") =>
        new() { EventId = Guid.NewGuid(), Nip = _org.Staff[staff], Day = day, Text = text };

    private Task<long> StoredAsync(params NoteItem[] notes) => Sql.ScalarAsync<long>(db.DataSource,
        "select count(*) from test_note where event_id = any(@ids)", new { ids = notes.Select(n => n.EventId).ToArray() });

    private async Task<int> NotesOfDayAsync(string nip, DateOnly day) =>
        (await Sql.QueryAsync<int>(db.DataSource, "select notes from test_note_day where nip = @nip and day = @day",
            new { nip, day })).SingleOrDefault();

    [Fact]
    public async Task TestStream_IsStoredInItsOwnMonthPartition_RolledUp_AndDuplicateOnRetry()
    {
        var day = new DateOnly(2024, 7, 9);
        var notes = new[] { Note(0, day, "satu"), Note(0, day, "dua"), Note(1, day) };

        var first = await _host.Pipeline.SubmitAsync(notes);
        var retry = await _host.Pipeline.SubmitAsync(notes);

        Assert.Equal((3, 0, 0), (first.Accepted, first.Duplicates, first.Rejected));
        Assert.Equal((0, 3, 0), (retry.Accepted, retry.Duplicates, retry.Rejected));
        Assert.Equal(3L, await StoredAsync(notes));
        Assert.Equal(2, await NotesOfDayAsync(_org.Staff[0], day));
        Assert.Equal(1, await NotesOfDayAsync(_org.Staff[1], day));
        // the writer created the month of its items for the registered partitioned table
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db.DataSource,
            "select count(*) from pg_class where relname = 'test_note_y2024m07'"));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(db.DataSource,
            "select count(*) from event_registry where stream = 'n' and event_id = any(@ids)",
            new { ids = notes.Take(2).Select(n => n.EventId).ToArray() }));
        Assert.Equal(3, _recorder.Sum(IngestMetrics.ItemsName, ("stream", "notes"), ("outcome", "accepted")));
        Assert.Equal(3, _recorder.Sum(IngestMetrics.ItemsName, ("stream", "notes"), ("outcome", "duplicate")));
    }

    [Fact]
    public async Task TestStream_RetryMixedWithNewItems_InOneBatchWithActivities_StoresEachOnce()
    {
        var day = new DateOnly(2024, 8, 13);
        var old = Note(2, day);
        Assert.Equal(1, (await _host.Pipeline.SubmitAsync([old])).Accepted);
        var fresh = Note(2, day);
        var activity = new ActivityItem
        {
            EventId = Guid.NewGuid(), Nip = _org.Staff[2], OccurredAt = TestDays.MorningWib(day), Minutes = 30,
            Description = "Rapat",
        };

        // the stored note makes the optimistic try fail; the careful redo stores the rest once
        var results = await Task.WhenAll(
            _host.Pipeline.SubmitAsync([old, fresh]),
            _host.Pipeline.SubmitAsync([fresh]),
            _host.Pipeline.SubmitActivitiesAsync([activity]));

        Assert.Equal([ItemStatus.Duplicate, ItemStatus.Accepted], results[0].Items.Select(i => i.Status));
        Assert.Equal(ItemStatus.Duplicate, results[1].Items[0].Status);
        Assert.Equal(ItemStatus.Accepted, results[2].Items[0].Status);
        Assert.Equal(2L, await StoredAsync(old, fresh));
        Assert.Equal(2, await NotesOfDayAsync(_org.Staff[2], day));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db.DataSource,
            "select count(*) from activity where event_id = @id", new { id = activity.EventId }));
    }

    [Fact]
    public async Task TestStream_HasItsOwnEndpoint_FromTheSameRegistration_AndARetryIsDuplicate()
    {
        var day = new DateOnly(2024, 9, 10);
        var note = Note(3, day, "lewat HTTP");
        var body = $$"""{"eventId":"{{note.EventId}}","nip":"{{note.Nip}}","day":"2024-09-10","text":"lewat HTTP"}""" + "\n";

        async Task<string> PostAsync()
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-ndjson");
            using var response = await _host.Client.PostAsync("/api/v1/notes", content);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("\"accepted\":1", await PostAsync());
        Assert.Contains("\"duplicates\":1", await PostAsync());
        Assert.Equal(1L, await StoredAsync(note));
    }

    [Fact]
    public async Task TestStream_InvalidItem_IsRejectedByItsOwnValidation()
    {
        var bad = new NoteItem { EventId = Guid.NewGuid(), Nip = "199001012015011999", Day = new DateOnly(2024, 7, 9), Text = "x" };

        var result = await _host.Pipeline.SubmitAsync([bad]);

        Assert.Equal(ItemStatus.Rejected, result.Items[0].Status);
        Assert.Equal("nip", result.Items[0].Errors[0].Field);
        Assert.Equal(0L, await StoredAsync(bad));
    }
}
