using System.Text.Json;
using Kinerja.Core.Changes;
using Kinerja.Core.Indicators;
using Kinerja.Core.Indicators.Live;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// A commit rebuilds only the units whose running tally changed and pools the region from the tallies
/// (<see cref="LiveUnitTally"/>): after every kind of incremental change, one after another, the region and every unit row
/// must equal both the database read and a model loaded from scratch, including the one figure that cannot be taken back
/// (the longest TKS run, a maximum), and units nothing touched keep their row object and version.
/// </summary>
public class LiveIncrementalAggregateTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string Canonical(RegionIndicators? r) => JsonSerializer.Serialize(r, Json);

    [Fact]
    public async Task Region_AfterEachIncrementalChange_EqualsTheDatabaseReadAndAFreshLoad()
    {
        var a = await TestData.SeedUnitWithStaffAsync(db.DataSource, "lia", "lia-u1", 4, 9600);
        var b = await TestData.SeedUnitWithStaffAsync(db.DataSource, "lia", "lia-u2", 4, 9650);
        var c = await TestData.SeedUnitWithStaffAsync(db.DataSource, "lia-x", "lia-x-u", 2, 9700);
        // a[1] holds the region's longest TKS run (3 working days), b[1] the next one (2)
        await Rollups.TksAsync(db.DataSource, a[1], "2026-03-10", "2026-03-11", "2026-03-12");
        await Rollups.TksAsync(db.DataSource, b[1], "2026-03-16", "2026-03-17");
        await Rollups.DayAsync(db.DataSource, a[2], "2026-03-16", approved: 120, attendance: "hadir");
        var time = SettableTime.AtWib(2026, 3, 18);
        var queries = Rollups.Queries(db.DataSource, time);
        var live = new LiveIndicators(queries, queries.CalendarsForTests, time, NullLogger<LiveIndicators>.Instance);
        await live.LoadAllAsync();
        Assert.Equal(3, live.Region("lia")!.Indicators.TksLongestRun);
        var steps = new (string Name, Func<Task> Change, EventsChanged Named)[]
        {
            ("activity only", () => Rollups.DayAsync(db.DataSource, a[2], "2026-03-18", pending: 45),
                new EventsChanged { Nips = [a[2]], Units = ["lia-u1"] }),
            ("attendance today", () => Rollups.DayAsync(db.DataSource, b[2], "2026-03-18", attendance: "terlambat", late: 9),
                new EventsChanged { Nips = [b[2]], Units = ["lia-u2"] }),
            ("longest TKS run shortened", () => Rollups.DayAsync(db.DataSource, a[1], "2026-03-11", attendance: "hadir"),
                new EventsChanged { Nips = [a[1]], Units = ["lia-u1"] }),
            ("predicate", () => Rollups.LevelAsync(db.DataSource, b[3], "2026-03", "SANGAT_BAIK"),
                new EventsChanged { Nips = [b[3]] }),
            ("unit IKM", () => Rollups.RatingAsync(db.DataSource, "unit", "lia-u2", "2026-03", "masyarakat", "kepuasan_layanan", 17, 4),
                new EventsChanged { Units = ["lia-u2"] }),
            ("moved to the other unit", () => Rollups.ExecAsync(db.DataSource,
                "update employee set unit_id = 'lia-u2' where nip = @nip", new { nip = a[3] }),
                new EventsChanged { Nips = [a[3]] }),
            ("moved to another region", () => Rollups.ExecAsync(db.DataSource,
                "update employee set unit_id = 'lia-x-u' where nip = @nip", new { nip = b[4] }),
                new EventsChanged { Nips = [b[4]] }),
            ("deactivated", () => Rollups.ExecAsync(db.DataSource,
                "update employee set active = false where nip = @nip", new { nip = a[4] }),
                new EventsChanged { Nips = [a[4]] }),
        };
        foreach (var (name, change, named) in steps)
        {
            time.Now = time.Now.AddMinutes(1);
            await change();
            await live.ApplyAsync(named);

            foreach (var region in new[] { "lia", "lia-x" })
            {
                var incremental = live.Region(region)!.Indicators;
                var fresh = new LiveIndicators(queries, queries.CalendarsForTests, time, NullLogger<LiveIndicators>.Instance);
                await fresh.LoadAllAsync();
                Assert.True(Canonical(await queries.RegionAsync(region)) == Canonical(incremental), $"{name}: {region} differs from the database read");
                Assert.True(Canonical(fresh.Region(region)!.Indicators) == Canonical(incremental), $"{name}: {region} differs from a fresh load");
            }
        }
        var end = live.Region("lia")!.Indicators;
        Assert.Equal(2, end.TksLongestRun); // a[1]'s run was cut; b[1]'s is the longest now
        Assert.Equal((3, 5), (end.Units[0].EmployeeCount, end.Units[1].EmployeeCount));
    }

    [Fact]
    public async Task Commit_OfOneUnitsChange_KeepsTheOtherUnitsRowAndVersion()
    {
        var a = await TestData.SeedUnitWithStaffAsync(db.DataSource, "lib", "lib-u1", 3, 9800);
        await TestData.SeedUnitWithStaffAsync(db.DataSource, "lib", "lib-u2", 3, 9850);
        var time = SettableTime.AtWib(2026, 3, 18);
        var queries = Rollups.Queries(db.DataSource, time);
        var live = new LiveIndicators(queries, queries.CalendarsForTests, time, NullLogger<LiveIndicators>.Instance);
        await live.LoadAllAsync();
        var before = live.Region("lib")!;
        time.Now = time.Now.AddMinutes(1);

        await Rollups.DayAsync(db.DataSource, a[1], "2026-03-18", approved: 30);
        await live.ApplyAsync(new EventsChanged { Nips = [a[1]], Units = ["lib-u1"] });

        var after = live.Region("lib")!;
        Assert.True(after.Version > before.Version);
        Assert.Equal(before.Indicators.Units[0].ActivityMinutes + 30, after.Indicators.Units[0].ActivityMinutes);
        Assert.Same(before.Indicators.Units[1], after.Indicators.Units[1]);
        Assert.Equal(before.Indicators.UnitVersions["lib-u2"], after.Indicators.UnitVersions["lib-u2"]);
        Assert.Equal(after.Version, after.Indicators.UnitVersions["lib-u1"]);
    }
}
