using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;

namespace Kinerja.Ingest.Tests;

/// <summary>
/// The <c>withdrawals</c> stream (issue 16): a withdrawn activity counts nowhere (day and month rollups in the same
/// transaction, status <c>withdrawn</c>), only the owner's pending or returned activity can be withdrawn, edits name
/// their replacement, retries are idempotent, a withdrawn activity cannot be reviewed, and the rollups agree with
/// <see cref="Pipeline.RollupRecompute"/>.
/// </summary>
public sealed class WithdrawalTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private IngestHost _host = null!;
    private Org _org = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource);
        _host = await IngestHost.StartAsync(db.DataSource);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static ActivityItem Activity(string nip, DateTimeOffset at, int minutes) => new()
    {
        EventId = Guid.NewGuid(), Nip = nip, OccurredAt = at, Minutes = minutes, Description = "Menyusun laporan",
    };

    private static WithdrawalItem Withdrawal(Guid activity, string nip, Guid? replacedBy = null, Guid? id = null) => new()
    {
        EventId = id ?? Guid.NewGuid(), ActivityEventId = activity, Nip = nip, ReplacedBy = replacedBy,
        OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
    };

    private ReviewItem Review(Guid activity, bool approved) => new()
    {
        EventId = Guid.NewGuid(), ActivityEventId = activity, Approved = approved, ReviewerNip = _org.Supervisor,
        At = DateTimeOffset.UtcNow.AddMinutes(-2), Note = approved ? null : "Lengkapi bukti dukung",
    };

    private Task<(int Count, int Pending, int Approved, int Rejected, string? Att, int Late)> DayAsync(string nip, DateOnly day) =>
        db.DataSource.ScalarOrDefaultAsync(nip, day);

    private async Task StoreAsync(params ActivityItem[] items)
    {
        var r = await _host.Pipeline.SubmitActivitiesAsync(items);
        Assert.All(r.Items, i => Assert.Equal(ItemStatus.Accepted, i.Status));
    }

    private Task<string> StatusAsync(Guid activity) =>
        Sql.ScalarAsync<string>(db.DataSource, "select status from activity where event_id = @activity", new { activity });

    [Fact]
    public async Task WithdrawPending_MinutesAndCountLeaveDayAndMonth_StatusWithdrawn()
    {
        var day = TestDays.Next();
        var nip = _org.Staff[0];
        var a = Activity(nip, TestDays.MorningWib(day), 90);
        var b = Activity(nip, TestDays.MorningWib(day).AddHours(1), 30);
        await StoreAsync(a, b);
        const string Month = "select minutes_pending from employee_month where nip = @nip and month = @month";
        var month = new DateOnly(day.Year, day.Month, 1);
        var monthBefore = await Sql.ScalarAsync<int>(db.DataSource, Month, new { nip, month });

        var r = await _host.Pipeline.SubmitWithdrawalsAsync([Withdrawal(a.EventId, nip)]);

        Assert.Equal(ItemStatus.Accepted, r.Items[0].Status);
        Assert.Equal((1, 30, 0, 0, null, 0), await DayAsync(nip, day));
        Assert.Equal("withdrawn", await StatusAsync(a.EventId));
        Assert.Equal(monthBefore - 90, await Sql.ScalarAsync<int>(db.DataSource, Month, new { nip, month }));
    }

    [Fact]
    public async Task WithdrawOnlyActivityOfDay_DayNoLongerAnActivityDay()
    {
        var day = TestDays.Next();
        var nip = _org.Staff[0];
        var a = Activity(nip, TestDays.MorningWib(day), 45);
        await StoreAsync(a);
        var month = new DateOnly(day.Year, day.Month, 1);
        var daysBefore = await Sql.ScalarAsync<int>(db.DataSource,
            "select activity_days from employee_month where nip = @nip and month = @month", new { nip, month });

        await _host.Pipeline.SubmitWithdrawalsAsync([Withdrawal(a.EventId, nip)]);

        Assert.Equal((0, 0, 0, 0, null, 0), await DayAsync(nip, day));
        Assert.Equal(daysBefore - 1, await Sql.ScalarAsync<int>(db.DataSource,
            "select activity_days from employee_month where nip = @nip and month = @month", new { nip, month }));
    }

    [Fact]
    public async Task Edit_NewActivityThenWithdrawalReplacedBy_DayHoldsOnlyTheNewOne()
    {
        var day = TestDays.Next();
        var nip = _org.Staff[1];
        var old = Activity(nip, TestDays.MorningWib(day), 120);
        await StoreAsync(old);
        var edited = Activity(nip, TestDays.MorningWib(day), 75);
        await StoreAsync(edited);

        var r = await _host.Pipeline.SubmitWithdrawalsAsync([Withdrawal(old.EventId, nip, edited.EventId)]);

        Assert.Equal(ItemStatus.Accepted, r.Items[0].Status);
        Assert.Equal((1, 75, 0, 0, null, 0), await DayAsync(nip, day));
        Assert.Equal(edited.EventId, await Sql.ScalarAsync<Guid>(db.DataSource,
            "select replaced_by from activity_withdrawal where activity_event_id = @id", new { id = old.EventId }));
    }

    [Fact]
    public async Task Edit_NewActivityAndWithdrawalInOneTransaction_DayHoldsOnlyTheNewOne()
    {
        var day = TestDays.Next();
        var nip = _org.Staff[1];
        var old = Activity(nip, TestDays.MorningWib(day), 200);
        await StoreAsync(old);
        var edited = Activity(nip, TestDays.MorningWib(day), 60);
        // the writer holds its next batch (another activity), so both submissions queue behind it and share one batch
        var hold = new WriterHold(_host);
        var first = _host.Pipeline.SubmitActivitiesAsync([Activity(_org.Staff[7], TestDays.MorningWib(day), 5)]);
        await hold.Held;
        var activity = _host.Pipeline.SubmitActivitiesAsync([edited]);
        var withdrawal = _host.Pipeline.SubmitWithdrawalsAsync([Withdrawal(old.EventId, nip, edited.EventId)]);
        await Task.Delay(100);
        hold.Release();
        await first;
        var both = await Task.WhenAll(activity, withdrawal);

        Assert.All(both, r => Assert.Equal(ItemStatus.Accepted, r.Items[0].Status));
        Assert.Equal((1, 60, 0, 0, null, 0), await DayAsync(nip, day));
    }

    [Fact]
    public async Task WithdrawReturned_RejectedMinutesLeave_AndApprovedIsRefused()
    {
        var day = TestDays.Next();
        var nip = _org.Staff[2];
        var returned = Activity(nip, TestDays.MorningWib(day), 50);
        var approved = Activity(nip, TestDays.MorningWib(day).AddHours(1), 70);
        await StoreAsync(returned, approved);
        await _host.Pipeline.SubmitReviewsAsync([Review(returned.EventId, false), Review(approved.EventId, true)]);
        Assert.Equal((2, 0, 70, 50, null, 0), await DayAsync(nip, day));

        var r = await _host.Pipeline.SubmitWithdrawalsAsync([Withdrawal(returned.EventId, nip), Withdrawal(approved.EventId, nip)]);

        Assert.Equal(ItemStatus.Accepted, r.Items[0].Status);
        Assert.Equal(ItemStatus.Rejected, r.Items[1].Status);
        Assert.Equal("activityEventId", r.Items[1].Errors[0].Field);
        Assert.Equal($"Activity {approved.EventId} is approved; only a pending or returned activity can be withdrawn.", r.Items[1].Errors[0].Message);
        Assert.Equal((1, 0, 70, 0, null, 0), await DayAsync(nip, day));
        Assert.Equal("approved", await StatusAsync(approved.EventId));
    }

    [Fact]
    public async Task WithdrawSomeoneElsesOrUnknown_SameRefusal_NothingChanges()
    {
        var day = TestDays.Next();
        var owner = _org.Staff[3];
        var other = _org.Staff[4];
        var a = Activity(owner, TestDays.MorningWib(day), 40);
        await StoreAsync(a);
        var unknown = Guid.NewGuid();

        var r = await _host.Pipeline.SubmitWithdrawalsAsync([Withdrawal(a.EventId, other), Withdrawal(unknown, other)]);

        Assert.All(r.Items, i => Assert.Equal(ItemStatus.Rejected, i.Status));
        var theirs = r.Items[0].Errors.Single();
        var none = r.Items[1].Errors.Single();
        Assert.Equal(("activityEventId", $"Employee {other} has no activity {a.EventId} (stored, or accepted in this batch)."),
            (theirs.Field, theirs.Message));
        Assert.Equal((theirs.Field, theirs.Message.Replace(a.EventId.ToString(), "ID")),
            (none.Field, none.Message.Replace(unknown.ToString(), "ID")));
        Assert.Equal((1, 40, 0, 0, null, 0), await DayAsync(owner, day));
        Assert.Equal("pending", await StatusAsync(a.EventId));
    }

    [Fact]
    public async Task WithdrawTwice_SameEventIdDuplicate_NewEventIdRefused()
    {
        var day = TestDays.Next();
        var nip = _org.Staff[5];
        var a = Activity(nip, TestDays.MorningWib(day), 100);
        await StoreAsync(a);
        var w = Withdrawal(a.EventId, nip);

        var first = await Task.WhenAll(_host.Pipeline.SubmitWithdrawalsAsync([w]), _host.Pipeline.SubmitWithdrawalsAsync([w]));
        var retry = await _host.Pipeline.SubmitWithdrawalsAsync([w]);
        var second = await _host.Pipeline.SubmitWithdrawalsAsync([Withdrawal(a.EventId, nip)]);

        Assert.Equal([ItemStatus.Accepted, ItemStatus.Duplicate], first.Select(r => r.Items[0].Status).Order());
        Assert.Equal(ItemStatus.Duplicate, retry.Items[0].Status);
        Assert.Equal(ItemStatus.Rejected, second.Items[0].Status);
        Assert.Equal($"Activity {a.EventId} is already withdrawn.", second.Items[0].Errors[0].Message);
        Assert.Equal((0, 0, 0, 0, null, 0), await DayAsync(nip, day));
        Assert.Equal(1, await Sql.ScalarAsync<int>(db.DataSource,
            "select count(*)::int from activity_withdrawal where activity_event_id = @id", new { id = a.EventId }));
    }

    [Fact]
    public async Task ReviewAfterWithdrawal_Refused_FiguresUnchanged()
    {
        var day = TestDays.Next();
        var nip = _org.Staff[6];
        var a = Activity(nip, TestDays.MorningWib(day), 80);
        await StoreAsync(a);
        await _host.Pipeline.SubmitWithdrawalsAsync([Withdrawal(a.EventId, nip)]);

        var r = await _host.Pipeline.SubmitReviewsAsync([Review(a.EventId, true)]);

        Assert.Equal(ItemStatus.Rejected, r.Items[0].Status);
        Assert.Equal(("activityEventId", $"Activity {a.EventId} was withdrawn by the employee; it can no longer be reviewed."),
            (r.Items[0].Errors[0].Field, r.Items[0].Errors[0].Message));
        Assert.Equal("withdrawn", await StatusAsync(a.EventId));
        Assert.Equal((0, 0, 0, 0, null, 0), await DayAsync(nip, day));
    }

    [Fact]
    public async Task RetryOfAStoredReview_AfterTheActivityWasWithdrawn_IsDuplicateNotRejected()
    {
        var day = TestDays.Next();
        var nip = _org.Staff[7];
        var a = Activity(nip, TestDays.MorningWib(day), 30);
        await StoreAsync(a);
        var returned = Review(a.EventId, false);
        Assert.Equal(ItemStatus.Accepted, (await _host.Pipeline.SubmitReviewsAsync([returned])).Items[0].Status);
        Assert.Equal(ItemStatus.Accepted, (await _host.Pipeline.SubmitWithdrawalsAsync([Withdrawal(a.EventId, nip)])).Items[0].Status);

        // the superior's client lost the first answer and sends the same review again
        var retry = await _host.Pipeline.SubmitReviewsAsync([returned]);

        Assert.Equal(ItemStatus.Duplicate, retry.Items[0].Status);
        Assert.Equal("withdrawn", await StatusAsync(a.EventId));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db.DataSource,
            "select count(*) from activity_review where activity_event_id = @id", new { id = a.EventId }));
    }

    [Fact]
    public async Task ReplacedBy_UnknownOrSomeoneElses_RefusedWithTheSameAnswer()
    {
        var day = TestDays.Next();
        var nip = _org.Staff[0];
        var a = Activity(nip, TestDays.MorningWib(day).AddHours(3), 10);
        var theirs = Activity(_org.Staff[1], TestDays.MorningWib(day).AddHours(3), 10);
        await StoreAsync(a, theirs);
        var unknown = Guid.NewGuid();

        var r = await _host.Pipeline.SubmitWithdrawalsAsync([Withdrawal(a.EventId, nip, unknown), Withdrawal(a.EventId, nip, theirs.EventId)]);

        Assert.All(r.Items, i => Assert.Equal(ItemStatus.Rejected, i.Status));
        Assert.Equal(("replacedBy", $"Employee {nip} has no activity {unknown} (stored, or accepted in this batch): send the replacing activity before or with the withdrawal."),
            (r.Items[0].Errors[0].Field, r.Items[0].Errors[0].Message));
        Assert.Equal(r.Items[0].Errors[0].Message.Replace(unknown.ToString(), "ID"),
            r.Items[1].Errors[0].Message.Replace(theirs.EventId.ToString(), "ID"));
        Assert.Equal("pending", await StatusAsync(a.EventId));
    }

    [Fact]
    public async Task OverHttp_WithdrawalsRoute_AcceptsAndAnswersPerItem()
    {
        var day = TestDays.Next();
        var nip = _org.Staff[2];
        var a = Activity(nip, TestDays.MorningWib(day).AddHours(4), 15);
        await StoreAsync(a);

        var result = await (await _host.Client.PostJsonAsync("withdrawals",
            Items.Withdrawal(a.EventId, nip, DateTimeOffset.UtcNow.AddMinutes(-1)),
            Items.Withdrawal(Guid.NewGuid(), nip, DateTimeOffset.UtcNow.AddMinutes(-1)))).ResultAsync();

        Assert.Equal(("accepted", "rejected"), (result.StatusAt(0), result.StatusAt(1)));
        Assert.Equal("withdrawn", await StatusAsync(a.EventId));
    }

    [Fact]
    public async Task MixedHistory_RollupsAgreeWithRecompute()
    {
        var rng = new Random(16);
        var nips = _org.Staff.Take(6).ToArray();
        for (var round = 0; round < 6; round++)
        {
            var day = TestDays.Next();
            var acts = nips.SelectMany(n => Enumerable.Range(0, 3).Select(k => Activity(n, TestDays.MorningWib(day).AddMinutes(k * 5), rng.Next(5, 120))))
                .ToArray();
            await StoreAsync(acts);
            await _host.Pipeline.SubmitReviewsAsync(acts.Where((_, i) => i % 3 == 1).Select(a => Review(a.EventId, rng.Next(2) == 0)).ToList());
            var withdrawals = acts.Where((_, i) => i % 2 == 0)
                .Select(a => Withdrawal(a.EventId, a.Nip, acts.FirstOrDefault(x => x.Nip == a.Nip && x != a)?.EventId)).ToList();
            var r = await _host.Pipeline.SubmitWithdrawalsAsync(withdrawals);
            Assert.Contains(r.Items, i => i.Status == ItemStatus.Accepted);
        }
        await RollupAssert.MatchesRebuildAsync(db.DataSource);
    }
}
