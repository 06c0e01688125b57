using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;

namespace Kinerja.Ingest.Tests;

/// <summary>
/// A superior's approval and the employee's withdrawal of the same pending activity, racing: in one writer batch and
/// in two writers' concurrent transactions (two ingest hosts on one database). Exactly one of them wins, the activity
/// ends approved or withdrawn accordingly, and the rollups agree with the from-scratch recompute.
/// </summary>
public sealed class WithdrawalRaceTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private IngestHost _a = null!;
    private IngestHost _b = null!;
    private Org _org = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource);
        _a = await IngestHost.StartAsync(db.DataSource);
        _b = await IngestHost.StartAsync(db.DataSource);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    private async Task<ActivityItem[]> StoreAsync(int count)
    {
        var day = TestDays.Next();
        var items = Enumerable.Range(0, count).Select(i => new ActivityItem
        {
            EventId = Guid.NewGuid(), Nip = _org.Staff[i % _org.Staff.Count], OccurredAt = TestDays.MorningWib(day).AddMinutes(i),
            Minutes = 20 + i, Description = "Pelayanan",
        }).ToArray();
        var r = await _a.Pipeline.SubmitActivitiesAsync(items);
        Assert.All(r.Items, i => Assert.Equal(ItemStatus.Accepted, i.Status));
        return items;
    }

    private ReviewItem Approval(ActivityItem a) => new()
    {
        EventId = Guid.NewGuid(), ActivityEventId = a.EventId, Approved = true, ReviewerNip = _org.Supervisor,
        At = DateTimeOffset.UtcNow.AddMinutes(-1),
    };

    private static WithdrawalItem Withdrawal(ActivityItem a) => new()
    {
        EventId = Guid.NewGuid(), ActivityEventId = a.EventId, Nip = a.Nip, OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
    };

    private async Task AssertOneWinnerAsync(ActivityItem a, IngestResult review, IngestResult withdrawal)
    {
        var outcome = (review.Items[0].Status, withdrawal.Items[0].Status);
        var status = await Sql.ScalarAsync<string>(db.DataSource, "select status from activity where event_id = @id", new { id = a.EventId });
        Assert.True(outcome is (ItemStatus.Accepted, ItemStatus.Rejected) or (ItemStatus.Rejected, ItemStatus.Accepted),
            $"activity {a.EventId}: review {outcome.Item1}, withdrawal {outcome.Item2}");
        Assert.Equal(outcome.Item1 == ItemStatus.Accepted ? "approved" : "withdrawn", status);
    }

    [Fact]
    public async Task ReviewAndWithdrawal_InOneBatch_ReviewWinsWithdrawalRefused()
    {
        var activities = await StoreAsync(4);
        var hold = new WriterHold(_a);
        var blocker = _a.Pipeline.SubmitActivitiesAsync([new ActivityItem
        {
            EventId = Guid.NewGuid(), Nip = _org.Staff[7], OccurredAt = TestDays.MorningWib(TestDays.Next()), Minutes = 5, Description = "x",
        }]);
        await hold.Held;
        var pairs = activities.Select(a => (a, Review: _a.Pipeline.SubmitReviewsAsync([Approval(a)]),
            Withdrawal: _a.Pipeline.SubmitWithdrawalsAsync([Withdrawal(a)]))).ToList();
        await Task.Delay(100);
        hold.Release();
        await blocker;
        foreach (var (a, review, withdrawal) in pairs)
        {
            await AssertOneWinnerAsync(a, await review, await withdrawal);
            Assert.Equal(ItemStatus.Accepted, (await review).Items[0].Status);
            Assert.Contains("reviewed by the superior at the same time", (await withdrawal).Items[0].Errors[0].Message);
        }
        await RollupAssert.MatchesRebuildAsync(db.DataSource);
    }

    [Fact]
    public async Task ReviewAndWithdrawal_InConcurrentTransactionsOfTwoWriters_ExactlyOneWins()
    {
        var activities = await StoreAsync(40);
        var pairs = activities.Select(a =>
        {
            var review = Task.Run(() => _a.Pipeline.SubmitReviewsAsync([Approval(a)]));
            var withdrawal = Task.Run(() => _b.Pipeline.SubmitWithdrawalsAsync([Withdrawal(a)]));
            return (a, review, withdrawal);
        }).ToList();
        foreach (var (a, review, withdrawal) in pairs)
        {
            await AssertOneWinnerAsync(a, await review, await withdrawal);
        }
        await RollupAssert.MatchesRebuildAsync(db.DataSource);
    }
}
