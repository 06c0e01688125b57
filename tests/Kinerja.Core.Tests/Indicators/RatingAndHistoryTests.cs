using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Testing;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// Rating averages by rater role and aspect (DOMAIN.md "Ratings and the predicate matrix": BerAKHLAK
/// scored 1-5 by atasan, rekan, bawahan, masyarakat, diri; Rating Hasil Kerja set by the superior) and
/// the history features the rules read ("Sangat Baik two periods running").
/// </summary>
public class RatingAndHistoryTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private readonly SettableTime _time = SettableTime.AtWib(2026, 3, 18);

    [Fact]
    public async Task EmployeeAsync_Ratings_AveragesByRoleAndAspectAndBerAkhlakPooled()
    {
        var nip = (await TestData.SeedUnitWithStaffAsync(db.DataSource, "rat", "rat-u", 1, 2000))[1];
        await Rollups.RatingAsync(db.DataSource, "employee", nip, "2026-03", "atasan", "hasil_kerja", 9, 2);      // 4.5
        await Rollups.RatingAsync(db.DataSource, "employee", nip, "2026-03", "rekan", "hasil_kerja", 1, 1);       // not the superior's
        await Rollups.RatingAsync(db.DataSource, "employee", nip, "2026-03", "atasan", "akuntabel", 5, 1);
        await Rollups.RatingAsync(db.DataSource, "employee", nip, "2026-03", "rekan", "akuntabel", 6, 2);
        await Rollups.RatingAsync(db.DataSource, "employee", nip, "2026-03", "bawahan", "loyal", 8, 2);
        await Rollups.RatingAsync(db.DataSource, "employee", nip, "2026-02", "atasan", "loyal", 1, 1);            // other month
        var queries = Rollups.Queries(db.DataSource, _time);

        var s = await queries.EmployeeAsync(nip, Period.Month(2026, 3));

        Assert.Equal((4.5, 2), (s!.HasilKerjaAvg, s.HasilKerjaCount));
        Assert.Equal((19.0 / 5, 5), (s.BerAkhlakAvg!.Value, s.BerAkhlakCount));
        Assert.Equal(8, s.RatingCount);
        Assert.Equal(11.0 / 3, s.AkuntabelAvg!.Value, 3);
        Assert.Equal(4.0, s.LoyalAvg);
        Assert.Null(s.KompetenAvg);
        Assert.Equal((5.0, 1), (s.AtasanAvg, s.AtasanCount));
        Assert.Equal((3.0, 2), (s.RekanAvg, s.RekanCount));
        Assert.Equal(4.0, s.BawahanAvg);
        Assert.Null(s.DiriAvg);

        var q1 = await queries.EmployeeAsync(nip, Period.Quarter(2026, 1));
        Assert.Equal(3.333, q1!.BerAkhlakAvg); // 20 ÷ 6, averages carry three decimals
        Assert.Equal(6, q1.BerAkhlakCount);
    }

    [Fact]
    public async Task EmployeeAsync_History_CountsConsecutivePreviousPeriodsAtThePreviousPredicate()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "hist", "hist-u", 3, 2100);
        // nips[1]: SB in Feb and Jan, B in Dec -> 2 periods Sangat Baik
        await Rollups.LevelAsync(db.DataSource, nips[1], "2026-02", Predikat.SangatBaik);
        await Rollups.LevelAsync(db.DataSource, nips[1], "2026-01", Predikat.SangatBaik);
        await Rollups.LevelAsync(db.DataSource, nips[1], "2025-12", Predikat.Baik);
        await Rollups.LevelAsync(db.DataSource, nips[1], "2026-03", Predikat.Baik, RatingLevel.Sesuai, RatingLevel.DiAtas);
        // nips[2]: SB in Feb, nothing in Jan, SB in Dec -> the gap ends the run at 1
        await Rollups.LevelAsync(db.DataSource, nips[2], "2026-02", Predikat.SangatBaik);
        await Rollups.LevelAsync(db.DataSource, nips[2], "2025-12", Predikat.SangatBaik);
        // nips[3]: nothing in Feb -> no previous predicate
        await Rollups.LevelAsync(db.DataSource, nips[3], "2026-01", Predikat.Baik);

        var all = (await Rollups.Queries(db.DataSource, _time)
            .EmployeesAsync(Period.Month(2026, 3), EmployeeFilter.Unit("hist-u"))).ToDictionary(s => s.Nip);

        var first = all[nips[1]];
        Assert.Equal((Predikat.SangatBaik, 2, 0), (first.PreviousPredikat, first.PeriodsSangatBaik, first.PeriodsBaik));
        Assert.Equal((Predikat.Baik, RatingLevel.Sesuai, RatingLevel.DiAtas), (first.Predikat, first.RatingHasilKerja, first.RatingPerilaku));
        Assert.Equal((Predikat.SangatBaik, 1), (all[nips[2]].PreviousPredikat, all[nips[2]].PeriodsSangatBaik));
        Assert.Equal((null, 0), (all[nips[3]].PreviousPredikat, all[nips[3]].PeriodsBaik));
    }

    [Fact]
    public async Task EmployeesAsync_Filters_SelectRegionUnitNipsAndSkipInactive()
    {
        var a = await TestData.SeedUnitWithStaffAsync(db.DataSource, "flt-a", "flt-a-u", 2, 2200);
        var b = await TestData.SeedUnitWithStaffAsync(db.DataSource, "flt-b", "flt-b-u", 1, 2300, "Asia/Makassar");
        await Rollups.ExecAsync(db.DataSource, "update employee set active = false where nip = @nip", new { nip = a[2] });
        var queries = Rollups.Queries(db.DataSource, _time);
        var march = Period.Month(2026, 3);

        Assert.Equal([a[0], a[1]], (await queries.EmployeesAsync(march, EmployeeFilter.Region("flt-a"))).Select(s => s.Nip));
        Assert.Equal(b, (await queries.EmployeesAsync(march, EmployeeFilter.Unit("flt-b-u"))).Select(s => s.Nip));
        Assert.Equal([a[2], b[1]], (await queries.EmployeesAsync(march, EmployeeFilter.ForNips([b[1], a[2]]))).Select(s => s.Nip).Order());
        Assert.False((await queries.EmployeeAsync(a[2], march))!.Active);
    }

    [Fact]
    public async Task HistoryAsync_RangeOfMonths_YieldsOneSnapshotPerEmployeePerMonth()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "hst", "hst-u", 1, 2400);
        await Rollups.DayAsync(db.DataSource, nips[1], "2026-01-06", approved: 50);
        await Rollups.DayAsync(db.DataSource, nips[1], "2026-02-06", approved: 70);

        var list = new List<IndicatorSnapshotKey>();
        await foreach (var s in Rollups.Queries(db.DataSource, _time)
                           .HistoryAsync(Period.Month(2025, 12), Period.Month(2026, 2), EmployeeFilter.Unit("hst-u")))
        {
            list.Add(new(s.Period, s.Nip, s.ActivityMinutes));
        }

        Assert.Equal(6, list.Count);
        Assert.Equal(["2025-12", "2026-01", "2026-02"], list.Select(k => k.Period).Distinct());
        Assert.Contains(new IndicatorSnapshotKey("2026-02", nips[1], 70), list);
    }

    [Fact]
    public async Task IndicatorHistorySource_LoadAsync_YieldsEveryEmployeeForEachPeriodKey()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "src", "src-u", 1, 2500);
        await Rollups.LevelAsync(db.DataSource, nips[1], "2026-01", Predikat.SangatBaik);
        var source = new IndicatorHistorySource(Rollups.Queries(db.DataSource, _time));

        var all = new List<IndicatorSnapshot>();
        await foreach (var s in source.LoadAsync(["2026-01", "2026-02", "2026-Q1"], CancellationToken.None))
        {
            all.Add(s);
        }
        var units = new List<UnitSnapshot>();
        await foreach (var u in source.LoadUnitsAsync(["2026-01"], CancellationToken.None))
        {
            units.Add(u);
        }

        var mine = all.Where(s => s.UnitId == "src-u").ToList();
        Assert.Equal(6, mine.Count);
        Assert.Equal(Predikat.SangatBaik, mine.Single(s => s.Nip == nips[1] && s.Period == "2026-02").PreviousPredikat);
        Assert.Equal(1, units.Single(u => u.UnitId == "src-u").SangatBaikCount);
    }

    private sealed record IndicatorSnapshotKey(string Period, string Nip, int Minutes);
}
