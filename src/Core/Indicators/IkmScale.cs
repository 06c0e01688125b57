namespace Kinerja.Core.Indicators;

/// <summary>
/// Citizen satisfaction (Indeks Kepuasan Masyarakat, DOMAIN.md "Citizen satisfaction"): reported on
/// 25-100, where the official survey's 1-4 answer × 25 gives 25..100. Our rating stream scores 1-5,
/// so the average score is mapped linearly onto the same range: <c>IKM = (avg − 1) ÷ 4 × 75 + 25</c>
/// (1 → 25, 3 → 62.5, 5 → 100). Bands: 88.31-100 A (Sangat Baik), 76.61-88.30 B (Baik),
/// 65.00-76.60 C (Kurang Baik), 25.00-64.99 D (Tidak Baik). The value is rounded to two decimals
/// before banding, as published figures are.
/// </summary>
public static class IkmScale
{
    public static double FromAverageScore(double averageScore) =>
        Math.Round((averageScore - 1) / 4 * 75 + 25, 2, MidpointRounding.AwayFromZero);

    /// <summary>IKM from score sum and count; null without answers.</summary>
    public static double? From(long scoreSum, long count) =>
        count <= 0 ? null : FromAverageScore((double)scoreSum / count);

    public static string Band(double ikm) => ikm switch
    {
        >= 88.31 => "A",
        >= 76.61 => "B",
        >= 65.00 => "C",
        _ => "D",
    };

    public static string? Band(double? ikm) => ikm is { } v ? Band(v) : null;

    /// <summary>Indonesian label of a band for screens.</summary>
    public static string BandLabel(string? band) => band switch
    {
        "A" => "Sangat Baik",
        "B" => "Baik",
        "C" => "Kurang Baik",
        "D" => "Tidak Baik",
        _ => "—",
    };
}
