using System.Net;
using Kinerja.Dashboard.Telemetry;

namespace Kinerja.Dashboard.Tests.Metrics;

/// <summary>Which addresses may scrape <c>/metrics</c> (<c>Kinerja:Metrics:AllowedNetworks</c>).</summary>
public sealed class MetricsNetworksTests
{
    private static MetricsNetworks Parse(params string[] entries)
    {
        Assert.True(MetricsNetworks.TryParse(entries, out var networks, out var error), error);
        return networks;
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Default_Loopback_IsAllowed(string address) => Assert.True(Parse().Allows(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("192.168.1.20")]
    [InlineData("203.0.113.9")]
    [InlineData("::ffff:10.0.0.5")]
    [InlineData("2001:db8::1")]
    public void Default_OtherAddresses_AreRefused(string address) => Assert.False(Parse().Allows(IPAddress.Parse(address)));

    [Fact]
    public void UnknownAddress_IsRefused() => Assert.False(Parse().Allows(null));

    [Fact]
    public void Configured_Networks_ReplaceTheLoopbackDefault()
    {
        var networks = Parse("10.20.0.0/16", "192.0.2.7");
        Assert.True(networks.Allows(IPAddress.Parse("10.20.3.4")));
        Assert.True(networks.Allows(IPAddress.Parse("::ffff:10.20.3.4")));
        Assert.True(networks.Allows(IPAddress.Parse("192.0.2.7")));
        Assert.False(networks.Allows(IPAddress.Parse("192.0.2.8")));
        Assert.False(networks.Allows(IPAddress.Parse("10.21.0.1")));
        Assert.False(networks.Allows(IPAddress.Loopback));
    }

    [Fact]
    public void Network_WrittenWithHostBits_MeansItsNetwork()
    {
        var networks = Parse("10.20.30.40/16");
        Assert.True(networks.Allows(IPAddress.Parse("10.20.99.1")));
        Assert.False(networks.Allows(IPAddress.Parse("10.21.0.1")));
    }

    [Theory]
    [InlineData("ten.0.0.0/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("")]
    public void BadEntry_IsRefusedNamingIt(string entry)
    {
        Assert.False(MetricsNetworks.TryParse(["127.0.0.0/8", entry], out _, out var error));
        Assert.Contains($"Kinerja:Metrics:AllowedNetworks: '{entry}'", error);
    }
}
