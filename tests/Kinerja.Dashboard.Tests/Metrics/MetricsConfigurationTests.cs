using Kinerja.Dashboard.Tests.Hosting;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Metrics;

/// <summary>A bad <c>Kinerja:Metrics:AllowedNetworks</c> entry stops the start with one line naming it (exit 78).</summary>
public sealed class MetricsConfigurationTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Start_WithAnInvalidNetwork_IsRefusedNamingTheSettingAndTheEntry()
    {
        // the built server as a process, as an operator would start it
        var settings = DatabaseStartupFailureTests.Settings(db.ConnectionString, timeout: "10");
        settings["Kinerja:Metrics:AllowedNetworks:0"] = "127.0.0.0/8";
        settings["Kinerja:Metrics:AllowedNetworks:1"] = "10.0.0.0/40";
        var exit = await ServerProcess.RunAsync(settings, TimeSpan.FromSeconds(60));

        StartupFailureAssert.OneClearLine(exit, StartupFailureAssert.Configuration,
            "invalid configuration: Kinerja:Metrics:AllowedNetworks: '10.0.0.0/40' is not a network in CIDR notation");
    }
}
