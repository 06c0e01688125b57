using Kinerja.Core.Startup;
using Microsoft.Extensions.Configuration;

namespace Kinerja.Core.Tests.Startup;

public sealed class StartupOptionsTests
{
    [Theory]
    [InlineData(null, 60)]
    [InlineData("90", 90)]
    [InlineData("2.5", 2.5)]
    [InlineData("00:01:30", 90)]
    [InlineData("0", 0)]
    public void Timeout_SecondsOrTimeSpan(string? value, double seconds)
    {
        var options = StartupOptions.From(Config(StartupOptions.TimeoutKey, value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), options.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(10), options.MigrationLockTimeout);
    }

    [Theory]
    [InlineData(StartupOptions.TimeoutKey, "soon")]
    [InlineData(StartupOptions.TimeoutKey, "-1")]
    [InlineData(StartupOptions.TimeoutKey, "2.00:00:00")]
    [InlineData(StartupOptions.MigrationLockTimeoutKey, "NaN")]
    public void BadValue_ConfigurationFailureNamingTheKey(string key, string value)
    {
        var ex = Assert.Throws<StartupFailedException>(() => StartupOptions.From(Config(key, value)));
        Assert.Equal(StartupExitCodes.Configuration, ex.ExitCode);
        Assert.StartsWith($"{key} must be a duration", ex.Message);
        Assert.Contains($"not '{value}'", ex.Message);
    }

    [Fact]
    public void Backoff_DoublesFromAQuarterSecond_CappedAtTenSeconds_WithTwentyPercentJitter()
    {
        Assert.Equal(0.2, StartupRetry.Delay(1, 0).TotalSeconds, 3);
        Assert.Equal(0.3, StartupRetry.Delay(1, 0.999999).TotalSeconds, 3);
        Assert.Equal(2.0, StartupRetry.Delay(4, 0.5).TotalSeconds, 3);
        Assert.Equal(10.0, StartupRetry.Delay(7, 0.5).TotalSeconds, 3);
        Assert.Equal(12.0, StartupRetry.Delay(1000, 0.999999).TotalSeconds, 3);
    }

    private static IConfiguration Config(string key, string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
}
