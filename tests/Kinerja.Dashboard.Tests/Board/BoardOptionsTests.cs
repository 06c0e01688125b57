using Kinerja.Dashboard.Board;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>The board settings' defaults and their validation.</summary>
public sealed class BoardOptionsTests
{
    [Fact]
    public void Defaults_AtMostTenIndicatorsASecondAndChartsEveryFiveSeconds_Valid()
    {
        var options = new BoardOptions();

        Assert.Equal(100, options.IndicatorsIntervalMs);
        Assert.Equal(5000, options.ChartIntervalMs);
        Assert.Equal(16L * 1024 * 1024, options.ChartBytesPerSecond);
        Assert.True(options.IsValid());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(64 * 1024 - 1)] // a single 6 KiB chart to a dozen screens would hold the lane for a second
    public void IsValid_ChartBudgetTooSmall_False(long bytesPerSecond) =>
        Assert.False(new BoardOptions { ChartBytesPerSecond = bytesPerSecond }.IsValid());

    [Theory]
    [InlineData(9, 5000)]       // window too short: a group would get over 100 messages a second
    [InlineData(60_001, 60_001)] // window longer than a minute
    [InlineData(500, 400)]      // charts more often than the numbers
    public void IsValid_OutOfRange_False(int indicatorsMs, int chartMs) =>
        Assert.False(new BoardOptions { IndicatorsIntervalMs = indicatorsMs, ChartIntervalMs = chartMs }.IsValid());
}
