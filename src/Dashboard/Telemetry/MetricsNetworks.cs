using System.Net;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Telemetry;

/// <summary>The networks allowed to scrape <c>/metrics</c> (<see cref="MetricsOptions.AllowedNetworks"/>), parsed once.</summary>
public sealed class MetricsNetworks
{
    /// <summary>Used when no network is configured.</summary>
    public static readonly IReadOnlyList<string> Loopback = ["127.0.0.0/8", "::1/128"];

    private readonly IPNetwork[] _networks;

    private MetricsNetworks(IPNetwork[] networks) => _networks = networks;

    /// <summary>The parsed networks, in the order configured.</summary>
    public IReadOnlyList<IPNetwork> Networks => _networks;

    /// <summary>
    /// Parses CIDR networks or single addresses; an empty list means <see cref="Loopback"/>. False with a message naming
    /// the first entry that is neither.
    /// </summary>
    public static bool TryParse(IReadOnlyList<string> entries, out MetricsNetworks networks, out string? error)
    {
        var parsed = new List<IPNetwork>();
        foreach (var raw in entries.Count == 0 ? Loopback : entries)
        {
            var entry = raw?.Trim() ?? "";
            if (IPNetwork.TryParse(entry, out var network))
            {
                parsed.Add(network);
            }
            else if (!entry.Contains('/') && IPAddress.TryParse(entry, out var address))
            {
                parsed.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                networks = new MetricsNetworks([]);
                error = $"{MetricsOptions.Section}:AllowedNetworks: '{entry}' is not a network in CIDR notation "
                        + "(e.g. 10.0.0.0/8) nor an IP address";
                return false;
            }
        }
        networks = new MetricsNetworks(parsed.ToArray());
        error = null;
        return true;
    }

    /// <summary>True when <paramref name="address"/> lies in one of the networks; false for an unknown address.</summary>
    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>Refuses to start with an entry of <see cref="MetricsOptions.AllowedNetworks"/> that is not a network.</summary>
internal sealed class MetricsOptionsValidation : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        MetricsNetworks.TryParse(options.AllowedNetworks, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(error!);
}
