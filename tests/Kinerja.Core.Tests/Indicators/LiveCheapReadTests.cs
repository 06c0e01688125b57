using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Core.Indicators.Live;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// Which changes the live model applies from its cheap read alone (one query) and which take the full read (two): a
/// change that moves only activity figures stays cheap, also when it is the month's first activity of the employee, when
/// the rules' levels already reached the model on <c>kinerja_levels</c> and when they did not (the cheap read carries
/// them); a change of anything else still takes the full read. Either way the figures equal a full load's.
/// </summary>
public class LiveCheapReadTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Day = "2026-03-18";

    private async Task<(LiveIndicators Live, IReadOnlyList<string> Nips, SettableTime Time)> SetUpAsync(string prefix, int offset)
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, prefix, prefix + "-u", 3, offset);
        var time = SettableTime.AtWib(2026, 3, 18);
        var live = await LoadAsync(time);
        return (live, nips, time);
    }

    private async Task<LiveIndicators> LoadAsync(SettableTime time)
    {
        var queries = Rollups.Queries(db.DataSource, time);
        var live = new LiveIndicators(queries, queries.CalendarsForTests, time, NullLogger<LiveIndicators>.Instance);
        await live.LoadAllAsync();
        return live;
    }

    /// <summary>The employee's snapshot as a fresh full load computes it from the database.</summary>
    /// <summary>
    /// The last update recomputed one employee in <paramref name="queries"/> round trips, by the cheap read
    /// (<paramref name="quick"/>) or the full one (<paramref name="full"/>); returns the phase totals after it.
    /// </summary>
    private static LiveUpdatePhaseStats AssertRead(LiveIndicators live, LiveUpdatePhaseStats before, int queries, int quick, int full)
    {
        var after = live.Stats.Phases;
        Assert.Equal((1, queries), (live.Stats.LastEmployeesRecomputed, live.Stats.LastQueries));
        Assert.Equal((quick, full), (after.QuickEmployees - before.QuickEmployees, after.FullEmployees - before.FullEmployees));
        return after;
    }

    private async Task<IndicatorSnapshot> ReloadedAsync(SettableTime time, string nip) => (await LoadAsync(time)).Employee(nip)!;

    [Fact]
    public async Task FirstActivityOfTheMonth_IsAppliedFromTheCheapReadAlone()
    {
        var (live, nips, time) = await SetUpAsync("cheap1", 7000);
        await using (var conn = await db.DataSource.OpenConnectionAsync())
        {
            // the employee has no month row yet: the activity creates it, with zero attendance detail counters
            Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from employee_month where nip = @nip", new { nip = nips[1] }));
        }
        var before = live.Stats.Phases;
        await Rollups.DayAsync(db.DataSource, nips[1], Day, pending: 45);

        await live.ApplyAsync(new EventsChanged { Nips = [nips[1]] });

        var after = AssertRead(live, before, queries: 1, quick: 1, full: 0);
        Assert.Equal((1, 1), (after.RegionCommits - before.RegionCommits, after.VersionsMoved - before.VersionsMoved));
        Assert.Equal(45, live.Employee(nips[1])!.ActivityMinutesPending);
        Assert.Equal(await ReloadedAsync(time, nips[1]), live.Employee(nips[1]));
    }

    [Fact]
    public async Task LevelsTakenFromTheFeed_KeepTheNextActivityOnTheCheapRead()
    {
        var (live, nips, time) = await SetUpAsync("cheap2", 7100);
        var nip = nips[2];
        await Rollups.DayAsync(db.DataSource, nip, Day, pending: 30);
        await live.ApplyAsync(new EventsChanged { Nips = [nip] });
        // the rules store levels of the held month and of the month before, and announce them on kinerja_levels
        await Rollups.LevelAsync(db.DataSource, nip, "2026-03", Predikat.ButuhPerbaikan, "DI_BAWAH_EKSPEKTASI", "SESUAI_EKSPEKTASI");
        await Rollups.LevelAsync(db.DataSource, nip, "2026-02", Predikat.SangatBaik);
        await live.ApplyLevelsAsync([
            new LevelChange(nip, "2026-03", "DI_BAWAH_EKSPEKTASI", "SESUAI_EKSPEKTASI", Predikat.ButuhPerbaikan),
            new LevelChange(nip, "2026-02", null, null, Predikat.SangatBaik),
        ]);
        var before = live.Stats.Phases;
        await Rollups.DayAsync(db.DataSource, nip, Day, pending: 30, approved: 60, activities: 2);

        await live.ApplyAsync(new EventsChanged { Nips = [nip] });

        AssertRead(live, before, queries: 1, quick: 1, full: 0);
        var snapshot = live.Employee(nip)!;
        Assert.Equal((60, Predikat.ButuhPerbaikan, Predikat.SangatBaik), (snapshot.ActivityMinutes, snapshot.Predikat, snapshot.PreviousPredikat));
        Assert.Equal(await ReloadedAsync(time, nip), snapshot);
    }

    [Fact]
    public async Task LevelsNotTaken_AreReadWithTheNextActivityFromTheCheapRead()
    {
        var (live, nips, time) = await SetUpAsync("cheap3", 7200);
        var nip = nips[3];
        await Rollups.DayAsync(db.DataSource, nip, Day, pending: 20);
        await live.ApplyAsync(new EventsChanged { Nips = [nip] });
        // stored, but the notice has not reached this model yet (or came from a process it does not hear)
        await Rollups.LevelAsync(db.DataSource, nip, "2026-03", Predikat.SangatKurang, "DI_BAWAH_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI");
        await Rollups.LevelAsync(db.DataSource, nip, "2026-01", Predikat.Baik);
        var before = live.Stats.Phases;
        await Rollups.DayAsync(db.DataSource, nip, Day, pending: 20, approved: 15, activities: 2);

        await live.ApplyAsync(new EventsChanged { Nips = [nip] });

        AssertRead(live, before, queries: 1, quick: 1, full: 0);
        var snapshot = live.Employee(nip)!;
        Assert.Equal((15, Predikat.SangatKurang, "DI_BAWAH_EKSPEKTASI"), (snapshot.ActivityMinutes, snapshot.Predikat, snapshot.RatingHasilKerja));
        Assert.Equal(await ReloadedAsync(time, nip), snapshot);
        // the notice arriving afterwards finds the levels held: nothing changes
        Assert.True(live.Holds(new LevelChange(nip, "2026-03", "DI_BAWAH_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI", Predikat.SangatKurang)));
        Assert.True(live.Holds(new LevelChange(nip, "2026-01", null, null, Predikat.Baik)));
    }

    [Fact]
    public async Task AttendanceChange_StillTakesTheFullRead()
    {
        var (live, nips, time) = await SetUpAsync("cheap4", 7300);
        var nip = nips[1];
        await Rollups.DayAsync(db.DataSource, nip, Day, pending: 10);
        await live.ApplyAsync(new EventsChanged { Nips = [nip] });
        var before = live.Stats.Phases;
        await Rollups.DayAsync(db.DataSource, nip, Day, pending: 10, attendance: "tanpa_keterangan");

        await live.ApplyAsync(new EventsChanged { Nips = [nip] });

        AssertRead(live, before, queries: 2, quick: 0, full: 1);
        Assert.Equal(await ReloadedAsync(time, nip), live.Employee(nip));
    }
}
