using System.Net;
using System.Net.Sockets;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Hosting;

/// <summary>
/// The built server started on an address another process listens on ends with one line naming the address and the
/// setting that moves it, exits 69, and prints no ASP.NET Core stack trace (Kestrel's bind failure used to be logged
/// with its trace before the start-up error).
/// </summary>
public sealed class PortInUseStartupTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task TakenPort_OneLineNamingTheAddressAndTheSetting_Exit69()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var settings = DatabaseStartupFailureTests.Settings(db.ConnectionString, timeout: "20");
        settings["urls"] = $"http://127.0.0.1:{port}";

        var exit = await ServerProcess.RunAsync(settings, TimeSpan.FromSeconds(90));

        StartupFailureAssert.OneClearLine(exit, StartupFailureAssert.Unavailable,
            $"error: cannot listen on http://127.0.0.1:{port}: the address is already in use",
            "Urls", "--urls=");
        Assert.DoesNotContain("Hosting failed to start", exit.Stdout + exit.Stderr);
        Assert.DoesNotContain("AddressInUseException", exit.Stdout + exit.Stderr);
    }
}
