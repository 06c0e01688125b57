namespace Kinerja.Core.Survey;

/// <summary>
/// The official computation of the citizen satisfaction index (IKM, PermenPAN-RB 14/2017; DOMAIN.md "Citizen
/// satisfaction survey"), the one place it is done: NRR per element = mean of its answers; weighted NRR =
/// Σ (NRR × weight); IKM = weighted NRR × 25, rounded to two decimals (half away from zero) as published figures are;
/// the grade comes from that rounded IKM by the official bands. Exact decimal arithmetic, so a band edge is never
/// missed by a binary rounding error.
/// </summary>
public static class SurveyIkm
{
    /// <summary>The IKM of a tally; null without respondents.</summary>
    public static SurveyResult? Compute(SurveyTally tally, SurveyWeights? weights = null)
    {
        if (tally.Respondents <= 0)
        {
            return null;
        }
        weights ??= SurveyWeights.Default;
        var nrr = new decimal[SurveyElements.Count];
        decimal weighted;
        if (weights.IsDefault)
        {
            long total = 0;
            for (var i = 0; i < nrr.Length; i++)
            {
                nrr[i] = (decimal)tally.Sums[i] / tally.Respondents;
                total += tally.Sums[i];
            }
            // Σ (sum_i / n) / 9 as one division: exact for every figure the rounding below can meet.
            weighted = (decimal)total / (SurveyElements.Count * (long)tally.Respondents);
        }
        else
        {
            decimal numerator = 0, weightSum = 0;
            for (var i = 0; i < nrr.Length; i++)
            {
                nrr[i] = (decimal)tally.Sums[i] / tally.Respondents;
                numerator += weights[i] * tally.Sums[i];
                weightSum += weights[i];
            }
            // Divided by Σ weights (1 within SurveyWeights.SumTolerance): the result stays a weighted mean on 1..4.
            weighted = numerator / weightSum / tally.Respondents;
        }
        var ikm = Round2(weighted * 25);
        return new SurveyResult(ikm, Grade(ikm), tally.Respondents, Math.Round(weighted, 4, MidpointRounding.AwayFromZero),
            nrr.Select(v => Math.Round(v, 4, MidpointRounding.AwayFromZero)).ToArray());
    }

    /// <summary>
    /// The grade of an IKM (two decimals) by the official bands: 88.31–100 A (Sangat Baik), 76.61–88.30 B (Baik),
    /// 65.00–76.60 C (Kurang Baik), 25.00–64.99 D (Tidak Baik).
    /// </summary>
    public static string Grade(decimal ikm) => ikm switch
    {
        >= 88.31m => "A",
        >= 76.61m => "B",
        >= 65.00m => "C",
        _ => "D",
    };

    /// <summary>Indonesian label of a grade (Sangat Baik, Baik, Kurang Baik, Tidak Baik).</summary>
    public static string GradeLabel(string? grade) => grade switch
    {
        "A" => "Sangat Baik",
        "B" => "Baik",
        "C" => "Kurang Baik",
        "D" => "Tidak Baik",
        _ => "—",
    };

    private static decimal Round2(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);
}

/// <summary>The IKM of a group: index, grade, respondents, weighted NRR and NRR per element (u1..u9, four decimals).</summary>
public sealed record SurveyResult(decimal Ikm, string Grade, int Respondents, decimal WeightedNrr, IReadOnlyList<decimal> ElementNrr)
{
    /// <summary>NRR per element code (<c>u1</c> → …), for APIs.</summary>
    public IReadOnlyDictionary<string, decimal> Elements =>
        new ElementScores(SurveyElements.Codes.Select((c, i) => KeyValuePair.Create(c, ElementNrr[i])));
}
