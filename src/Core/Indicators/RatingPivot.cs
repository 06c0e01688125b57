using Kinerja.Core.Domain;

namespace Kinerja.Core.Indicators;

/// <summary>One rating-rollup row of an employee: sums per rater role and aspect.</summary>
internal sealed record RatingRow(string Nip, string Role, string Aspect, long Sum, int Count);

/// <summary>
/// Adds rating sums into the employee rows: hasil kerja from the superior, BerAKHLAK overall, per
/// aspect and per rater role, and the count of every score (DOMAIN.md "Ratings and the predicate matrix").
/// </summary>
internal static class RatingPivot
{
    public static void Apply(IReadOnlyList<EmployeeFactsRow> rows, IEnumerable<RatingRow> ratings)
    {
        var byNip = new Dictionary<string, EmployeeFactsRow>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            byNip[row.Nip] = row;
        }
        foreach (var rating in ratings)
        {
            if (byNip.TryGetValue(rating.Nip, out var row))
            {
                Add(row, rating);
            }
        }
    }

    private static void Add(EmployeeFactsRow r, RatingRow x)
    {
        r.RatingCount += x.Count;
        if (x.Aspect == Aspect.HasilKerja)
        {
            if (x.Role == RaterRole.Atasan)
            {
                r.HasilKerjaSum += x.Sum;
                r.HasilKerjaCount += x.Count;
            }
            return;
        }
        switch (x.Aspect)
        {
            case Aspect.BerorientasiPelayanan: r.BerorientasiPelayananSum += x.Sum; r.BerorientasiPelayananCount += x.Count; break;
            case Aspect.Akuntabel: r.AkuntabelSum += x.Sum; r.AkuntabelCount += x.Count; break;
            case Aspect.Kompeten: r.KompetenSum += x.Sum; r.KompetenCount += x.Count; break;
            case Aspect.Harmonis: r.HarmonisSum += x.Sum; r.HarmonisCount += x.Count; break;
            case Aspect.Loyal: r.LoyalSum += x.Sum; r.LoyalCount += x.Count; break;
            case Aspect.Adaptif: r.AdaptifSum += x.Sum; r.AdaptifCount += x.Count; break;
            case Aspect.Kolaboratif: r.KolaboratifSum += x.Sum; r.KolaboratifCount += x.Count; break;
            default: return; // kepuasan_layanan and anything else: counted above, not BerAKHLAK
        }
        r.BerAkhlakSum += x.Sum;
        r.BerAkhlakCount += x.Count;
        switch (x.Role)
        {
            case RaterRole.Atasan: r.AtasanSum += x.Sum; r.AtasanCount += x.Count; break;
            case RaterRole.Rekan: r.RekanSum += x.Sum; r.RekanCount += x.Count; break;
            case RaterRole.Bawahan: r.BawahanSum += x.Sum; r.BawahanCount += x.Count; break;
            case RaterRole.Masyarakat: r.MasyarakatSum += x.Sum; r.MasyarakatCount += x.Count; break;
            case RaterRole.Diri: r.DiriSum += x.Sum; r.DiriCount += x.Count; break;
        }
    }
}
