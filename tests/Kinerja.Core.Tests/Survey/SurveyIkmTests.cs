using Kinerja.Core.Survey;

namespace Kinerja.Core.Tests.Survey;

/// <summary>
/// The official computation against hand-computed vectors. Source: DOMAIN.md "Citizen satisfaction survey"
/// (PermenPAN-RB 14/2017): "NRR per element = mean of its answers; weighted NRR = Σ (NRR × weight), weight 1/9 each by
/// default; IKM = weighted NRR × 25" and the bands row "1.00–2.5996 → 25.00–64.99 D Tidak Baik; 2.60–3.064 →
/// 65.00–76.60 C Kurang Baik; 3.0644–3.532 → 76.61–88.30 B Baik; 3.5324–4.00 → 88.31–100.00 A Sangat Baik".
/// </summary>
public sealed class SurveyIkmTests
{
    [Fact]
    public void Compute_no_respondents_is_null() => Assert.Null(SurveyIkm.Compute(SurveyTally.Empty));

    [Theory]
    [InlineData(4, "100.00", "A")]
    [InlineData(1, "25.00", "D")]
    public void Compute_everyone_answering_the_same_gives_that_answer_times_25(int answer, string ikm, string grade)
    {
        var r = SurveyIkm.Compute(SurveyTally.Of(3, Enumerable.Repeat(3L * answer, 9).ToArray()))!;
        Assert.Equal((decimal.Parse(ikm, System.Globalization.CultureInfo.InvariantCulture), grade, 3), (r.Ikm, r.Grade, r.Respondents));
    }

    [Fact]
    public void Compute_four_respondents_gives_each_element_its_mean_and_the_mean_of_means_times_25()
    {
        // sums 13 12 11 16 12 14 15 10 13 over 4 respondents: NRR 3.25 3.00 2.75 4.00 3.00 3.50 3.75 2.50 3.25;
        // weighted NRR = 116 / 36 = 3.2222…; IKM = 80.5555… → 80.56, B (76.61–88.30).
        var r = SurveyIkm.Compute(SurveyTally.Of(4, 13, 12, 11, 16, 12, 14, 15, 10, 13))!;
        Assert.Equal([3.25m, 3.00m, 2.75m, 4.00m, 3.00m, 3.50m, 3.75m, 2.50m, 3.25m], r.ElementNrr);
        Assert.Equal(3.2222m, r.WeightedNrr);
        Assert.Equal(80.56m, r.Ikm);
        Assert.Equal("B", r.Grade);
        Assert.Equal(2.50m, r.Elements["u8"]);
    }

    /// <summary>Each band edge of the DOMAIN.md bands row, with tallies whose weighted NRR is exactly the edge.</summary>
    [Theory]
    [InlineData(2500, 8831, "88.31", "A")] // weighted NRR 3.5324
    [InlineData(2500, 8830, "88.30", "B")] // 3.532
    [InlineData(2500, 7661, "76.61", "B")] // 3.0644
    [InlineData(2500, 7660, "76.60", "C")] // 3.064
    [InlineData(2500, 6500, "65.00", "C")] // 2.60
    [InlineData(2500, 6499, "64.99", "D")] // 2.5996
    [InlineData(5000, 12999, "65.00", "C")] // 64.995 exactly: rounded half away from zero, then banded
    public void Compute_band_edges(int respondents, long sumPerElement, string ikm, string grade)
    {
        var r = SurveyIkm.Compute(SurveyTally.Of(respondents, Enumerable.Repeat(sumPerElement, 9).ToArray()))!;
        Assert.Equal((decimal.Parse(ikm, System.Globalization.CultureInfo.InvariantCulture), grade), (r.Ikm, r.Grade));
    }

    [Fact]
    public void Compute_just_below_a_rounding_midpoint_stays_below_the_band()
    {
        // 116990 / 45000 × 25 = 64.99444… → 64.99, D
        var sums = Enumerable.Repeat(12999L, 9).ToArray();
        sums[8] = 12998;
        var r = SurveyIkm.Compute(SurveyTally.Of(5000, sums))!;
        Assert.Equal((64.99m, "D"), (r.Ikm, r.Grade));
    }

    [Fact]
    public void Compute_with_unit_weights_weighs_each_element()
    {
        // u1 weighs 0.2, the others 0.1: 0.2 × 3.25 + 0.1 × 25.75 = 3.225 → IKM 80.625 → 80.63 (half away from zero)
        var weights = SurveyWeights.Of([0.2m, 0.1m, 0.1m, 0.1m, 0.1m, 0.1m, 0.1m, 0.1m, 0.1m]);
        var r = SurveyIkm.Compute(SurveyTally.Of(4, 13, 12, 11, 16, 12, 14, 15, 10, 13), weights)!;
        Assert.Equal((3.225m, 80.63m, "B"), (r.WeightedNrr, r.Ikm, r.Grade));
    }

    [Fact]
    public void Compute_pooled_tallies_equal_the_tally_of_all_answers()
    {
        var a = SurveyTally.Of(1, 4, 4, 4, 4, 4, 4, 4, 4, 4);
        var b = SurveyTally.Of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        Assert.Equal((62.50m, "D", 2), SurveyIkm.Compute(a.Plus(b)) is { } r ? (r.Ikm, r.Grade, r.Respondents) : default);
    }

    [Fact]
    public void Weights_that_do_not_sum_to_1_are_refused_with_their_sum()
    {
        var error = SurveyWeights.Validate([0.1m, 0.1m, 0.1m, 0.1m, 0.1m, 0.1m, 0.1m, 0.1m, 0.1m]);
        Assert.Equal(("weights", "The weights must sum to 1 (within 0.001); they sum to 0.9."), error);
    }

    [Fact]
    public void Weights_name_the_element_out_of_range_and_the_count()
    {
        Assert.Equal("u3", SurveyWeights.Validate([0.2m, 0.2m, -0.1m, 0.2m, 0.1m, 0.1m, 0.1m, 0.1m, 0.1m])?.Field);
        Assert.Equal(("weights", "weights must give all 9 elements u1..u9; got 2."), SurveyWeights.Validate([0.5m, 0.5m]));
        Assert.Null(SurveyWeights.Validate([0.111m, 0.111m, 0.111m, 0.111m, 0.111m, 0.111m, 0.111m, 0.111m, 0.112m]));
    }

    [Fact]
    public void Grade_labels_are_the_official_ones() =>
        Assert.Equal(["Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik"], new[] { "A", "B", "C", "D" }.Select(SurveyIkm.GradeLabel));

    [Fact]
    public void Unit_indicators_from_the_same_answers_are_equal_so_an_unchanged_unit_does_not_move_its_board()
    {
        // the live model's commit compares unit records: element scores must compare by value, not by reference
        var first = SurveyIkm.Compute(SurveyTally.Of(4, 13, 12, 11, 16, 12, 14, 15, 10, 13))!;
        var again = SurveyIkm.Compute(SurveyTally.Of(4, 13, 12, 11, 16, 12, 14, 15, 10, 13))!;
        var other = SurveyIkm.Compute(SurveyTally.Of(4, 13, 12, 11, 16, 12, 14, 15, 10, 14))!;
        var unit = new Kinerja.Core.Indicators.UnitIndicators { UnitId = "u", IkmElements = first.Elements };

        Assert.Equal(unit, unit with { IkmElements = again.Elements });
        Assert.NotEqual(unit, unit with { IkmElements = other.Elements });
        Assert.Equal(first.Elements.GetHashCode(), again.Elements.GetHashCode());
    }
}
