using Kinerja.Core.Clock;
using Kinerja.Core.Tests.Indicators;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Core.Tests.Clock;

/// <summary>
/// <c>Kinerja:Clock</c>: a clock that starts at a given instant (and runs forward) or is offset from the machine's,
/// refused outside Development unless allowed, with a clear error for every malformed setting.
/// </summary>
public sealed class KinerjaClockTests
{
    private static readonly DateTimeOffset MachineNow = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_Unset_IsTheMachineClockAndNotShifted()
    {
        var clock = KinerjaClock.Create(new ClockOptions(), "Production");

        Assert.Same(TimeProvider.System, clock.Time);
        Assert.Null(clock.Shifted);
    }

    [Fact]
    public void Create_StartAt_ReadsThatInstantThenRunsForward()
    {
        var machine = new SettableTime(MachineNow);

        var clock = KinerjaClock.Create(new ClockOptions { StartAt = "2027-01-04T08:00:00+07:00" }, "Development", machine);

        Assert.Equal(new DateTimeOffset(2027, 1, 4, 1, 0, 0, TimeSpan.Zero), clock.Time.GetUtcNow());
        machine.Now += TimeSpan.FromMinutes(90);
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 2, 30, 0, TimeSpan.Zero), clock.Time.GetUtcNow());
        Assert.Contains("2027-01-04T08:00:00+07:00", clock.Shifted);
    }

    [Fact]
    public void Create_Offset_ShiftsTheMachineClock()
    {
        var machine = new SettableTime(MachineNow);

        var clock = KinerjaClock.Create(new ClockOptions { Offset = "-3.00:00:00" }, "Development", machine);

        Assert.Equal(MachineNow.AddDays(-3), clock.Time.GetUtcNow());
        Assert.Contains("Kinerja:Clock:Offset", clock.Shifted);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Create_ShiftedOutsideDevelopment_IsRefusedNamingTheKeyAndTheWayOut(string environment)
    {
        var ex = Assert.Throws<ClockSettingsException>(() =>
            KinerjaClock.Create(new ClockOptions { StartAt = "2027-01-04T08:00:00+07:00" }, environment));

        Assert.Contains("Kinerja:Clock:StartAt", ex.Message);
        Assert.Contains($"'{environment}'", ex.Message);
        Assert.Contains("Kinerja:Clock:AllowInProduction=true", ex.Message);
    }

    [Fact]
    public void Create_ShiftedOutsideDevelopmentWhenAllowed_IsShifted()
    {
        var machine = new SettableTime(MachineNow);

        var clock = KinerjaClock.Create(new ClockOptions { Offset = "30.00:00:00", AllowInProduction = true }, "Production", machine);

        Assert.Equal(MachineNow.AddDays(30), clock.Time.GetUtcNow());
    }

    [Theory]
    [InlineData("2027-01-04T08:00:00", "not an ISO 8601 date-time with an offset")]
    [InlineData("2027-01-04", "not an ISO 8601 date-time with an offset")]
    [InlineData("4 Januari 2027 08:00 +07:00", "not an ISO 8601 date-time with an offset")]
    [InlineData("2027-02-30T08:00:00+07:00", "not an ISO 8601 date-time with an offset")]
    public void Create_MalformedStartAt_SaysHowToWriteIt(string value, string expected)
    {
        var ex = Assert.Throws<ClockSettingsException>(() =>
            KinerjaClock.Create(new ClockOptions { StartAt = value }, "Development"));

        Assert.Contains($"Kinerja:Clock:StartAt '{value}'", ex.Message);
        Assert.Contains(expected, ex.Message);
        Assert.Contains("2027-01-04T08:00:00+07:00", ex.Message);
    }

    [Theory]
    [InlineData("3 days")]
    [InlineData("P3D")]
    public void Create_MalformedOffset_SaysHowToWriteIt(string value)
    {
        var ex = Assert.Throws<ClockSettingsException>(() =>
            KinerjaClock.Create(new ClockOptions { Offset = value }, "Development"));

        Assert.Contains($"Kinerja:Clock:Offset '{value}' is not a time span", ex.Message);
    }

    [Fact]
    public void Create_BothStartAtAndOffset_IsRefused()
    {
        var ex = Assert.Throws<ClockSettingsException>(() => KinerjaClock.Create(
            new ClockOptions { StartAt = "2027-01-04T08:00:00+07:00", Offset = "1.00:00:00" }, "Development"));

        Assert.Contains("both set", ex.Message);
    }

    [Fact]
    public void AddKinerjaClock_RegistersTheOneTimeProviderFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kinerja:Clock:StartAt"] = "2025-05-20T10:00:00+07:00",
        }).Build();
        var services = new ServiceCollection().AddSingleton(TimeProvider.System);

        services.AddKinerjaClock(configuration, "Development");

        using var provider = services.BuildServiceProvider();
        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
        Assert.InRange(now, new DateTimeOffset(2025, 5, 20, 3, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 5, 20, 3, 5, 0, TimeSpan.Zero));
    }
}
