namespace Kinerja.Core.Indicators;

/// <summary>Maps a unit row to the rules' <see cref="UnitSnapshot"/> (shares of the rated employees).</summary>
internal static class UnitSnapshotMapper
{
    public static UnitSnapshot ToSnapshot(UnitFactsRow u, string periodKey)
    {
        var ikm = IkmFigures.Of(u);
        var d = PredikatDistribution.From(u.SangatBaik, u.Baik, u.ButuhPerbaikan, u.KurangMisconduct, u.SangatKurang);
        return new UnitSnapshot
        {
            UnitId = u.UnitId,
            RegionId = u.RegionId,
            Period = periodKey,
            UnitPredikat = u.UnitPredikat,
            EmployeeCount = u.EmployeeCount,
            RatedCount = d.RatedCount,
            SangatBaikCount = d.SangatBaik,
            BaikCount = d.Baik,
            ButuhPerbaikanCount = d.ButuhPerbaikan,
            KurangMisconductCount = d.KurangMisconduct,
            SangatKurangCount = d.SangatKurang,
            SangatBaikPct = d.SangatBaikPct,
            BaikPct = d.BaikPct,
            ButuhPerbaikanPct = d.ButuhPerbaikanPct,
            KurangMisconductPct = d.KurangMisconductPct,
            SangatKurangPct = d.SangatKurangPct,
            Ikm = ikm.Ikm,
            IkmRespondents = ikm.Source == "survey" ? ikm.Count : 0,
        };
    }
}
