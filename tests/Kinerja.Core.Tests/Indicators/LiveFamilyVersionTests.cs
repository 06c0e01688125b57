using Kinerja.Core.Changes;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Core.Indicators.Live;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// From the one comparison that moves a region's data version, each figure family keeps its own version: the charts
/// key on the family they draw, so a change of activity minutes redraws the minutes chart and not the attendance,
/// predicate or IKM charts, and a level change the other way round.
/// </summary>
public class LiveFamilyVersionTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly FigureFamily[] NotActivity =
        [FigureFamily.Filing, FigureFamily.Attendance, FigureFamily.Predikat, FigureFamily.Ikm, FigureFamily.Period];

    private static readonly FigureFamily[] NotPredikat =
        [FigureFamily.Activity, FigureFamily.Filing, FigureFamily.Attendance, FigureFamily.Ikm, FigureFamily.Period];

    private async Task<(LiveIndicators Live, IReadOnlyList<string> Staff, SettableTime Time)> SetUpAsync(string region, int offset)
    {
        var staff = await TestData.SeedUnitWithStaffAsync(db.DataSource, region, region + "-u", 4, offset);
        var time = SettableTime.AtWib(2026, 3, 18);
        var queries = Rollups.Queries(db.DataSource, time);
        var live = new LiveIndicators(queries, queries.CalendarsForTests, time, NullLogger<LiveIndicators>.Instance);
        await live.LoadAllAsync();
        return (live, staff, time);
    }

    [Fact]
    public async Task Load_StampsEveryFamilyOfTheRegionAndItsUnitsWithTheLoadedVersion()
    {
        var (live, _, _) = await SetUpAsync("lfam-a", 9100);

        var read = live.Region("lfam-a")!;

        Assert.All(Enum.GetValues<FigureFamily>(), f => Assert.Equal(read.Version, read.Indicators.Families.Of(f)));
        Assert.All(Enum.GetValues<FigureFamily>(), f => Assert.Equal(read.Version, read.Indicators.UnitFamilies["lfam-a-u"].Of(f)));
    }

    [Fact]
    public async Task MinutesOnlyChange_MovesTheActivityFamily_NotAttendancePredikatIkmFilingOrPeriod()
    {
        var (live, staff, time) = await SetUpAsync("lfam-b", 9200);
        var before = live.Region("lfam-b")!;
        time.Now = time.Now.AddMinutes(10);
        await Rollups.DayAsync(db.DataSource, staff[1], "2026-03-16", approved: 75); // an earlier day: today's filing stays

        await live.ApplyAsync(new EventsChanged { Nips = [staff[1]] });

        var after = live.Region("lfam-b")!;
        AssertOnlyMoved(before, after, "lfam-b-u", FigureFamily.Activity, NotActivity);
    }

    [Fact]
    public async Task LevelChange_MovesThePredikatFamily_NotActivityAttendanceIkmFilingOrPeriod()
    {
        var (live, staff, time) = await SetUpAsync("lfam-c", 9300);
        var before = live.Region("lfam-c")!;
        time.Now = time.Now.AddMinutes(10);

        await live.ApplyLevelsAsync([new LevelChange(staff[2], "2026-03", "DI_BAWAH_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI",
            Predikat.SangatKurang)]);

        var after = live.Region("lfam-c")!;
        AssertOnlyMoved(before, after, "lfam-c-u", FigureFamily.Predikat, NotPredikat);
    }

    [Fact]
    public async Task ClosedMonthLevel_UpdatesTheHistoryInMemory_WithoutARecompute_AndNamesTheEmployeeOnce()
    {
        var (live, staff, time) = await SetUpAsync("lfam-d", 9400);
        var before = live.Region("lfam-d")!;
        var stats = live.Stats;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var changes = live.Subscribe(cts.Token);
        time.Now = time.Now.AddMinutes(10);
        LevelChange[] closed = [new(staff[0], "2026-02", "DI_BAWAH_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI", Predikat.SangatKurang)];

        await live.ApplyLevelsAsync(closed);

        var change = await changes.ReadAsync(cts.Token);
        Assert.False(change.LevelsOnly); // a history input moved: the rules must see those employees
        Assert.Equal([staff[0]], change.Nips);
        Assert.Equal(before.Version, change.Version); // no board figure holds history
        var snapshot = live.Employee(staff[0])!;
        Assert.Equal((Predikat.SangatKurang, 1), (snapshot.PreviousPredikat, snapshot.PeriodsSangatKurang));
        Assert.Equal((stats.IncrementalUpdates, stats.FullLoads), (live.Stats.IncrementalUpdates, live.Stats.FullLoads));
        // the same levels again (the notification after the evaluator's direct call) change nothing
        await live.ApplyLevelsAsync(closed);
        Assert.False(changes.TryRead(out _));
        // and the snapshot equals the one a full read of the stored history gives
        await Rollups.LevelAsync(db.DataSource, staff[0], "2026-02", Predikat.SangatKurang);
        await live.ApplyAsync(new EventsChanged { Regions = ["lfam-d"] });
        Assert.Equal(snapshot, live.Employee(staff[0]));
    }

    /// <summary>The region version moved, and with it <paramref name="moved"/> of the region and of the unit, and none of <paramref name="others"/>.</summary>
    private static void AssertOnlyMoved(LiveRegionRead before, LiveRegionRead after, string unitId, FigureFamily moved,
        IEnumerable<FigureFamily> others)
    {
        Assert.True(after.Version > before.Version);
        Assert.Equal(after.Version, after.Indicators.Families.Of(moved));
        Assert.Equal(after.Version, after.Indicators.UnitFamilies[unitId].Of(moved));
        Assert.All(others, f => Assert.Equal(before.Indicators.Families.Of(f), after.Indicators.Families.Of(f)));
        Assert.All(others, f => Assert.Equal(before.Indicators.UnitFamilies[unitId].Of(f), after.Indicators.UnitFamilies[unitId].Of(f)));
    }
}
