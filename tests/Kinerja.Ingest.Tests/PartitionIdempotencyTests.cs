using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;

namespace Kinerja.Ingest.Tests;

/// <summary>
/// Idempotency on eventId across month partitions (migration 0006): a retry whose time was corrected into
/// another month is a duplicate and is stored once; months without a partition are created on demand.
/// </summary>
public sealed class PartitionIdempotencyTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private IngestHost _host = null!;
    private Org _org = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource);
        // a long batch deadline so concurrent submissions share one writer transaction
        _host = await IngestHost.StartAsync(db.DataSource, new Dictionary<string, string?>
        {
            ["Kinerja:Ingest:BatchDeadline"] = "00:00:00.200",
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static ActivityItem Activity(Guid id, string nip, DateTimeOffset at, int minutes) => new()
    {
        EventId = id, Nip = nip, OccurredAt = at, Minutes = minutes, Description = "Menyusun laporan",
    };

    private Task<long> CountAsync(string table, Guid id) =>
        Sql.ScalarAsync<long>(db.DataSource, $"select count(*) from {table} where event_id = @id", new { id });

    [Fact]
    public async Task SubmitActivity_RetryWithOccurredAtInAnotherMonth_DuplicateStoredOnceRollupsUnchanged()
    {
        var id = Guid.NewGuid();
        var nip = _org.Staff[0];
        var march = new DateOnly(2025, 3, 31);
        var april = new DateOnly(2025, 4, 1);

        var first = await _host.Pipeline.SubmitActivitiesAsync([Activity(id, nip, TestDays.MorningWib(march), 90)]);
        var retry = await _host.Pipeline.SubmitActivitiesAsync([Activity(id, nip, TestDays.MorningWib(april), 95)]);

        Assert.Equal(ItemStatus.Accepted, first.Items[0].Status);
        Assert.Equal(ItemStatus.Duplicate, retry.Items[0].Status);
        Assert.Equal(1L, await CountAsync("activity", id));
        Assert.Equal("activity_y2025m03", await Sql.ScalarAsync<string>(db.DataSource,
            "select tableoid::regclass::text from activity where event_id = @id", new { id }));
        Assert.Equal(90, (await db.DataSource.ScalarOrDefaultAsync(nip, march)).Pending);
        Assert.Equal(0, (await db.DataSource.ScalarOrDefaultAsync(nip, april)).Count);
    }

    [Fact]
    public async Task SubmitActivity_RetryInAnotherMonthAmongNewOnes_OnlyNewOnesAccepted()
    {
        var id = Guid.NewGuid();
        var nip = _org.Staff[1];
        await _host.Pipeline.SubmitActivitiesAsync([Activity(id, nip, TestDays.MorningWib(new DateOnly(2025, 5, 30)), 60)]);

        var fresh = Guid.NewGuid();
        var june = new DateOnly(2025, 6, 2);
        var result = await _host.Pipeline.SubmitActivitiesAsync([
            Activity(fresh, nip, TestDays.MorningWib(june), 30), Activity(id, nip, TestDays.MorningWib(june), 60),
        ]);

        Assert.Equal([ItemStatus.Accepted, ItemStatus.Duplicate], result.Items.Select(i => i.Status));
        Assert.Equal((1L, 1L), (await CountAsync("activity", id), await CountAsync("activity", fresh)));
        Assert.Equal((1, 30), await RollupAsync(nip, june));
    }

    [Fact]
    public async Task SubmitAttendanceAndRating_RetryInAnotherMonth_DuplicateStoredOnce()
    {
        var nip = _org.Staff[2];
        var attendance = Guid.NewGuid();
        var rating = Guid.NewGuid();
        AttendanceItem Att(DateOnly day) => new() { EventId = attendance, Nip = nip, Day = day, Status = "hadir" };
        RatingItem Rate(string period) => new()
        {
            EventId = rating, Nip = nip, RaterRole = "atasan", Aspect = "kompeten", Score = 4, Period = period,
            OccurredAt = DateTimeOffset.Parse("2025-08-30T10:00:00+07:00", System.Globalization.CultureInfo.InvariantCulture),
        };

        Assert.Equal(ItemStatus.Accepted, (await _host.Pipeline.SubmitAttendanceAsync([Att(new DateOnly(2025, 7, 31))])).Items[0].Status);
        Assert.Equal(ItemStatus.Duplicate, (await _host.Pipeline.SubmitAttendanceAsync([Att(new DateOnly(2025, 8, 1))])).Items[0].Status);
        Assert.Equal(ItemStatus.Accepted, (await _host.Pipeline.SubmitRatingsAsync([Rate("2025-07")])).Items[0].Status);
        Assert.Equal(ItemStatus.Duplicate, (await _host.Pipeline.SubmitRatingsAsync([Rate("2025-08")])).Items[0].Status);

        Assert.Equal((1L, 1L), (await CountAsync("attendance", attendance), await CountAsync("rating", rating)));
        Assert.Null((await db.DataSource.ScalarOrDefaultAsync(nip, new DateOnly(2025, 8, 1))).Att);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(db.DataSource,
            "select count(*) from rating_rollup where subject_id = @nip and period = '2025-08'", new { nip }));
    }

    [Fact]
    public async Task SubmitReview_WithRetryOfItsActivityInAnotherMonthInTheSameBatch_ReferencesTheStoredRow()
    {
        var id = Guid.NewGuid();
        var nip = _org.Staff[3];
        var stored = new DateOnly(2025, 9, 30);
        await _host.Pipeline.SubmitActivitiesAsync([Activity(id, nip, TestDays.MorningWib(stored), 120)]);

        var retry = _host.Pipeline.SubmitActivitiesAsync([Activity(id, nip, TestDays.MorningWib(new DateOnly(2025, 10, 1)), 120)]);
        var review = _host.Pipeline.SubmitReviewsAsync([new ReviewItem
        {
            EventId = Guid.NewGuid(), ActivityEventId = id, Approved = true, ReviewerNip = _org.Supervisor,
            At = TestDays.MorningWib(stored).AddDays(2),
        }]);

        Assert.Equal(ItemStatus.Duplicate, (await retry).Items[0].Status);
        Assert.Equal(ItemStatus.Accepted, (await review).Items[0].Status);
        Assert.Equal(new DateOnly(2025, 9, 30), DateOnly.FromDateTime(await Sql.ScalarAsync<DateTime>(db.DataSource,
            "select activity_day from activity_review where activity_event_id = @id", new { id })));
        Assert.Equal((0, 120), await PendingApprovedAsync(nip, stored));
        await RollupAssert.MatchesRebuildAsync(db.DataSource);
    }

    [Fact]
    public async Task SubmitActivity_MonthWithoutPartition_PartitionCreatedOnDemand()
    {
        var old = new DateOnly(2019, 2, 14);
        const string Partitions = "select count(*) from pg_class where relname like '%\\_y2019m02' and relkind = 'r'";
        Assert.Equal(0L, await Sql.ScalarAsync<long>(db.DataSource, Partitions));

        var result = await _host.Pipeline.SubmitActivitiesAsync([Activity(Guid.NewGuid(), _org.Staff[4], TestDays.MorningWib(old), 45)]);

        Assert.Equal(ItemStatus.Accepted, result.Items[0].Status);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db.DataSource, "select count(*) from activity_y2019m02"));
        Assert.Equal(5L, await Sql.ScalarAsync<long>(db.DataSource, Partitions));
    }

    private async Task<(int Count, int Pending)> RollupAsync(string nip, DateOnly day)
    {
        var d = await db.DataSource.ScalarOrDefaultAsync(nip, day);
        return (d.Count, d.Pending);
    }

    private async Task<(int Pending, int Approved)> PendingApprovedAsync(string nip, DateOnly day)
    {
        var d = await db.DataSource.ScalarOrDefaultAsync(nip, day);
        return (d.Pending, d.Approved);
    }
}
