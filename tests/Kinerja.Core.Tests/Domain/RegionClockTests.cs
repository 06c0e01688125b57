using Kinerja.Core.Domain;

namespace Kinerja.Core.Tests.Domain;

/// <summary>DOMAIN.md "Who and where": a day of work is the region's local day (WIB +7, WITA +8, WIT +9).</summary>
public class RegionClockTests
{
    [Fact]
    public void LocalDay_HalfPastMidnightWit_BelongsToTheFirstInManokwariButNotInJakarta()
    {
        var instant = new DateTimeOffset(2026, 11, 30, 15, 30, 0, TimeSpan.Zero); // 00:30 WIT on 1 Dec
        Assert.Equal(new DateOnly(2026, 12, 1), new RegionClock("Asia/Jayapura").LocalDay(instant));
        Assert.Equal(new DateOnly(2026, 11, 30), new RegionClock("Asia/Jakarta").LocalDay(instant));
        Assert.Equal(new DateOnly(2026, 11, 30), new RegionClock("Asia/Makassar").LocalDay(instant));
    }

    [Fact]
    public void StartOfDay_IsLocalMidnightInUtc()
    {
        var start = new RegionClock("Asia/Jayapura").StartOfDay(new DateOnly(2026, 12, 1));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero), start.ToUniversalTime());
    }

    [Theory]
    [InlineData("Asia/Jakarta", true)]
    [InlineData("Asia/Jayapura", true)]
    [InlineData("Asia/Makassar", true)]
    [InlineData("WIB", false)]
    [InlineData("Mars/Olympus", false)]
    [InlineData("", false)]
    public void IsKnownTimeZone_AcceptsIanaIdsOnly(string id, bool known) => Assert.Equal(known, RegionClock.IsKnownTimeZone(id));
}
