using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Partitions;
using Kinerja.Ingest.Streams;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kinerja.Ingest.Tests;

/// <summary>Partition upkeep: months created ahead (idempotent, also from two maintainers at once) and retention.</summary>
public sealed class PartitionMaintenanceTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private Org _org = null!;

    public async Task InitializeAsync() => _org = await Org.SeedAsync(db.DataSource);

    public Task DisposeAsync() => Task.CompletedTask;

    private PartitionMaintenance Maintenance(DateTimeOffset now, int monthsAhead, int? retentionMonths = null) => new(
        db.DataSource, new IngestStreamRegistry(IngestStreams.All), Options.Create(new PartitionOptions { MonthsAhead = monthsAhead }),
        Options.Create(new RetentionOptions { Months = retentionMonths }), new FixedTime(now),
        NullLogger<PartitionMaintenance>.Instance);

    private Task<long> PartitionsOfAsync(string suffix) => Sql.ScalarAsync<long>(db.DataSource,
        "select count(*) from pg_class where relkind = 'r' and relname like '%\\_' || @suffix", new { suffix });

    [Fact]
    public async Task RunOnce_TwoMaintainersAtOnce_CreateEachMonthAheadOnceAndAgainNothing()
    {
        var now = new DateTimeOffset(2031, 1, 15, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(0L, await PartitionsOfAsync("y2031m01"));

        var runs = await Task.WhenAll(Maintenance(now, 5).RunOnceAsync(), Maintenance(now, 5).RunOnceAsync());

        Assert.Equal(6 * 5, runs.Sum(r => r.Created));
        foreach (var month in Enumerable.Range(0, 6).Select(i => now.AddMonths(i)))
        {
            Assert.Equal(5L, await PartitionsOfAsync($"y{month:yyyy}m{month:MM}"));
        }
        Assert.Equal(0L, await PartitionsOfAsync("y2031m07"));
        Assert.Equal(0, (await Maintenance(now, 5).RunOnceAsync()).Created);
    }

    [Fact]
    public async Task RunOnce_Retention_DropsOnlyWholeOldMonthsAndKeepsRollups()
    {
        var nip = _org.Staff[0];
        var october = new DateOnly(2024, 10, 31);
        var november = new DateOnly(2024, 11, 1);
        var dropped = Guid.NewGuid();
        await using (var host = await IngestHost.StartAsync(db.DataSource))
        {
            await host.Pipeline.SubmitActivitiesAsync([Activity(dropped, nip, october, 100), Activity(Guid.NewGuid(), nip, november, 50)]);
            await host.Pipeline.SubmitReviewsAsync([new ReviewItem
            {
                EventId = Guid.NewGuid(), ActivityEventId = dropped, Approved = true, ReviewerNip = _org.Supervisor,
                At = TestDays.MorningWib(november).AddDays(3),
            }]);
            await host.Pipeline.SubmitAttendanceAsync([new AttendanceItem { EventId = Guid.NewGuid(), Nip = nip, Day = october, Status = "hadir" }]);
        }
        // 1 month kept at 2024-12-10: the cutoff is 2024-11-10, so October ended wholly before it, November not
        var now = new DateTimeOffset(2024, 12, 10, 12, 0, 0, TimeSpan.Zero);

        var run = await Maintenance(now, 0, retentionMonths: 1).RunOnceAsync();

        // (other tests of this class may have created older months: those go too, never November or later)
        Assert.Equal(["activity_review_y2024m10", "attendance_y2024m10", "rating_y2024m10", "survey_response_y2024m10", "activity_y2024m10"],
            run.Dropped.Where(t => t.EndsWith("_y2024m10", StringComparison.Ordinal)));
        Assert.All(run.Dropped, t => Assert.True(string.CompareOrdinal(t[^7..], "2024m11") < 0, t));
        Assert.Equal(0L, await PartitionsOfAsync("y2024m10"));
        Assert.Equal(5L, await PartitionsOfAsync("y2024m11"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db.DataSource, "select count(*) from activity where nip = @nip", new { nip }));
        // the rollups of the dropped month stay (indicators of old periods keep working)
        var day = await db.DataSource.ScalarOrDefaultAsync(nip, october);
        Assert.Equal((1, 100, "hadir"), (day.Count, day.Approved, day.Att));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db.DataSource,
            "select count(*) from employee_month where nip = @nip and month = date '2024-10-01' and minutes_approved = 100", new { nip }));
        Assert.Empty((await Maintenance(now, 0, retentionMonths: 1).RunOnceAsync()).Dropped);
    }

    [Fact]
    public async Task Submit_AfterRetention_OldMonthRejectedAndRetryOfDroppedEventInKeptMonthDuplicate()
    {
        var nip = _org.Staff[1];
        var id = Guid.NewGuid();
        await using (var host = await IngestHost.StartAsync(db.DataSource))
        {
            await host.Pipeline.SubmitActivitiesAsync([Activity(id, nip, new DateOnly(2024, 6, 28), 60)]);
        }
        var now = new DateTimeOffset(2024, 8, 5, 12, 0, 0, TimeSpan.Zero);
        Assert.Contains("activity_y2024m06", (await Maintenance(now, 0, retentionMonths: 1).RunOnceAsync()).Dropped);

        await using var kept = await IngestHost.StartAsync(db.DataSource,
            new Dictionary<string, string?> { ["Kinerja:Retention:Months"] = "1" },
            s => s.AddSingleton<TimeProvider>(new FixedTime(now)));
        var old = await kept.Pipeline.SubmitActivitiesAsync([Activity(Guid.NewGuid(), nip, new DateOnly(2024, 6, 30), 30)]);
        var retry = await kept.Pipeline.SubmitActivitiesAsync([Activity(id, nip, new DateOnly(2024, 7, 1), 60)]);

        Assert.Equal(ItemStatus.Rejected, old.Items[0].Status);
        Assert.Equal("occurredAt", old.Items[0].Errors[0].Field);
        Assert.Contains("before the oldest month kept by retention (2024-07)", old.Items[0].Errors[0].Message);
        Assert.Equal(ItemStatus.Duplicate, retry.Items[0].Status);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(db.DataSource, "select count(*) from activity where nip = @nip", new { nip }));
    }

    private static ActivityItem Activity(Guid id, string nip, DateOnly day, int minutes) => new()
    {
        EventId = id, Nip = nip, OccurredAt = TestDays.MorningWib(day), Minutes = minutes, Description = "Menyusun laporan",
    };

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
