namespace Kinerja.Dashboard.Telemetry;

/// <summary>Settings of the Prometheus scrape endpoint (<c>Kinerja:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Kinerja:Metrics";

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.0.0.0/8</c>, or a single address) whose requests may read <c>/metrics</c> without
    /// signing in; any other address gets 404. Empty (the default): loopback only (<c>127.0.0.0/8</c>, <c>::1</c>).
    /// Behind a reverse proxy the address checked is the one the proxy forwards, when the proxy is trusted
    /// (<c>Kinerja:Access:KnownProxies</c>); an untrusted proxy on the same machine makes every request loopback.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];
}
