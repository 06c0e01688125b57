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
        Assert.True(options.IsValid());
    }

    [Theory]
    [InlineData(9, 5000)]       // window too short: a group would get over 100 messages a second
    [InlineData(60_001, 60_001)] // window longer than a minute
    [InlineData(500, 400)]      // charts more often than the numbers
    public void IsValid_OutOfRange_False(int indicatorsMs, int chartMs) =>
        Assert.False(new BoardOptions { IndicatorsIntervalMs = indicatorsMs, ChartIntervalMs = chartMs }.IsValid());
}
