using Kinerja.Core.Tests.Indicators;
using Kinerja.Testing;

namespace Kinerja.Core.Tests.Calendar;

/// <summary>Holidays come from the holiday table per region (DOMAIN.md "Who and where"), cached with refresh.</summary>
public class CalendarCacheTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task GetAsync_LoadsTimeZoneTargetAndHolidaysPerRegion()
    {
        await TestData.SeedRegionAsync(db.DataSource, "cal-a", "Asia/Jayapura", monthlyTarget: 7000);
        await TestData.SeedRegionAsync(db.DataSource, "cal-b");
        await Rollups.HolidayAsync(db.DataSource, "cal-a", "2026-03-19");
        var cache = Rollups.Calendars(db.DataSource, SettableTime.AtWib(2026, 3, 18));

        var a = await cache.GetAsync("cal-a");
        var b = await cache.GetAsync("cal-b");

        Assert.NotNull(a);
        Assert.Equal("Asia/Jayapura", a.Clock.TimeZoneId);
        Assert.Equal(7000, a.MonthlyTargetMinutes);
        Assert.False(a.IsWorkingDay(new DateOnly(2026, 3, 19)));
        Assert.True(b!.IsWorkingDay(new DateOnly(2026, 3, 19)));
        Assert.Null(await cache.GetAsync("no-such-region"));
    }

    [Fact]
    public async Task AllAsync_NewHoliday_SeenAfterRefreshOrMaxAge()
    {
        await TestData.SeedRegionAsync(db.DataSource, "cal-c");
        var time = SettableTime.AtWib(2026, 3, 18);
        var cache = Rollups.Calendars(db.DataSource, time);
        Assert.True((await cache.AllAsync())["cal-c"].IsWorkingDay(new DateOnly(2026, 3, 20)));

        await Rollups.HolidayAsync(db.DataSource, "cal-c", "2026-03-20");
        Assert.True((await cache.AllAsync())["cal-c"].IsWorkingDay(new DateOnly(2026, 3, 20))); // cached

        time.Now += cache.MaxAge + TimeSpan.FromSeconds(1);
        Assert.False((await cache.AllAsync())["cal-c"].IsWorkingDay(new DateOnly(2026, 3, 20)));
    }
}
