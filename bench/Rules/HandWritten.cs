using Kinerja.Core.Indicators;

namespace Kinerja.Rules.Bench;

/// <summary>The default workflows written by hand in C# (baseline b): same thresholds, same events.</summary>
internal static class HandWritten
{
    public sealed record Result(List<string> Events, string? Rhk, string? Rp, string? Predikat, double TppPercent, decimal? TppEstimate);

    public static Result Evaluate(IndicatorSnapshot s)
    {
        var ev = new List<string>(8);
        // rating
        string? rhk = s.RatingHasilKerja, rp = s.RatingPerilaku;
        var assessed = s.SkpPlanApproved && s.SkpRhkUtama > 0 && s.SkpRhkUtamaAssessed == s.SkpRhkUtama;
        if (s.SkpPlanApproved)
        {
            if (assessed && s.SkpRhkUtamaDiBawah == 0 && s.SkpRhkUtamaDiAtas > 0) { ev.Add("HASIL_KERJA_DI_ATAS_EKSPEKTASI"); rhk = "DI_ATAS_EKSPEKTASI"; }
            else if (assessed && s.SkpRhkUtamaDiBawah == 0) { ev.Add("HASIL_KERJA_SESUAI_EKSPEKTASI"); rhk = "SESUAI_EKSPEKTASI"; }
            else if (assessed) { ev.Add("HASIL_KERJA_DI_BAWAH_EKSPEKTASI"); rhk = "DI_BAWAH_EKSPEKTASI"; }
        }
        else if (s.HasilKerjaAvg >= 4.0) { ev.Add("HASIL_KERJA_DI_ATAS_EKSPEKTASI"); rhk = "DI_ATAS_EKSPEKTASI"; }
        else if ((s.HasilKerjaAvg >= 3.0) || (s.HasilKerjaAvg is null && s.ActivityTargetMinutes > 0 && s.ActivityPct >= 75)) { ev.Add("HASIL_KERJA_SESUAI_EKSPEKTASI"); rhk = "SESUAI_EKSPEKTASI"; }
        else if (s.HasilKerjaAvg < 3.0 || (s.HasilKerjaAvg is null && s.ActivityTargetMinutes > 0 && s.ActivityPct < 75)) { ev.Add("HASIL_KERJA_DI_BAWAH_EKSPEKTASI"); rhk = "DI_BAWAH_EKSPEKTASI"; }
        if (s.BerAkhlakAvg >= 4.0) { ev.Add("PERILAKU_DI_ATAS_EKSPEKTASI"); rp = "DI_ATAS_EKSPEKTASI"; }
        else if (s.BerAkhlakAvg >= 3.0) { ev.Add("PERILAKU_SESUAI_EKSPEKTASI"); rp = "SESUAI_EKSPEKTASI"; }
        else if (s.BerAkhlakAvg < 3.0) { ev.Add("PERILAKU_DI_BAWAH_EKSPEKTASI"); rp = "DI_BAWAH_EKSPEKTASI"; }
        // predikat
        var p = (rhk, rp) switch
        {
            ("DI_ATAS_EKSPEKTASI", "DI_ATAS_EKSPEKTASI") => "SANGAT_BAIK",
            ("SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI" or "SESUAI_EKSPEKTASI") or ("DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI") => "BAIK",
            ("DI_BAWAH_EKSPEKTASI", "DI_ATAS_EKSPEKTASI" or "SESUAI_EKSPEKTASI") => "BUTUH_PERBAIKAN",
            ("SESUAI_EKSPEKTASI" or "DI_ATAS_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI") => "KURANG_MISCONDUCT",
            ("DI_BAWAH_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI") => "SANGAT_KURANG",
            _ => null,
        };
        if (p is not null) { ev.Add(p); }
        var predikat = p ?? s.Predikat;
        // disiplin
        var d = s.TksDaysYtd;
        if (d >= 28 || s.TksLongestRun >= 10) { ev.Add("PEMBERHENTIAN"); }
        else if (d >= 25) { ev.Add("PEMINDAHAN_KE_PELAKSANA"); }
        else if (d >= 21) { ev.Add("PENURUNAN_JABATAN"); }
        else if (d >= 17) { ev.Add("POTONG_TUKIN_25_12_BULAN"); }
        else if (d >= 14) { ev.Add("POTONG_TUKIN_25_9_BULAN"); }
        else if (d >= 11) { ev.Add("POTONG_TUKIN_25_6_BULAN"); }
        else if (d >= 7) { ev.Add("PERNYATAAN_TIDAK_PUAS"); }
        else if (d >= 4) { ev.Add("TEGURAN_TERTULIS"); }
        else if (d == 3) { ev.Add("TEGURAN_LISAN"); }
        // pembinaan
        var capaian = s.ActivityTargetMinutes > 0 ? 100.0 * s.ActivityMinutes / s.ActivityTargetMinutes : 100.0;
        if (predikat == "BUTUH_PERBAIKAN") { ev.Add("PEMBINAAN_ATASAN"); }
        if (predikat == "KURANG_MISCONDUCT") { ev.Add("RENCANA_PERBAIKAN_KINERJA"); }
        if (predikat == "SANGAT_KURANG") { ev.Add("PEMBINAAN_INTENSIF"); }
        if (predikat is "KURANG_MISCONDUCT" or "SANGAT_KURANG" && s.PeriodsKurangMisconduct + s.PeriodsSangatKurang >= 5) { ev.Add("EVALUASI_PENEMPATAN"); }
        if (s.ActivityTargetMinutes > 0 && s.WorkingDaysElapsed >= 5 && capaian < 50) { ev.Add("PEMBINAAN_AKTIVITAS"); }
        if (s.ActivityTargetMinutes > 0 && s.WorkingDaysElapsed >= 5 && capaian >= 50 && capaian < 75) { ev.Add("PENGINGAT_AKTIVITAS"); }
        // penghargaan
        if (predikat == "SANGAT_BAIK") { ev.Add("PIAGAM_PENGHARGAAN"); }
        if (predikat == "SANGAT_BAIK" && s.PeriodsSangatBaik >= 1) { ev.Add("INSENTIF_KINERJA"); }
        if (predikat is "SANGAT_BAIK" or "BAIK" && s.ActivityTargetMinutes > 0 && s.ActivityMinutes >= s.ActivityTargetMinutes && s.TksDaysYtd == 0) { ev.Add("PRIORITAS_PELATIHAN"); }
        if (predikat == "SANGAT_BAIK" && s.PeriodsSangatBaik >= 2 && s.TksDaysYtd == 0) { ev.Add("TALENT_POOL"); }
        // tpp
        var prod = s.ActivityTargetMinutes > 0 ? Math.Min(1.0, 1.0 * s.ActivityMinutes / s.ActivityTargetMinutes) : 0.0;
        var pct = Math.Round(Math.Max(0.0, 60.0 * prod + 40.0 - 3.0 * s.TksDays) * (s.Status == "CPNS" ? 0.8 : 1.0), 2);
        ev.Add("TPP_PERSEN");
        decimal? rupiah = null;
        if (s.TppCeiling > 0) { ev.Add("TPP_NOMINAL"); rupiah = Math.Round(s.TppCeiling * Convert.ToDecimal(pct) / 100); }
        return new Result(ev, rhk, rp, predikat, pct, rupiah);
    }
}
