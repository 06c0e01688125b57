namespace Kinerja.Core.Indicators.Live;

/// <summary>What one change touched, per region: employees (NIPs) and units.</summary>
internal sealed class LiveTouches
{
    private readonly SortedDictionary<string, (SortedSet<string> Nips, SortedSet<string> Units)> _regions =
        new(StringComparer.Ordinal);

    public void Add(string region, string? nip, string? unit)
    {
        if (!_regions.TryGetValue(region, out var t))
        {
            _regions[region] = t = (new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        }
        if (nip is not null)
        {
            t.Nips.Add(nip);
        }
        if (unit is not null)
        {
            t.Units.Add(unit);
        }
    }

    public IEnumerable<(string Region, string[] Nips, string[] Units)> ByRegion() =>
        _regions.Select(kv => (kv.Key, kv.Value.Nips.ToArray(), kv.Value.Units.ToArray()));
}
