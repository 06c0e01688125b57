using System.Text.Json;
using Kinerja.Core.Changes;
using Kinerja.Core.Indicators;
using Kinerja.Core.Indicators.Live;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// The boards read region figures from the live model: they must equal the database read
/// (<see cref="IIndicatorQueries.RegionAsync"/>) after incremental changes of every kind the unit
/// figures depend on (today's filing and attendance, predicates, unit IKM, a deactivation).
/// </summary>
public class LiveRegionReadTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<(LiveIndicators Live, IndicatorQueries Queries, IReadOnlyList<string> Staff, SettableTime Time)> SetUpAsync(
        string region, int offset)
    {
        var staff = await TestData.SeedUnitWithStaffAsync(db.DataSource, region, region + "-u", 6, offset);
        var time = SettableTime.AtWib(2026, 3, 18);
        var queries = Rollups.Queries(db.DataSource, time);
        var live = new LiveIndicators(queries, queries.CalendarsForTests, time, NullLogger<LiveIndicators>.Instance);
        await live.LoadAllAsync();
        return (live, queries, staff, time);
    }

    private static string Canonical(RegionIndicators? r) => JsonSerializer.Serialize(r, Json);

    [Fact]
    public async Task Region_AfterIncrementalChanges_EqualsTheDatabaseRead()
    {
        var (live, queries, staff, _) = await SetUpAsync("lrr-a", 7000);
        await Rollups.DayAsync(db.DataSource, staff[0], "2026-03-18", pending: 90, attendance: "hadir");
        await Rollups.DayAsync(db.DataSource, staff[1], "2026-03-18", attendance: "terlambat", late: 12);
        await Rollups.DayAsync(db.DataSource, staff[2], "2026-03-17", approved: 300, attendance: "sakit");
        await Rollups.LevelAsync(db.DataSource, staff[3], "2026-03", "BAIK");
        await Rollups.LevelAsync(db.DataSource, staff[4], "2026-03", "SANGAT_KURANG");
        await Rollups.RatingAsync(db.DataSource, "unit", "lrr-a-u", "2026-03", "masyarakat", "kepuasan_layanan", 14, 4);
        await Rollups.ExecAsync(db.DataSource, "update employee set active = false where nip = @nip", new { nip = staff[5] });

        await live.ApplyAsync(new EventsChanged { Nips = [.. staff.Take(6)], Units = ["lrr-a-u"], Regions = ["lrr-a"] });

        var read = live.Region("lrr-a");
        Assert.NotNull(read);
        var fromDb = await queries.RegionAsync("lrr-a");
        Assert.Equal(Canonical(fromDb), Canonical(read.Indicators));
        var unit = read.Indicators.Units.Single();
        Assert.Equal((1, 1, 1), (unit.FiledToday, unit.AttendanceToday.Hadir, unit.AttendanceToday.Terlambat));
        Assert.Equal((1, 1, 2), (unit.Predikat.Baik, unit.Predikat.SangatKurang, unit.Predikat.RatedCount));
        Assert.Equal(4, unit.IkmCount);
        Assert.Equal(live.RegionVersion("lrr-a")!.Value.Version, read.Version);
    }

    [Fact]
    public async Task UnitSnapshots_AfterIncrementalChanges_EqualTheDatabaseRead()
    {
        var (live, queries, staff, _) = await SetUpAsync("lrr-u", 7400);
        await Rollups.LevelAsync(db.DataSource, staff[0], "2026-03", "BAIK");
        await Rollups.LevelAsync(db.DataSource, staff[1], "2026-03", "SANGAT_KURANG");
        await Rollups.LevelAsync(db.DataSource, staff[2], "2026-03", "BAIK");
        await Rollups.RatingAsync(db.DataSource, "unit", "lrr-u-u", "2026-03", "masyarakat", "kepuasan_layanan", 14, 4);
        await Rollups.ExecAsync(db.DataSource, "update employee set active = false where nip = @nip", new { nip = staff[2] });

        await live.ApplyAsync(new EventsChanged { Nips = [.. staff.Take(3)], Units = ["lrr-u-u"] });

        var fromLive = live.UnitSnapshots("lrr-u");
        Assert.NotNull(fromLive);
        var fromDb = await queries.UnitSnapshotsAsync(Kinerja.Core.Domain.Period.MonthOf(new DateOnly(2026, 3, 18)), "lrr-u");
        Assert.Equal(fromDb, fromLive);
        var unit = Assert.Single(fromLive);
        // the deactivated employee left the head count and the distribution; IKM from the unit ratings
        Assert.Equal((6, 1, 1, 2), (unit.EmployeeCount, unit.BaikCount, unit.SangatKurangCount, unit.RatedCount));
        Assert.NotNull(unit.Ikm);
        Assert.Null(live.UnitSnapshots("no-such-region"));
    }

    [Fact]
    public async Task Region_SameVersion_IsAggregatedOnce()
    {
        var (live, _, staff, _) = await SetUpAsync("lrr-b", 7100);

        var first = live.Region("lrr-b");
        var again = live.Region("lrr-b");
        await Rollups.DayAsync(db.DataSource, staff[0], "2026-03-18", approved: 60);
        await live.ApplyAsync(new EventsChanged { Nips = [staff[0]] });
        var changed = live.Region("lrr-b");

        Assert.Same(first!.Indicators, again!.Indicators);
        Assert.NotSame(first.Indicators, changed!.Indicators);
        Assert.Equal(first.Indicators.ActivityMinutes + 60, changed.Indicators.ActivityMinutes);
    }

    [Fact]
    public async Task Region_AsOf_IsTheReadStartWhileBusyAndNowOnceQuiet()
    {
        var (live, _, staff, time) = await SetUpAsync("lrr-c", 7200);
        var loadedAt = time.GetUtcNow();
        time.Now = loadedAt.AddMilliseconds(200);
        await Rollups.DayAsync(db.DataSource, staff[1], "2026-03-18", approved: 30);
        await live.ApplyAsync(new EventsChanged { Nips = [staff[1]] });

        // just after a change: complete as of when its read started, not "now"
        time.Now = loadedAt.AddMilliseconds(500);
        Assert.Equal(loadedAt.AddMilliseconds(200), live.Region("lrr-c")!.AsOf);
        // quiet for longer than QuietBeforeNow: nothing announced is missing, so "now"
        time.Now = loadedAt.AddMilliseconds(200) + LiveIndicators.QuietBeforeNow + TimeSpan.FromMilliseconds(1);
        Assert.Equal(time.Now, live.Region("lrr-c")!.AsOf);
    }

    [Fact]
    public void Region_NotLoaded_IsNull()
    {
        var time = SettableTime.AtWib(2026, 3, 18);
        var queries = Rollups.Queries(db.DataSource, time);
        var live = new LiveIndicators(queries, queries.CalendarsForTests, time, NullLogger<LiveIndicators>.Instance);
        Assert.Null(live.Region("lrr-none"));
    }

    [Fact]
    public void Merge_BurstOfPayloads_FoldsIntoOneReloadAndOneRecompute()
    {
        var merged = LiveChangeQueue.Merge(
        [
            new EventsChanged { Nips = ["2", "1"], Units = ["u1"], Regions = ["r1"] },
            new EventsChanged { Regions = ["r9"] },
            new EventsChanged { Nips = ["1", "3"], Units = ["u2"], Regions = ["r2"] },
        ]).ToArray();

        Assert.Equal(2, merged.Length);
        Assert.Equal(["r9"], merged[0].Regions);
        Assert.Empty(merged[0].Nips);
        Assert.Equal(["1", "2", "3"], merged[1].Nips);
        Assert.Equal(["u1", "u2"], merged[1].Units);
    }
}
