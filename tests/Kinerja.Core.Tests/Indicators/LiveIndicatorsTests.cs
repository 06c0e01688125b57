using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators.Live;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>The live read model recomputes only the subjects a change names and rolls over at local midnight.</summary>
public class LiveIndicatorsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private async Task<(LiveIndicators Live, IReadOnlyList<string> A, IReadOnlyList<string> B, SettableTime Time)> SetUpAsync(
        string prefix, int offset)
    {
        var a = await TestData.SeedUnitWithStaffAsync(db.DataSource, prefix + "-a", prefix + "-a-u", 4, offset);
        var b = await TestData.SeedUnitWithStaffAsync(db.DataSource, prefix + "-b", prefix + "-b-u", 4, offset + 100, "Asia/Jayapura");
        var time = SettableTime.AtWib(2026, 3, 18);
        var queries = Rollups.Queries(db.DataSource, time);
        var live = new LiveIndicators(queries, queries.CalendarsForTests, time, NullLogger<LiveIndicators>.Instance);
        await live.LoadAllAsync();
        return (live, a, b, time);
    }

    [Fact]
    public async Task ApplyAsync_OneChangedEmployee_RecomputesOnlyThatEmployee()
    {
        var (live, a, b, _) = await SetUpAsync("live1", 4000);
        var untouched = live.Employee(a[2]);
        var before = live.Stats;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var changes = live.Subscribe(cts.Token);
        await Rollups.DayAsync(db.DataSource, a[1], "2026-03-18", approved: 240, attendance: "hadir");

        // as the ingest sends it: the NIP with its unit and region
        await live.ApplyAsync(new EventsChanged { Nips = [a[1]], Units = ["live1-a-u"], Regions = ["live1-a"] });

        Assert.Equal(240, live.Employee(a[1])!.ActivityMinutes);
        Assert.Same(untouched, live.Employee(a[2]));                   // not recomputed
        var stats = live.Stats;
        // attendance changed: the cheap read, then the full read of that one employee
        Assert.Equal((1, 2), (stats.LastEmployeesRecomputed, stats.LastQueries));
        Assert.Equal(before.EmployeesRecomputed + 1, stats.EmployeesRecomputed);
        var change = await changes.ReadAsync(cts.Token);
        Assert.Equal(("live1-a", "2026-03", false), (change.RegionId, change.Period, change.Full));
        Assert.Equal([a[1]], change.Nips);
        Assert.Equal(["live1-a-u"], change.UnitIds);
        Assert.Equal(live.RegionVersion("live1-a")!.Value.Version, change.Version);
        Assert.False(changes.TryRead(out _)); // region b did not change
        Assert.Equal(5, live.RegionEmployees("live1-b").Count);
        Assert.Contains(b[0], live.RegionEmployees("live1-b").Select(s => s.Nip));
    }

    [Fact]
    public async Task ApplyAsync_ActivityOnly_UpdatesFromTheCheapReadAlone()
    {
        var (live, a, _, _) = await SetUpAsync("live7", 5200);
        await Rollups.DayAsync(db.DataSource, a[1], "2026-03-18", pending: 45);
        await live.ApplyAsync(new EventsChanged { Nips = [a[1]] });
        await Rollups.DayAsync(db.DataSource, a[1], "2026-03-18", pending: 45, approved: 30, activities: 2);

        await live.ApplyAsync(new EventsChanged { Nips = [a[1]] });

        var snapshot = live.Employee(a[1])!;
        Assert.Equal((30, 45), (snapshot.ActivityMinutes, snapshot.ActivityMinutesPending));
        Assert.Equal((1, 1), (live.Stats.LastEmployeesRecomputed, live.Stats.LastQueries));
    }

    [Fact]
    public async Task ApplyAsync_DeactivatedEmployee_LeavesTheLiveSet()
    {
        var (live, a, _, _) = await SetUpAsync("live2", 4200);
        await Rollups.ExecAsync(db.DataSource, "update employee set active = false where nip = @nip", new { nip = a[3] });

        await live.ApplyAsync(new EventsChanged { Nips = [a[3]] });

        Assert.Null(live.Employee(a[3]));
        Assert.Equal(4, live.RegionEmployees("live2-a").Count);
    }

    [Fact]
    public async Task ApplyAsync_UnitOnly_AnnouncesTheUnitWithoutRecomputingEmployees()
    {
        var (live, _, _, _) = await SetUpAsync("live3", 4400);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var changes = live.Subscribe(cts.Token);

        await live.ApplyAsync(new EventsChanged { Units = ["live3-b-u"] });

        var change = await changes.ReadAsync(cts.Token);
        Assert.Equal(("live3-b", 0), (change.RegionId, change.Nips.Count));
        Assert.Equal(["live3-b-u"], change.UnitIds);
        Assert.Equal(0, live.Stats.LastEmployeesRecomputed);
    }

    [Fact]
    public async Task RollOverAsync_AtLocalMidnight_RecomputesOnlyTheRegionWhoseDayChanged()
    {
        var (live, a, b, time) = await SetUpAsync("live4", 4600);
        var targetBefore = live.Employee(b[1])!.ActivityTargetMinutes;
        var versionA = live.RegionVersion("live4-a")!.Value.Version;

        time.Now = new DateTimeOffset(2026, 3, 18, 15, 1, 0, TimeSpan.Zero); // 00:01 WIT on the 19th, 22:01 WIB on the 18th
        var rolled = await live.RollOverAsync();

        Assert.True(rolled >= 1);
        Assert.Equal(versionA, live.RegionVersion("live4-a")!.Value.Version);
        // 19 March is a working day in this region, so the month-to-date target grows by one day's share
        Assert.True(live.Employee(b[1])!.ActivityTargetMinutes > targetBefore);
        Assert.Equal(a.Count, live.RegionEmployees("live4-a").Count);
    }

    [Fact]
    public async Task ChangeFeed_NotifyOnKinerjaEvents_ReachesLiveIndicators()
    {
        var (live, a, _, _) = await SetUpAsync("live5", 4800);
        var handler = new LiveIndicatorsChangeHandler(new LiveChangeQueue(live, NullLogger<LiveChangeQueue>.Instance), live);
        using var listener = new ChangeFeedListener(db.DataSource, [handler], NullLogger<ChangeFeedListener>.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var changes = live.Subscribe(cts.Token);
        await listener.StartAsync(cts.Token);
        await Rollups.DayAsync(db.DataSource, a[4], "2026-03-17", approved: 77);

        IndicatorsChanged? change = null;
        for (var attempt = 0; attempt < 50 && change is null; attempt++)
        {
            // the listener may not be listening yet on the first notifications
            await using (var conn = await db.DataSource.OpenConnectionAsync(cts.Token))
            {
                await conn.ExecuteAsync("select pg_notify(@channel, @payload)", new
                {
                    channel = ChangeChannels.Events,
                    payload = ChangeMessages.Serialize(new EventsChanged { Nips = [a[4]] }),
                });
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
            wait.CancelAfter(TimeSpan.FromMilliseconds(300));
            try
            {
                change = await changes.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cts.IsCancellationRequested)
            {
            }
        }
        await listener.StopAsync(CancellationToken.None);

        Assert.NotNull(change);
        Assert.Equal([a[4]], change.Nips);
        Assert.Equal(77, live.Employee(a[4])!.ActivityMinutes);
    }

    [Fact]
    public async Task ApplyAsync_RegionsOnly_RecomputesTheWholeRegion()
    {
        var (live, a, _, _) = await SetUpAsync("live6", 5000);
        var loadsBefore = live.Stats.FullLoads;
        await Rollups.DayAsync(db.DataSource, a[0], "2026-03-16", approved: 15);
        await Rollups.DayAsync(db.DataSource, a[2], "2026-03-16", approved: 25);

        await live.ApplyAsync(new EventsChanged { Regions = ["live6-a"] });

        Assert.Equal(loadsBefore + 1, live.Stats.FullLoads);
        Assert.Equal(5, live.Stats.LastEmployeesRecomputed);
        Assert.Equal((15, 25), (live.Employee(a[0])!.ActivityMinutes, live.Employee(a[2])!.ActivityMinutes));
    }

    [Fact]
    public async Task Queue_Burst_AppliesEveryPayloadToTheModel_MergingThoseThatWaited()
    {
        var (live, a, _, time) = await SetUpAsync("live8", 5400);
        var queue = new LiveChangeQueue(live, NullLogger<LiveChangeQueue>.Instance);
        await Rollups.DayAsync(db.DataSource, a[1], "2026-03-18", approved: 11);
        await Rollups.DayAsync(db.DataSource, a[2], "2026-03-18", approved: 22);
        await Rollups.DayAsync(db.DataSource, a[3], "2026-03-18", approved: 33);
        var before = live.Stats.IncrementalUpdates;
        time.Now += TimeSpan.FromSeconds(5);

        queue.Enqueue(new EventsChanged { Nips = [a[1]] });
        queue.Enqueue(new EventsChanged { Nips = [a[2]] });
        queue.Enqueue(new EventsChanged { Nips = [a[3]] });

        // queued, not applied yet: the figures are not "now"
        Assert.NotEqual(time.Now, live.Region("live8-a")!.AsOf);
        // drained: once the queue is empty and the model quiet, the figures are current again
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (live.Region("live8-a")!.AsOf != time.Now && DateTime.UtcNow < deadline)
        {
            time.Now += LiveIndicators.QuietBeforeNow;
            await Task.Delay(20);
        }
        Assert.Equal((11, 22, 33), (live.Employee(a[1])!.ActivityMinutes, live.Employee(a[2])!.ActivityMinutes,
            live.Employee(a[3])!.ActivityMinutes));
        // the first payload alone (or with the others), the ones that waited merged into one recompute
        Assert.InRange(live.Stats.IncrementalUpdates - before, 1, 2);
        Assert.Equal(time.Now, live.Region("live8-a")!.AsOf);
    }

    [Fact]
    public async Task PendingLevels_LaidOver_EqualTheModelOnceApplied_AndWriteNothing()
    {
        var (live, a, _, _) = await SetUpAsync("live9", 5600);
        const string region = "live9-a";
        LevelChange[] levels =
        [
            new(a[1], "2026-03", "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", Predikat.SangatKurang), // the held month
            new(a[2], "2026-02", null, null, Predikat.SangatKurang),                                 // history
        ];
        var version = live.RegionVersion(region);
        var unitsBefore = live.UnitSnapshots(region);

        var employees = live.RegionEmployees(region, null, levels);
        var named = live.RegionEmployees(region, [a[1]], levels);
        var units = live.UnitSnapshots(region, levels);

        // a query: the model is as it was
        Assert.Equal(version, live.RegionVersion(region));
        Assert.Equal(0, live.Stats.LevelUpdates);
        Assert.NotEqual(Predikat.SangatKurang, live.Employee(a[1])!.Predikat);
        Assert.False(live.Holds(levels[0]));
        Assert.NotEqual(unitsBefore, units); // the predicate distribution moved
        Assert.Equal(Predikat.SangatKurang, Assert.Single(named).Predikat);

        await live.ApplyLevelsAsync(levels);

        Assert.All(levels, l => Assert.True(live.Holds(l)));
        Assert.Equal(live.RegionEmployees(region).OrderBy(e => e.Nip), employees.OrderBy(e => e.Nip));
        Assert.Equal(live.UnitSnapshots(region), units);
        Assert.Equal(Predikat.SangatKurang, live.Employee(a[2])!.PreviousPredikat);
    }
}
