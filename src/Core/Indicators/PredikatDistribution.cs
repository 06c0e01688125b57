namespace Kinerja.Core.Indicators;

/// <summary>
/// How the rules' predicates are spread over a group for a period: count and share per predicate.
/// Shares (0-100) are of the rated employees (those with a predicate), so unrated staff do not
/// dilute them; <see cref="RatedCount"/> says how many that is.
/// </summary>
public sealed record PredikatDistribution
{
    public int RatedCount { get; init; }
    public int SangatBaik { get; init; }
    public int Baik { get; init; }
    public int ButuhPerbaikan { get; init; }
    public int KurangMisconduct { get; init; }
    public int SangatKurang { get; init; }
    public double SangatBaikPct { get; init; }
    public double BaikPct { get; init; }
    public double ButuhPerbaikanPct { get; init; }
    public double KurangMisconductPct { get; init; }
    public double SangatKurangPct { get; init; }

    public static PredikatDistribution From(int sangatBaik, int baik, int butuhPerbaikan, int kurang, int sangatKurang)
    {
        var rated = sangatBaik + baik + butuhPerbaikan + kurang + sangatKurang;
        return new PredikatDistribution
        {
            RatedCount = rated,
            SangatBaik = sangatBaik,
            Baik = baik,
            ButuhPerbaikan = butuhPerbaikan,
            KurangMisconduct = kurang,
            SangatKurang = sangatKurang,
            SangatBaikPct = SnapshotMapper.Pct(sangatBaik, rated),
            BaikPct = SnapshotMapper.Pct(baik, rated),
            ButuhPerbaikanPct = SnapshotMapper.Pct(butuhPerbaikan, rated),
            KurangMisconductPct = SnapshotMapper.Pct(kurang, rated),
            SangatKurangPct = SnapshotMapper.Pct(sangatKurang, rated),
        };
    }
}
