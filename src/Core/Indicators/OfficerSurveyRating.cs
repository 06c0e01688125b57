using Kinerja.Core.Survey;

namespace Kinerja.Core.Indicators;

/// <summary>
/// How an officer's survey answers become a <c>masyarakat</c> rating (issue 18; DOMAIN.md "Citizen satisfaction
/// survey", "Ratings and the predicate matrix"). From <see cref="OfficerSurveyOptions.OfficerMinRespondents"/>
/// respondents in a period: the officer's IKM (weighted NRR × 25 with the unit's weights, two decimals) is mapped
/// linearly from 25-100 onto the rating scale 1-5, <c>score = 1 + (IKM − 25) × 4 ÷ 75</c> (100 → 5, 75 → 3.667,
/// 25 → 1; the inverse of <see cref="IkmScale"/>), and each respondent counts as one <c>masyarakat</c> rating of
/// the aspect <c>berorientasi_pelayanan</c> with that score. So it blends with the source systems' masyarakat
/// ratings by count into the masyarakat mean, the berorientasi-pelayanan mean and the BerAKHLAK mean (and their
/// counts), which the rating-level rules read. Below the minimum the answers have no effect at all.
/// </summary>
internal static class OfficerSurveyRating
{
    /// <summary>Clears the survey figures of rows below the minimum, so nothing downstream sees them.</summary>
    public static void ApplyMinimum(List<EmployeeFactsRow> rows, int minRespondents)
    {
        foreach (var row in rows)
        {
            if (row.OfficerSurveyRespondents > 0 && row.OfficerSurveyRespondents < minRespondents)
            {
                row.OfficerSurveyRespondents = 0;
                row.OfficerSurveyNrr = null;
            }
        }
    }

    /// <summary>The officer's IKM from the weighted NRR, rounded to two decimals as published figures are.</summary>
    public static double Ikm(double weightedNrr) =>
        (double)Math.Round((decimal)weightedNrr * 25, 2, MidpointRounding.AwayFromZero);

    /// <summary>The rating-scale score (1-5) of an IKM.</summary>
    public static double Score(double ikm) => 1 + (ikm - 25) * 4 / 75;

    /// <summary>The snapshot with the officer's survey answers blended in (unchanged without counted respondents).</summary>
    public static IndicatorSnapshot Blend(EmployeeFactsRow r, IndicatorSnapshot s)
    {
        if (r.OfficerSurveyRespondents <= 0 || r.OfficerSurveyNrr is not { } nrr)
        {
            return s;
        }
        var n = r.OfficerSurveyRespondents;
        var ikm = Ikm(nrr);
        var added = n * Score(ikm);
        return s with
        {
            MasyarakatSurveyRespondents = n,
            MasyarakatSurveyIkm = ikm,
            MasyarakatAvg = Avg(r.MasyarakatSum + added, r.MasyarakatCount + n),
            MasyarakatCount = r.MasyarakatCount + n,
            BerorientasiPelayananAvg = Avg(r.BerorientasiPelayananSum + added, r.BerorientasiPelayananCount + n),
            BerAkhlakAvg = Avg(r.BerAkhlakSum + added, r.BerAkhlakCount + n),
            BerAkhlakCount = r.BerAkhlakCount + n,
            RatingCount = r.RatingCount + n,
        };
    }

    /// <summary>Average rounded to three decimals, like <see cref="SnapshotMapper.Avg"/>.</summary>
    private static double Avg(double sum, long count) => Math.Round(sum / count, 3, MidpointRounding.AwayFromZero);
}
