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
    /// <summary>Citizen satisfaction on the 25-100 scale, two decimals (<see cref="IkmFigures"/>); null without answers.</summary>
    public double? Ikm { get; init; }
    /// <summary>IKM band letter A, B, C or D; null without answers.</summary>
    public string? IkmBand { get; init; }
    /// <summary>Number of citizen answers behind <see cref="Ikm"/> (survey respondents, or legacy ratings).</summary>
    public int IkmCount { get; init; }
    /// <summary>The official grade A-D of <see cref="Ikm"/> (same as <see cref="IkmBand"/>); null without answers.</summary>
    public string? IkmGrade { get; init; }
    /// <summary>Survey respondents of the period (0 when the IKM is legacy or missing).</summary>
    public int IkmRespondents { get; init; }
    /// <summary>NRR per element <c>u1</c>..<c>u9</c> (four decimals); null without survey answers.</summary>
    public IReadOnlyDictionary<string, decimal>? IkmElements { get; init; }
    /// <summary><c>survey</c> (official), <c>legacy</c> (old 1-5 ratings, only where the period has no survey) or null.</summary>
    public string? IkmSource { get; init; }
}
