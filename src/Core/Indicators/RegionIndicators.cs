using System.Text.Json.Serialization;

namespace Kinerja.Core.Indicators;

/// <summary>
/// Indicators of one region for a period, with one row per unit (for "best and lowest units" on
/// the boards), ordered by unit id.
/// </summary>
public sealed record RegionIndicators : GroupIndicators
{
    public RegionIndicators()
    {
    }

    public RegionIndicators(GroupIndicators figures)
        : base(figures)
    {
    }

    public string RegionId { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>IANA time zone of the region (Asia/Jakarta, Asia/Makassar, Asia/Jayapura).</summary>
    public string TimeZone { get; init; } = "";
    /// <summary>Monthly activity target of a full month in minutes.</summary>
    public int MonthlyTargetMinutes { get; init; }
    /// <summary>IKM over all units' citizen answers (pooled); null without answers.</summary>
    public double? Ikm { get; init; }
    public string? IkmBand { get; init; }
    public int IkmCount { get; init; }
    public IReadOnlyList<UnitIndicators> Units { get; init; } = [];

    /// <summary>
    /// Unit id → the live model's data version of the region at which that unit's row last changed (set by the live
    /// model only; empty for figures read from the database). A unit's charts key on it, so a change in one unit does
    /// not redraw another unit's charts. Not figures: left out of the API's JSON.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, long> UnitVersions { get; init; } = NoVersions;

    private static readonly IReadOnlyDictionary<string, long> NoVersions = new Dictionary<string, long>();
}
