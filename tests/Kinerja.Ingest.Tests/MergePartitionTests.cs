using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;
using Npgsql;

namespace Kinerja.Ingest.Tests;

/// <summary>
/// A review's and a withdrawal's merge reach only the partitions of the months of their activities (issue 16 latency:
/// with a year of history PostgreSQL 15 planned and locked every month's <c>activity</c> and <c>activity_review</c>
/// partition for one approval). Observed from outside: another month's <c>activity</c> partition held in SHARE mode
/// (which blocks an UPDATE of it, not the reads and row locks of the writer checks) does not hold the write up.
/// </summary>
public sealed class MergePartitionTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private IngestHost _host = null!;
    private Org _org = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource);
        _host = await IngestHost.StartAsync(db.DataSource);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Review_AnotherMonthsActivityPartitionLocked_CommitsAndMovesTheMinutes()
    {
        var (activity, nip, day) = await StoreActivityAsync();
        await using var hold = await HoldOtherMonthAsync(day);

        var r = await _host.Pipeline.SubmitReviewsAsync([new ReviewItem
        {
            EventId = Guid.NewGuid(), ActivityEventId = activity, Approved = true, ReviewerNip = _org.Supervisor,
            At = DateTimeOffset.UtcNow.AddMinutes(-2),
        }]).WaitAsync(Patience);

        Assert.Equal(ItemStatus.Accepted, r.Items[0].Status);
        Assert.Equal("approved", await StatusAsync(activity));
        Assert.Equal((1, 0, 45, 0, null, 0), await db.DataSource.ScalarOrDefaultAsync(nip, day));
    }

    [Fact]
    public async Task Withdrawal_AnotherMonthsActivityPartitionLocked_CommitsAndEmptiesTheDay()
    {
        var (activity, nip, day) = await StoreActivityAsync();
        await using var hold = await HoldOtherMonthAsync(day);

        var r = await _host.Pipeline.SubmitWithdrawalsAsync([new WithdrawalItem
        {
            EventId = Guid.NewGuid(), ActivityEventId = activity, Nip = nip, OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        }]).WaitAsync(Patience);

        Assert.Equal(ItemStatus.Accepted, r.Items[0].Status);
        Assert.Equal("withdrawn", await StatusAsync(activity));
        Assert.Equal(0, await Sql.ScalarAsync<int>(db.DataSource,
            "select count(*)::int from employee_day where nip = @nip and day = @day", new { nip, day }));
    }

    private async Task<(Guid Activity, string Nip, DateOnly Day)> StoreActivityAsync()
    {
        var day = TestDays.Next();
        var nip = _org.Staff[0];
        var activity = new ActivityItem
        {
            EventId = Guid.NewGuid(), Nip = nip, OccurredAt = TestDays.MorningWib(day), Minutes = 45, Description = "Menyusun laporan",
        };
        var r = await _host.Pipeline.SubmitActivitiesAsync([activity]);
        Assert.Equal(ItemStatus.Accepted, r.Items[0].Status);
        return (activity.EventId, nip, day);
    }

    /// <summary>
    /// Creates the partitions of the month before <paramref name="day"/>'s and holds its <c>activity</c> partition in
    /// SHARE mode until disposed (a transaction left open on its own connection).
    /// </summary>
    private async Task<NpgsqlConnection> HoldOtherMonthAsync(DateOnly day)
    {
        var other = new DateOnly(day.Year, day.Month, 1).AddMonths(-1);
        await Sql.ScalarAsync<int>(db.DataSource, "select stream_partitions_ensure(@other)", new { other });
        var conn = await db.DataSource.OpenConnectionAsync();
        await using (var cmd = new NpgsqlCommand($"begin; lock table activity_y{other:yyyy}m{other:MM} in share mode", conn))
        {
            await cmd.ExecuteNonQueryAsync();
        }
        return conn;
    }

    private Task<string> StatusAsync(Guid activity) =>
        Sql.ScalarAsync<string>(db.DataSource, "select status from activity where event_id = @activity", new { activity });
}
