using Kinerja.Core.Domain;

namespace Kinerja.Core.Tests.Domain;

public class PeriodTests
{
    [Theory]
    [InlineData("2026-11", PeriodKind.Month, "2026-11-01", "2026-12-01")]
    [InlineData("2026-12", PeriodKind.Month, "2026-12-01", "2027-01-01")]
    [InlineData("2026-Q4", PeriodKind.Quarter, "2026-10-01", "2027-01-01")]
    [InlineData("2026-Q1", PeriodKind.Quarter, "2026-01-01", "2026-04-01")]
    [InlineData("2026", PeriodKind.Year, "2026-01-01", "2027-01-01")]
    [InlineData("2024-02-29", PeriodKind.Day, "2024-02-29", "2024-03-01")]
    public void TryParse_EachForm_GivesBoundsAndRoundTrips(string text, PeriodKind kind, string start, string end)
    {
        Assert.True(Period.TryParse(text, out var p));
        Assert.Equal(kind, p.Kind);
        Assert.Equal(DateOnly.Parse(start), p.Start);
        Assert.Equal(DateOnly.Parse(end), p.End);
        Assert.Equal(text, p.Key);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-Q5")]
    [InlineData("2026-Q0")]
    [InlineData("2025-02-29")]
    [InlineData("26-11")]
    [InlineData("2026/11")]
    [InlineData("2026-11' or 1=1--")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Malformed_IsRejected(string? text) => Assert.False(Period.TryParse(text, out _));

    [Fact]
    public void Previous_CrossesYearBoundaries()
    {
        Assert.Equal("2025-12", Period.Parse("2026-01").Previous().Key);
        Assert.Equal("2025-Q4", Period.Parse("2026-Q1").Previous().Key);
        Assert.Equal("2025", Period.Parse("2026").Previous().Key);
        Assert.Equal("2026-02-28", Period.Parse("2026-03-01").Previous().Key);
    }
}
