using Kinerja.Core.Survey;

namespace Kinerja.Core.Indicators;

/// <summary>Per-unit figures that are not sums of employee periods: today, predicates, IKM.</summary>
internal sealed class UnitFactsRow
{
    public string UnitId { get; set; } = "";
    public string RegionId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? UnitPredikat { get; set; }
    public int EmployeeCount { get; set; }
    public int FiledToday { get; set; }
    public int TodayHadir { get; set; }
    public int TodayTerlambat { get; set; }
    public int TodayIzin { get; set; }
    public int TodaySakit { get; set; }
    public int TodayCuti { get; set; }
    public int TodayDinasLuar { get; set; }
    public int TodayTks { get; set; }
    public int SangatBaik { get; set; }
    public int Baik { get; set; }
    public int ButuhPerbaikan { get; set; }
    public int KurangMisconduct { get; set; }
    public int SangatKurang { get; set; }
    public long IkmSum { get; set; }
    public int IkmCount { get; set; }
    public int SurveyRespondents { get; set; }
    public long SurveySum1 { get; set; }
    public long SurveySum2 { get; set; }
    public long SurveySum3 { get; set; }
    public long SurveySum4 { get; set; }
    public long SurveySum5 { get; set; }
    public long SurveySum6 { get; set; }
    public long SurveySum7 { get; set; }
    public long SurveySum8 { get; set; }
    public long SurveySum9 { get; set; }
    public decimal? Weight1 { get; set; }
    public decimal? Weight2 { get; set; }
    public decimal? Weight3 { get; set; }
    public decimal? Weight4 { get; set; }
    public decimal? Weight5 { get; set; }
    public decimal? Weight6 { get; set; }
    public decimal? Weight7 { get; set; }
    public decimal? Weight8 { get; set; }
    public decimal? Weight9 { get; set; }

    /// <summary>The unit's survey answers of the period.</summary>
    public SurveyTally Survey => SurveyTally.Of(SurveyRespondents, SurveySum1, SurveySum2, SurveySum3, SurveySum4,
        SurveySum5, SurveySum6, SurveySum7, SurveySum8, SurveySum9);

    /// <summary>The unit's element weights (the default 1/9 each when it set none).</summary>
    public SurveyWeights Weights => Weight1 is null
        ? SurveyWeights.Default
        : SurveyWeights.Trusted([Weight1.Value, Weight2 ?? 0, Weight3 ?? 0, Weight4 ?? 0, Weight5 ?? 0, Weight6 ?? 0,
            Weight7 ?? 0, Weight8 ?? 0, Weight9 ?? 0]);

    /// <summary>Copies the citizen-satisfaction figures (survey and legacy sums, weights) of <paramref name="other"/>; zero when null.</summary>
    public void CopyIkmFrom(UnitFactsRow? other)
    {
        IkmSum = other?.IkmSum ?? 0;
        IkmCount = other?.IkmCount ?? 0;
        SurveyRespondents = other?.SurveyRespondents ?? 0;
        SurveySum1 = other?.SurveySum1 ?? 0;
        SurveySum2 = other?.SurveySum2 ?? 0;
        SurveySum3 = other?.SurveySum3 ?? 0;
        SurveySum4 = other?.SurveySum4 ?? 0;
        SurveySum5 = other?.SurveySum5 ?? 0;
        SurveySum6 = other?.SurveySum6 ?? 0;
        SurveySum7 = other?.SurveySum7 ?? 0;
        SurveySum8 = other?.SurveySum8 ?? 0;
        SurveySum9 = other?.SurveySum9 ?? 0;
        (Weight1, Weight2, Weight3, Weight4, Weight5, Weight6, Weight7, Weight8, Weight9) = other is null
            ? default
            : (other.Weight1, other.Weight2, other.Weight3, other.Weight4, other.Weight5, other.Weight6, other.Weight7,
                other.Weight8, other.Weight9);
    }

    public int TodayRecorded =>
        TodayHadir + TodayTerlambat + TodayIzin + TodaySakit + TodayCuti + TodayDinasLuar + TodayTks;
}
