using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Testing;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>Unit and region indicators: sums, today's filing rate and attendance, predicates, IKM.</summary>
public class GroupIndicatorsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    // 23:30 WIB on Wednesday 18 March = 01:30 WIT on Thursday 19 March
    private readonly SettableTime _time = new(new DateTimeOffset(2026, 3, 18, 16, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task UnitAsync_SumsActiveEmployeesAndPoolsRatings()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "grp", "grp-u", 3, 3000);
        await Rollups.DayAsync(db.DataSource, nips[0], "2026-03-02", approved: 7000);
        await Rollups.DayAsync(db.DataSource, nips[1], "2026-03-02", approved: 100, pending: 10, attendance: "terlambat", late: 5);
        await Rollups.DayAsync(db.DataSource, nips[3], "2026-03-02", approved: 555);
        await Rollups.ExecAsync(db.DataSource, "update employee set active = false where nip = @nip", new { nip = nips[3] });
        await Rollups.RatingAsync(db.DataSource, "employee", nips[0], "2026-03", "atasan", "kompeten", 5, 1);
        await Rollups.RatingAsync(db.DataSource, "employee", nips[1], "2026-03", "atasan", "kompeten", 6, 3);

        var u = await Rollups.Queries(db.DataSource, _time).UnitAsync("grp-u", Period.Month(2026, 3));

        Assert.NotNull(u);
        Assert.Equal(3, u.EmployeeCount);
        Assert.Equal((7100L, 10L), (u.ActivityMinutes, u.ActivityMinutesPending));
        var perEmployee = 6750 * 13 / 22.0; // no holidays here: 22 working days, 13 elapsed
        Assert.Equal(3 * (long)Math.Round(perEmployee, MidpointRounding.AwayFromZero), u.ActivityTargetMinutes);
        Assert.Equal(1, u.EmployeesOnTarget);
        Assert.Equal((1L, 5L), (u.AttendanceTerlambat, u.LateMinutes));
        Assert.Equal(11.0 / 4, u.KompetenAvg!.Value, 3); // pooled: (5 + 6) ÷ 4, not the average of 5 and 2
    }

    [Fact]
    public async Task RegionAsync_FilingRateToday_UsesEachRegionsLocalToday()
    {
        // DOMAIN.md "Who and where": a day of work is the region's local day
        var jakarta = await TestData.SeedUnitWithStaffAsync(db.DataSource, "fr-wib", "fr-wib-u", 3, 3100);
        var papua = await TestData.SeedUnitWithStaffAsync(db.DataSource, "fr-wit", "fr-wit-u", 1, 3200, "Asia/Jayapura");
        await Rollups.DayAsync(db.DataSource, jakarta[0], "2026-03-18", approved: 60, attendance: "hadir");
        await Rollups.DayAsync(db.DataSource, jakarta[1], "2026-03-18", pending: 30, attendance: "sakit");
        await Rollups.DayAsync(db.DataSource, jakarta[2], "2026-03-17", approved: 30, attendance: "hadir"); // yesterday
        await Rollups.DayAsync(db.DataSource, papua[0], "2026-03-18", approved: 60, attendance: "hadir");  // yesterday in WIT
        await Rollups.DayAsync(db.DataSource, papua[1], "2026-03-19", approved: 60, attendance: "tanpa_keterangan");
        var queries = Rollups.Queries(db.DataSource, _time);

        var wib = await queries.RegionAsync("fr-wib");
        var wit = await queries.RegionAsync("fr-wit");

        Assert.Equal(("2026-03-18", 2, 50.0), (wib!.Today, wib.FiledToday, wib.FilingRateToday));
        Assert.Equal((1, 1, 2), (wib.AttendanceToday.Hadir, wib.AttendanceToday.Sakit, wib.AttendanceToday.NotRecorded));
        Assert.Equal(("2026-03-19", 1, 50.0), (wit!.Today, wit.FiledToday, wit.FilingRateToday));
        Assert.Equal((1, 1), (wit.AttendanceToday.TanpaKeterangan, wit.AttendanceToday.NotRecorded));
        Assert.Equal("2026-03", wib.Period);
        Assert.Equal(["fr-wib-u"], wib.Units.Select(x => x.UnitId));
        Assert.Equal(50.0, wib.Units[0].FilingRateToday);
    }

    [Fact]
    public async Task RegionAsync_WorkingDayToday_FalseOnWeekendsAndHolidaysOfTheRegion()
    {
        // DOMAIN.md "Who and where": work week Monday-Friday, holidays from the holiday table, the region's local day
        await TestData.SeedUnitWithStaffAsync(db.DataSource, "wd", "wd-u", 1, 3400);
        await Rollups.ExecAsync(db.DataSource, "insert into holiday (region_id, day, name) values ('wd', '2026-03-19', 'Hari Suci Nyepi')");
        async Task<bool> WorkingDayAt(string utc) => (await Rollups.Queries(db.DataSource,
            new SettableTime(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture))).RegionAsync("wd"))!.WorkingDayToday;

        Assert.True(await WorkingDayAt("2026-03-18T03:00:00Z"));  // Wednesday 10:00 WIB
        Assert.False(await WorkingDayAt("2026-03-19T03:00:00Z")); // Thursday, Nyepi
        Assert.False(await WorkingDayAt("2026-03-21T03:00:00Z")); // Saturday
        Assert.True(await WorkingDayAt("2026-03-22T17:30:00Z"));  // Monday 00:30 WIB, still Sunday in UTC
    }

    [Fact]
    public async Task UnitSnapshotsAsync_PredicateDistribution_CountsAndSharesOfRated()
    {
        // DOMAIN.md "Organisational predicate limits": shares per predicate are the distribusi input
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "dist", "dist-u", 4, 3300);
        await Rollups.LevelAsync(db.DataSource, nips[0], "2026-03", Predikat.SangatBaik);
        await Rollups.LevelAsync(db.DataSource, nips[1], "2026-03", Predikat.Baik);
        await Rollups.LevelAsync(db.DataSource, nips[2], "2026-03", Predikat.Baik);
        await Rollups.LevelAsync(db.DataSource, nips[3], "2026-03", Predikat.SangatKurang);
        await Rollups.LevelAsync(db.DataSource, nips[4], "2026-02", Predikat.Baik); // other month: unrated in March
        await Rollups.ExecAsync(db.DataSource, "update unit set predikat = 'BAIK' where id = 'dist-u'");
        var queries = Rollups.Queries(db.DataSource, _time);

        var unit = Assert.Single(await queries.UnitSnapshotsAsync(Period.Month(2026, 3), "dist"));
        var region = await queries.RegionAsync("dist", Period.Month(2026, 3));

        Assert.Equal(("dist-u", "BAIK", 5, 4), (unit.UnitId, unit.UnitPredikat, unit.EmployeeCount, unit.RatedCount));
        Assert.Equal((1, 2, 0, 1), (unit.SangatBaikCount, unit.BaikCount, unit.ButuhPerbaikanCount, unit.SangatKurangCount));
        Assert.Equal((25.0, 50.0, 25.0), (unit.SangatBaikPct, unit.BaikPct, unit.SangatKurangPct));
        Assert.Equal((4, 2, 50.0), (region!.Predikat.RatedCount, region.Predikat.Baik, region.Predikat.BaikPct));
    }

    [Theory]
    [InlineData(5, 100.0, "A")]     // every answer "very satisfied"
    [InlineData(4, 81.25, "B")]
    [InlineData(3, 62.5, "D")]
    [InlineData(1, 25.0, "D")]
    public async Task UnitAsync_Ikm_MapsMasyarakatScoresToThe25To100ScaleAndBand(int score, double ikm, string band)
    {
        // DOMAIN.md "Citizen satisfaction": IKM 25-100, bands A/B/C/D
        var unitId = $"ikm-{score}";
        await TestData.SeedRegionAsync(db.DataSource, "ikm");
        await TestData.SeedUnitAsync(db.DataSource, unitId, "ikm");
        await Rollups.RatingAsync(db.DataSource, "unit", unitId, "2026-03", "masyarakat", "kepuasan_layanan", score * 4L, 4);
        await Rollups.RatingAsync(db.DataSource, "unit", unitId, "2026-03", "rekan", "kepuasan_layanan", 4, 4); // not citizens

        var u = await Rollups.Queries(db.DataSource, _time).UnitAsync(unitId, Period.Month(2026, 3));

        Assert.Equal((ikm, band, 4), (u!.Ikm, u.IkmBand, u.IkmCount));
    }

    [Theory]
    [InlineData(88.31, "A")]
    [InlineData(88.30, "B")]
    [InlineData(76.61, "B")]
    [InlineData(76.60, "C")]
    [InlineData(65.00, "C")]
    [InlineData(64.99, "D")]
    public void IkmScale_Band_FollowsTheBandBoundaries(double ikm, string band) => Assert.Equal(band, IkmScale.Band(ikm));

    [Fact]
    public async Task UnitAndRegionAsync_Unknown_AreNull()
    {
        var queries = Rollups.Queries(db.DataSource, _time);
        Assert.Null(await queries.UnitAsync("no-such-unit"));
        Assert.Null(await queries.RegionAsync("no-such-region"));
    }

    [Fact]
    public async Task RegionAsync_UnitWithoutEmployees_HasZerosNotNaN()
    {
        await TestData.SeedRegionAsync(db.DataSource, "empty-r");
        await TestData.SeedUnitAsync(db.DataSource, "empty-u", "empty-r");
        var r = await Rollups.Queries(db.DataSource, _time).RegionAsync("empty-r", Period.Year(2026));
        Assert.Equal((0, 0.0, 0.0, 0L), (r!.EmployeeCount, r.FilingRateToday, r.ActivityPct, r.ActivityTargetMinutes));
        Assert.Single(r.Units);
        Assert.Null(r.Ikm);
    }
}
