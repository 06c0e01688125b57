using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kinerja.Ingest.Tests;

/// <summary>
/// Group commit on the overlapped path (issue 22): a batch waiting for its connection takes the submissions that
/// arrive meanwhile, so they share its rollups and its commit, and each caller is still acked only after that commit.
/// The connection is kept busy by a row lock a test transaction holds on the day row the batch before last updates.
/// </summary>
public sealed class GroupCommitTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private IngestHost _host = null!;
    private Org _org = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource, staff: 12);
        _host = await IngestHost.StartAsync(db.DataSource, new Dictionary<string, string?>
        {
            ["Kinerja:Ingest:BatchSize"] = "40",
            // no gathering wait: only what is queued when the writer looks, or arrives while it waits, joins a batch
            ["Kinerja:Ingest:BatchDeadline"] = "00:00:00",
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static ActivityItem Activity(string nip, DateTimeOffset at, int minutes) => new()
    {
        EventId = Guid.NewGuid(), Nip = nip, OccurredAt = at, Minutes = minutes, Description = "Penyusunan laporan",
    };

    [Fact]
    public async Task SubmissionsArrivingWhileTheConnectionIsBusy_JoinTheWaitingBatch_AckedAfterItsCommit()
    {
        var day = TestDays.Next();
        var morning = TestDays.MorningWib(day);
        var queue = _host.Services.GetRequiredService<IngestQueue>();
        await SeedDayRowAsync(morning);
        var overlappedBefore = _host.Writer.OverlappedBatches;
        var groupedBefore = _host.Writer.GroupedBatches;

        // batch 3 needs the busy connection: taken off the queue, it waits; what arrives meanwhile joins it
        await using var busy = await BusyWriterAsync(day, morning, queue);
        var (blocked, first) = (busy.Blocked, busy.Waiting);
        var later = Enumerable.Range(3, 8)
            .Select(i => _host.Pipeline.SubmitActivitiesAsync([Activity(_org.Staff[i], morning, 30 + i)]))
            .ToList();
        var absorbed = await WaitUntilAsync(() => Task.FromResult(queue.QueuedItems == 0));
        // acked only after commit: nothing of the waiting batch completes while the connection is still busy
        Assert.False(first.IsCompleted);
        Assert.DoesNotContain(later, t => t.IsCompleted);

        await busy.Lock.RollbackAsync();
        var results = await Task.WhenAll([blocked, first, .. later]).WaitAsync(Patience);

        Assert.True(absorbed, "submissions that arrived while the connection was busy stayed queued");
        Assert.All(results, r => Assert.Equal(ItemStatus.Accepted, Assert.Single(r.Items).Status));
        // batches 1, 2 and 3 (the third holding nine submissions), not one more for the late arrivals
        Assert.Equal(3, _host.Writer.OverlappedBatches - overlappedBefore);
        Assert.Equal(1, _host.Writer.GroupedBatches - groupedBefore);
        for (var i = 2; i < 11; i++)
        {
            Assert.Equal(i == 2 ? 30 : 30 + i, (await db.DataSource.ScalarOrDefaultAsync(_org.Staff[i], day)).Pending);
        }
        Assert.Equal(60, (await db.DataSource.ScalarOrDefaultAsync(_org.Staff[0], day)).Pending);
        await RollupAssert.MatchesRebuildAsync(db.DataSource);
    }

    [Fact]
    public async Task ASubmissionThatCannotOverlap_StaysQueuedAndIsWrittenAfterTheWaitingBatch()
    {
        var day = TestDays.Next();
        var morning = TestDays.MorningWib(day);
        var queue = _host.Services.GetRequiredService<IngestQueue>();
        await SeedDayRowAsync(morning);
        var groupedBefore = _host.Writer.GroupedBatches;
        await using var busy = await BusyWriterAsync(day, morning, queue);
        var (blocked, first) = (busy.Blocked, busy.Waiting);

        // attendance is written serially, in arrival order: it must not join an overlapped batch, nor let a later
        // activity pass it in the queue
        var attendance = _host.Pipeline.SubmitAttendanceAsync([new AttendanceItem
        {
            EventId = Guid.NewGuid(), Nip = _org.Staff[3], Day = day, Status = "hadir",
        }]);
        var after = _host.Pipeline.SubmitActivitiesAsync([Activity(_org.Staff[4], morning, 40)]);
        await Task.Delay(300);
        Assert.Equal(2, queue.QueuedItems);

        await busy.Lock.RollbackAsync();
        var results = await Task.WhenAll(blocked, first, attendance, after).WaitAsync(Patience);

        Assert.All(results, r => Assert.Equal(ItemStatus.Accepted, Assert.Single(r.Items).Status));
        Assert.Equal(groupedBefore, _host.Writer.GroupedBatches);
        Assert.Equal("hadir", (await db.DataSource.ScalarOrDefaultAsync(_org.Staff[3], day)).Att);
        Assert.Equal(40, (await db.DataSource.ScalarOrDefaultAsync(_org.Staff[4], day)).Pending);
        await RollupAssert.MatchesRebuildAsync(db.DataSource);
    }

    /// <summary>Staff[0]'s first activity of the day: the day row the blocked batch will update.</summary>
    private async Task SeedDayRowAsync(DateTimeOffset morning) =>
        Assert.Equal(1, (await _host.Pipeline.SubmitActivitiesAsync([Activity(_org.Staff[0], morning, 30)])).Accepted);

    /// <summary>
    /// Keeps one writer connection busy: a test transaction locks Staff[0]'s day row, so batch 1 (Staff[0] again) waits in
    /// its day-rollup upsert; batch 2 (Staff[1]) runs on the other connection meanwhile; batch 3 (Staff[2],
    /// <see cref="BusyWriter.Waiting"/>) is taken off the queue and waits for the busy connection.
    /// </summary>
    private async Task<BusyWriter> BusyWriterAsync(DateOnly day, DateTimeOffset morning, IngestQueue queue)
    {
        var blocker = await db.DataSource.OpenConnectionAsync();
        var tx = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("select 1 from employee_day where nip = @nip and day = @day for update", blocker, tx))
        {
            lockRow.Parameters.AddWithValue("nip", _org.Staff[0]);
            lockRow.Parameters.AddWithValue("day", day);
            await lockRow.ExecuteScalarAsync();
        }
        var blocked = _host.Pipeline.SubmitActivitiesAsync([Activity(_org.Staff[0], morning.AddMinutes(60), 30)]);
        Assert.True(await WaitUntilAsync(async () => await Sql.ScalarAsync<long>(db.DataSource, """
            select count(*) from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and query like 'insert into employee_day%'
            """) > 0), "the first batch never waited for the day row");
        Assert.Equal(1, (await _host.Pipeline.SubmitActivitiesAsync([Activity(_org.Staff[1], morning, 30)])).Accepted);
        var waiting = _host.Pipeline.SubmitActivitiesAsync([Activity(_org.Staff[2], morning, 30)]);
        Assert.True(await WaitUntilAsync(() => Task.FromResult(queue.QueuedItems == 0)), "the writer never took the third batch");
        return new BusyWriter(blocker, tx, blocked, waiting);
    }

    /// <summary>The lock holding batch 1, batch 1 itself and the batch waiting for its connection.</summary>
    private sealed record BusyWriter(NpgsqlConnection Connection, NpgsqlTransaction Lock, Task<IngestResult> Blocked,
        Task<IngestResult> Waiting) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Lock.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(20);
        }
        return false;
    }
}
