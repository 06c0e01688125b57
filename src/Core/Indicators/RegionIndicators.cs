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
    /// <summary>Survey respondents of the region's units in the period (the region IKM pools their answers, 1/9 each).</summary>
    public int IkmRespondents { get; init; }
    /// <summary><c>survey</c>, <c>legacy</c> or null (see <see cref="IkmFigures"/>).</summary>
    public string? IkmSource { get; init; }
    public IReadOnlyList<UnitIndicators> Units { get; init; } = [];

    /// <summary>
    /// Unit id → the live model's data version of the region at which that unit's row last changed (set by the live
    /// model only; empty for figures read from the database). A unit's charts key on it, so a change in one unit does
    /// not redraw another unit's charts. Not figures: left out of the API's JSON.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, long> UnitVersions { get; init; } = NoVersions;

    /// <summary>
    /// The live model's data version at which each <see cref="FigureFamily"/> of the region's charts (its own figures and
    /// the unit rows they draw) last changed: a region or public chart keys on the version of the family it draws, so
    /// it is redrawn only when its own figures changed. <see cref="FamilyVersions.None"/> for figures read from the
    /// database. Not figures: left out of the API's JSON.
    /// </summary>
    [JsonIgnore]
    public FamilyVersions Families { get; init; } = FamilyVersions.None;

    /// <summary>Unit id → the version at which each family of that unit's row last changed (the unit's charts key on them).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, FamilyVersions> UnitFamilies { get; init; } = NoFamilies;

    private static readonly IReadOnlyDictionary<string, long> NoVersions = new Dictionary<string, long>();
    private static readonly IReadOnlyDictionary<string, FamilyVersions> NoFamilies = new Dictionary<string, FamilyVersions>();
}
