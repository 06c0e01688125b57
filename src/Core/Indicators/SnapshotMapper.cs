using System.Numerics;

namespace Kinerja.Core.Indicators;

/// <summary>Turns a query row plus the region's period figures into the public snapshot.</summary>
internal static class SnapshotMapper
{
    public static IndicatorSnapshot ToSnapshot(EmployeeFactsRow r, PeriodPlan plan)
    {
        var target = plan.Regions[r.RegionId].Target;
        var (previous, streak) = History(r);
        return OfficerSurveyRating.Blend(r, new IndicatorSnapshot
        {
            Nip = r.Nip,
            UnitId = r.UnitId,
            RegionId = r.RegionId,
            Period = plan.Period.Key,
            Status = r.Status,
            Position = r.Position,
            Active = r.Active,
            ActivityMinutes = r.MinutesApproved,
            ActivityMinutesPending = r.MinutesPending,
            ActivityMinutesRejected = r.MinutesRejected,
            ActivityTargetMinutes = target.TargetMinutes,
            ActivityPct = Pct(r.MinutesApproved, target.TargetMinutes),
            ActivityDays = r.ActivityDays,
            WorkingDays = target.WorkingDays,
            WorkingDaysElapsed = target.WorkingDaysElapsed,
            AttendanceHadir = r.Hadir,
            AttendanceTerlambat = r.Terlambat,
            AttendanceIzin = r.Izin,
            AttendanceSakit = r.Sakit,
            AttendanceCuti = r.Cuti,
            AttendanceDinasLuar = r.DinasLuar,
            LateMinutes = r.LateMinutes,
            TksDays = r.Tks,
            TksDaysYtd = r.TksYtd,
            TksLongestRun = r.TksLongestRun,
            HasilKerjaAvg = Avg(r.HasilKerjaSum, r.HasilKerjaCount),
            HasilKerjaCount = r.HasilKerjaCount,
            BerAkhlakAvg = Avg(r.BerAkhlakSum, r.BerAkhlakCount),
            BerAkhlakCount = r.BerAkhlakCount,
            RatingCount = r.RatingCount,
            BerorientasiPelayananAvg = Avg(r.BerorientasiPelayananSum, r.BerorientasiPelayananCount),
            AkuntabelAvg = Avg(r.AkuntabelSum, r.AkuntabelCount),
            KompetenAvg = Avg(r.KompetenSum, r.KompetenCount),
            HarmonisAvg = Avg(r.HarmonisSum, r.HarmonisCount),
            LoyalAvg = Avg(r.LoyalSum, r.LoyalCount),
            AdaptifAvg = Avg(r.AdaptifSum, r.AdaptifCount),
            KolaboratifAvg = Avg(r.KolaboratifSum, r.KolaboratifCount),
            AtasanAvg = Avg(r.AtasanSum, r.AtasanCount),
            AtasanCount = r.AtasanCount,
            RekanAvg = Avg(r.RekanSum, r.RekanCount),
            RekanCount = r.RekanCount,
            BawahanAvg = Avg(r.BawahanSum, r.BawahanCount),
            BawahanCount = r.BawahanCount,
            MasyarakatAvg = Avg(r.MasyarakatSum, r.MasyarakatCount),
            MasyarakatCount = r.MasyarakatCount,
            DiriAvg = Avg(r.DiriSum, r.DiriCount),
            DiriCount = r.DiriCount,
            RatingHasilKerja = r.RatingHasilKerja,
            RatingPerilaku = r.RatingPerilaku,
            Predikat = r.Predikat,
            PreviousPredikat = previous,
            PeriodsSangatBaik = previous == Domain.Predikat.SangatBaik ? streak : 0,
            PeriodsBaik = previous == Domain.Predikat.Baik ? streak : 0,
            PeriodsButuhPerbaikan = previous == Domain.Predikat.ButuhPerbaikan ? streak : 0,
            PeriodsKurangMisconduct = previous == Domain.Predikat.KurangMisconduct ? streak : 0,
            PeriodsSangatKurang = previous == Domain.Predikat.SangatKurang ? streak : 0,
            TppCeiling = r.TppCeiling,
            SkpPlanApproved = r.SkpPlanApproved,
            SkpRhkCount = r.SkpRhkCount,
            SkpRhkAssessed = r.SkpRhkAssessed,
            SkpRhkDiAtas = r.SkpRhkDiAtas,
            SkpRhkSesuai = r.SkpRhkSesuai,
            SkpRhkDiBawah = r.SkpRhkDiBawah,
            SkpRhkUtama = r.SkpRhkUtama,
            SkpRhkUtamaAssessed = r.SkpRhkUtamaAssessed,
            SkpRhkUtamaDiAtas = r.SkpRhkUtamaDiAtas,
            SkpRhkUtamaDiBawah = r.SkpRhkUtamaDiBawah,
            SkpQuantAchievement = r.SkpQuantAchievement,
            LateDays1To30 = r.LateDays1To30,
            LateDays31To60 = r.LateDays31To60,
            LateDays61To90 = r.LateDays61To90,
            LateDaysOver90 = r.LateDaysOver90,
            EarlyLeaveDays = r.EarlyLeaveDays,
            EarlyLeaveMinutes = r.EarlyLeaveMinutes,
            ApelMissedDays = r.ApelMissedDays,
            LeaveDaysTahunan = r.LeaveDaysTahunan,
            LeaveDaysBesar = r.LeaveDaysBesar,
            LeaveDaysSakit = r.LeaveDaysSakit,
            LeaveDaysMelahirkan = r.LeaveDaysMelahirkan,
            LeaveDaysAlasanPenting = r.LeaveDaysAlasanPenting,
            LeaveDaysBersama = r.LeaveDaysBersama,
            LeaveDaysLuarTanggungan = r.LeaveDaysLuarTanggungan,
            IzinDays = r.IzinDays,
            TksWholeMonth = target.WorkingDays > 0 && r.Tks >= target.WorkingDays,
        });
    }

    /// <summary>Percentage rounded to two decimals; 0 when there is no target.</summary>
    public static double Pct(long part, long whole) =>
        whole <= 0 ? 0 : Math.Round(100.0 * part / whole, 2, MidpointRounding.AwayFromZero);

    /// <summary>Average rounded to three decimals; null when nothing was counted.</summary>
    public static double? Avg(long sum, long count) =>
        count <= 0 ? null : Math.Round((double)sum / count, 3, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The previous period's predicate and how many periods in a row, ending with it, held the same
    /// predicate: the run of set bits from bit 0 of that predicate's mask (a gap or another predicate ends it).
    /// </summary>
    internal static (string? Predikat, int Streak) History(EmployeeFactsRow r)
    {
        ReadOnlySpan<(string Code, int Mask)> masks =
        [
            (Domain.Predikat.SangatBaik, r.SangatBaikMask),
            (Domain.Predikat.Baik, r.BaikMask),
            (Domain.Predikat.ButuhPerbaikan, r.ButuhPerbaikanMask),
            (Domain.Predikat.KurangMisconduct, r.KurangMisconductMask),
            (Domain.Predikat.SangatKurang, r.SangatKurangMask),
        ];
        foreach (var (code, mask) in masks)
        {
            if ((mask & 1) != 0)
            {
                return (code, BitOperations.TrailingZeroCount(~mask));
            }
        }
        return (null, 0);
    }
}
