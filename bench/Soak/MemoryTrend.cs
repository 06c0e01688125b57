namespace Kinerja.Bench.Soak;

/// <summary>
/// Least-squares slope over the last two thirds of the run (the first third is warm-up: caches, JIT, pools):
/// server RSS from the 10 s samples and managed heap after the latest gen2 from the per-minute rows, in MB per
/// 10 minutes. "Flat" means the slope is within ±max(5 MB, 2 % of the mean) per 10 minutes.
/// </summary>
public sealed record MemoryTrend(double RssSlope, double RssMean, bool RssFlat, double HeapSlope, double HeapMean, bool HeapFlat, int RssPoints, int HeapPoints)
{
    public static MemoryTrend From(IReadOnlyList<(double Minute, double RssMb)> rss, IReadOnlyList<MinuteRow> rows, double minutes)
    {
        var from = minutes / 3;
        var r = rss.Where(s => s.Minute >= from).ToList();
        var h = rows.Where(x => x.Minute - 1 >= from && x.HeapAfterGen2Mb > 0).Select(x => ((double)x.Minute, x.HeapAfterGen2Mb)).ToList();
        var (rs, rm) = Slope(r);
        var (hs, hm) = Slope(h);
        return new MemoryTrend(rs * 10, rm, Flat(rs * 10, rm), hs * 10, hm, Flat(hs * 10, hm), r.Count, h.Count);
    }

    private static bool Flat(double slopePer10Min, double mean) => !double.IsNaN(slopePer10Min) && Math.Abs(slopePer10Min) <= Math.Max(5, 0.02 * mean);

    /// <summary>"flat", "GROWING", "FALLING", or "n/a" with fewer than 3 points (runs too short for a trend).</summary>
    public static string Verdict(double slope, bool flat, int points) =>
        points < 3 || double.IsNaN(slope) ? "n/a (too few points for a trend)" : flat ? "flat" : slope > 0 ? "GROWING" : "falling";

    private static (double Slope, double Mean) Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2)
        {
            return (double.NaN, points.Count == 1 ? points[0].Y : double.NaN);
        }
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
        var sxy = points.Sum(p => (p.X - mx) * (p.Y - my));
        return (sxx == 0 ? double.NaN : sxy / sxx, my);
    }
}
