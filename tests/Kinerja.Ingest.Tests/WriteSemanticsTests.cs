using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;
using Npgsql;

namespace Kinerja.Ingest.Tests;

/// <summary>Idempotency, rollups and change notifications of the write path (in-process API).</summary>
public sealed class WriteSemanticsTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private IngestHost _host = null!;
    private Org _org = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource);
        // A long batch deadline so concurrent submissions share one writer transaction.
        _host = await IngestHost.StartAsync(db.DataSource, new Dictionary<string, string?>
        {
            ["Kinerja:Ingest:BatchDeadline"] = "00:00:00.200",
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static ActivityItem Activity(string nip, DateTimeOffset at, int minutes = 60) => new()
    {
        EventId = Guid.NewGuid(), Nip = nip, OccurredAt = at, Minutes = minutes, Description = "Rapat koordinasi",
    };

    private Task<(int Count, int Pending, int Approved, int Rejected, string? Att, int Late)> DayAsync(string nip, DateOnly day) =>
        db.DataSource.ScalarOrDefaultAsync(nip, day);

    [Fact]
    public async Task Submit_SameBatchTwice_SecondTimeAllDuplicatesAndRollupUnchanged()
    {
        var day = TestDays.Next();
        var items = new[] { Activity(_org.Staff[0], TestDays.MorningWib(day), 30), Activity(_org.Staff[0], TestDays.MorningWib(day), 45) };
        var first = await _host.Pipeline.SubmitActivitiesAsync(items);
        var second = await _host.Pipeline.SubmitActivitiesAsync(items);

        Assert.Equal((2, 0), (first.Accepted, first.Duplicates));
        Assert.Equal((0, 2), (second.Accepted, second.Duplicates));
        Assert.Equal((2, 75, 0, 0, null, 0), await DayAsync(_org.Staff[0], day));
    }

    [Fact]
    public async Task Submit_SameEventInTwoConcurrentSubmissions_StoredOnceOtherIsDuplicate()
    {
        var day = TestDays.Next();
        var item = Activity(_org.Staff[1], TestDays.MorningWib(day), 50);
        var results = await Task.WhenAll(_host.Pipeline.SubmitActivitiesAsync([item]), _host.Pipeline.SubmitActivitiesAsync([item]));
        Assert.Equal([ItemStatus.Accepted, ItemStatus.Duplicate], results.Select(r => r.Items[0].Status).Order());
        Assert.Equal(50, (await DayAsync(_org.Staff[1], day)).Pending);
    }

    [Fact]
    public async Task Reviews_LatestByTimeWins_MinutesMoveBetweenBuckets()
    {
        var day = TestDays.Next();
        var nip = _org.Staff[2];
        var a = Activity(nip, TestDays.MorningWib(day), 120);
        var b = Activity(nip, TestDays.MorningWib(day).AddHours(2), 30);
        await _host.Pipeline.SubmitActivitiesAsync([a, b]);
        var t0 = TestDays.MorningWib(day).AddDays(1);

        await Review(a.EventId, true, t0);
        Assert.Equal((2, 30, 120, 0, null, 0), await DayAsync(nip, day));

        await Review(a.EventId, false, t0.AddHours(1));
        Assert.Equal((2, 30, 0, 120, null, 0), await DayAsync(nip, day));

        // An older review arriving late does not override the newer verdict.
        await Review(a.EventId, true, t0.AddMinutes(-30));
        Assert.Equal((2, 30, 0, 120, null, 0), await DayAsync(nip, day));
        Assert.Equal("rejected", await Sql.ScalarAsync<string>(db.DataSource,
            "select status from activity where event_id = @id", new { id = a.EventId }));
    }

    [Fact]
    public async Task Review_OfActivityInTheSameWriterBatch_IsAccepted()
    {
        var day = TestDays.Next();
        var a = Activity(_org.Staff[3], TestDays.MorningWib(day), 90);
        var submitActivity = _host.Pipeline.SubmitActivitiesAsync([a]);
        var review = _host.Pipeline.SubmitReviewsAsync([new ReviewItem
        {
            EventId = Guid.NewGuid(), ActivityEventId = a.EventId, Approved = true, ReviewerNip = _org.Supervisor,
            At = TestDays.MorningWib(day).AddHours(8),
        }]);
        await submitActivity;
        Assert.Equal(ItemStatus.Accepted, (await review).Items[0].Status);
        Assert.Equal(90, (await DayAsync(_org.Staff[3], day)).Approved);
    }

    [Fact]
    public async Task Attendance_LatestArrivalOfTheDayWins()
    {
        var day = TestDays.Next();
        var nip = _org.Staff[4];
        await _host.Pipeline.SubmitAttendanceAsync([
            new AttendanceItem { EventId = Guid.NewGuid(), Nip = nip, Day = day, Status = "terlambat", LateMinutes = 25 },
            new AttendanceItem { EventId = Guid.NewGuid(), Nip = nip, Day = day, Status = "hadir" },
        ]);
        Assert.Equal(("hadir", 0), ((await DayAsync(nip, day)).Att, (await DayAsync(nip, day)).Late));
        await _host.Pipeline.SubmitAttendanceAsync([
            new AttendanceItem { EventId = Guid.NewGuid(), Nip = nip, Day = day, Status = "terlambat", LateMinutes = 12 },
        ]);
        Assert.Equal(("terlambat", 12), ((await DayAsync(nip, day)).Att, (await DayAsync(nip, day)).Late));
    }

    [Fact]
    public async Task Ratings_SumAndCountPerSubjectRoleAspect()
    {
        var nip = _org.Staff[5];
        RatingItem R(int score) => new()
        {
            EventId = Guid.NewGuid(), Nip = nip, RaterRole = "rekan", Aspect = "harmonis", Score = score, Period = "2025-04",
            OccurredAt = DateTimeOffset.Parse("2025-04-30T10:00:00+07:00"),
        };
        var dup = R(5);
        await _host.Pipeline.SubmitRatingsAsync([R(3), dup]);
        await _host.Pipeline.SubmitRatingsAsync([dup, R(4)]);
        var (sum, count) = (await Sql.QueryAsync<(long, int)>(db.DataSource, """
            select score_sum, score_count from rating_rollup
            where subject_kind = 'employee' and subject_id = @nip and period = '2025-04' and rater_role = 'rekan' and aspect = 'harmonis'
            """, new { nip })).Single();
        Assert.Equal((12L, 3), (sum, count));
    }

    [Fact]
    public async Task Commit_NotifiesKinerjaEventsNamingEmployeeUnitAndRegion()
    {
        await using var listen = await db.DataSource.OpenConnectionAsync();
        var payloads = new List<string>();
        listen.Notification += (_, e) => payloads.Add(e.Payload);
        await using (var cmd = new NpgsqlCommand("listen kinerja_events", listen))
        {
            await cmd.ExecuteNonQueryAsync();
        }
        var result = await _host.Pipeline.SubmitActivitiesAsync([Activity(_org.PapuaStaff[0], TestDays.MorningWib(TestDays.Next()))]);
        Assert.Equal(1, result.Accepted);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (payloads.Count == 0)
        {
            await listen.WaitAsync(cts.Token);
        }
        Assert.Equal($$"""{"nips":["{{_org.PapuaStaff[0]}}"],"units":["dinas-papua"],"regions":["manokwari"]}""", payloads[0]);
    }

    private async Task Review(Guid activity, bool approved, DateTimeOffset at)
    {
        var r = await _host.Pipeline.SubmitReviewsAsync([new ReviewItem
        {
            EventId = Guid.NewGuid(), ActivityEventId = activity, Approved = approved, ReviewerNip = _org.Supervisor, At = at,
        }]);
        Assert.Equal(ItemStatus.Accepted, r.Items[0].Status);
    }
}
