namespace Kinerja.Core.Indicators;

/// <summary>Indicators of one unit (OPD) for a period, with its citizen satisfaction (IKM).</summary>
public sealed record UnitIndicators : GroupIndicators
{
    public UnitIndicators()
    {
    }

    public UnitIndicators(GroupIndicators figures)
        : base(figures)
    {
    }

    public string UnitId { get; init; } = "";
    public string RegionId { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>The unit's organisational predicate, when set (ISTIMEWA, BAIK, ...).</summary>
    public string? UnitPredikat { get; init; }
    /// <summary>Citizen satisfaction on the 25-100 scale (see <see cref="IkmScale"/>); null without answers.</summary>
    public double? Ikm { get; init; }
    /// <summary>IKM band letter A, B, C or D; null without answers.</summary>
    public string? IkmBand { get; init; }
    /// <summary>Number of citizen answers behind <see cref="Ikm"/>.</summary>
    public int IkmCount { get; init; }
}
