namespace Kinerja.Core.Indicators;

/// <summary>
/// A unit's predicate distribution for a period: the input of the <c>distribusi</c> workflow
/// (organisational limits, DOMAIN.md "Organisational predicate limits"). Shares are 0-100.
/// </summary>
public sealed record UnitSnapshot
{
    public string UnitId { get; init; } = "";
    public string RegionId { get; init; } = "";
    public string Period { get; init; } = "";
    /// <summary>The unit's own (organisational) predicate, when set: ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG.</summary>
    public string? UnitPredikat { get; init; }
    public int EmployeeCount { get; init; }
    public int RatedCount { get; init; }
    public int SangatBaikCount { get; init; }
    public int BaikCount { get; init; }
    public int ButuhPerbaikanCount { get; init; }
    public int KurangMisconductCount { get; init; }
    public int SangatKurangCount { get; init; }
    public double SangatBaikPct { get; init; }
    public double BaikPct { get; init; }
    public double ButuhPerbaikanPct { get; init; }
    public double KurangMisconductPct { get; init; }
    public double SangatKurangPct { get; init; }
    /// <summary>
    /// Citizen satisfaction (IKM) on the 25-100 scale from the official survey of the period (legacy 1-5 ratings only
    /// when the period has no survey answer); null without answers.
    /// </summary>
    public double? Ikm { get; init; }
    /// <summary>Survey respondents behind <see cref="Ikm"/> (0 when legacy or none).</summary>
    public int IkmRespondents { get; init; }
}
