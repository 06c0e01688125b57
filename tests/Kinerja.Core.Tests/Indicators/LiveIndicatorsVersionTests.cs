using Kinerja.Core.Changes;
using Kinerja.Core.Indicators.Live;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// The live model's data version is the one version screens and charts key on: it moves when, and only when, a
/// region's figures change, and it never goes back across a restart (it is at least the read's Unix milliseconds).
/// </summary>
public class LiveIndicatorsVersionTests(TestDatabase db) : IClassFixture<TestDatabase>
{
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
    public async Task ApplyAsync_ReReadOfUnchangedEmployeesAndUnit_KeepsTheVersionAndFigures()
    {
        var (live, staff, time) = await SetUpAsync("lver-a", 8100);
        var before = live.Region("lver-a")!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var changes = live.Subscribe(cts.Token);
        time.Now = time.Now.AddSeconds(5);

        // announced again (a duplicate batch, a retried notify): the rows read back are the ones held
        await live.ApplyAsync(new EventsChanged { Nips = [staff[0], staff[1]], Units = ["lver-a-u"], Regions = ["lver-a"] });

        var change = await changes.ReadAsync(cts.Token);
        Assert.Equal(before.Version, change.Version);
        Assert.Equal(before.Version, live.RegionVersion("lver-a")!.Value.Version);
        var after = live.Region("lver-a")!;
        Assert.Equal(before.Version, after.Version);
        Assert.Same(before.Indicators, after.Indicators); // not even aggregated anew
    }

    [Fact]
    public async Task ApplyAsync_RegionReloadWithEqualFigures_KeepsTheVersion()
    {
        var (live, _, time) = await SetUpAsync("lver-b", 8200);
        var before = live.RegionVersion("lver-b")!.Value.Version;
        time.Now = time.Now.AddSeconds(5);

        await live.ApplyAsync(new EventsChanged { Regions = ["lver-b"] });

        Assert.Equal(before, live.RegionVersion("lver-b")!.Value.Version);
    }

    [Fact]
    public async Task ApplyAsync_ChangedFigures_MovesTheVersionToAtLeastTheReadInstant()
    {
        var (live, staff, time) = await SetUpAsync("lver-c", 8300);
        var before = live.Region("lver-c")!;
        Assert.True(before.Version >= time.Now.ToUnixTimeMilliseconds() - 1000, "the first load is stamped with its read instant");
        time.Now = time.Now.AddMinutes(10);
        await Rollups.DayAsync(db.DataSource, staff[2], "2026-03-18", approved: 90);

        await live.ApplyAsync(new EventsChanged { Nips = [staff[2]] });

        var after = live.Region("lver-c")!;
        Assert.Equal(before.Indicators.ActivityMinutes + 90, after.Indicators.ActivityMinutes);
        // a restarted server (its versions begin again from the clock) still sends a higher version than before
        Assert.True(after.Version >= time.Now.ToUnixTimeMilliseconds(), $"{after.Version} < {time.Now.ToUnixTimeMilliseconds()}");
        Assert.True(after.Version > before.Version);
    }

    [Fact]
    public async Task ApplyAsync_ChangeInOneUnit_MovesThatUnitsAndTheRegionsVersion_NotAnotherUnits()
    {
        await TestData.SeedUnitWithStaffAsync(db.DataSource, "lver-d", "lver-d-b", 3, 8450);
        var (live, staff, time) = await SetUpAsync("lver-d", 8400); // unit lver-d-u
        var before = live.Region("lver-d")!;
        Assert.Equal(before.Version, before.Indicators.UnitVersions["lver-d-u"]);
        Assert.Equal(before.Version, before.Indicators.UnitVersions["lver-d-b"]);
        time.Now = time.Now.AddMinutes(10);
        await Rollups.DayAsync(db.DataSource, staff[1], "2026-03-18", approved: 45);

        await live.ApplyAsync(new EventsChanged { Nips = [staff[1]] });

        var after = live.Region("lver-d")!;
        Assert.True(after.Version > before.Version);
        Assert.Equal(after.Version, after.Indicators.UnitVersions["lver-d-u"]);
        Assert.Equal(before.Indicators.UnitVersions["lver-d-b"], after.Indicators.UnitVersions["lver-d-b"]);
    }
}
