namespace Kinerja.Core.Indicators;

/// <summary>
/// One employee's raw figures for a period as the set-based query returns them: sums and counts
/// (not averages), so unit and region aggregates can pool them exactly.
/// </summary>
internal sealed class EmployeeFactsRow : EmployeeMonthFigures
{
    public string Status { get; set; } = "";
    public string Position { get; set; } = "";
    public decimal TppCeiling { get; set; }

    public int TksYtd { get; set; }
    public int TksLongestRun { get; set; }

    public long HasilKerjaSum { get; set; }
    public int HasilKerjaCount { get; set; }
    public long BerAkhlakSum { get; set; }
    public int BerAkhlakCount { get; set; }
    public int RatingCount { get; set; }
    public long BerorientasiPelayananSum { get; set; }
    public int BerorientasiPelayananCount { get; set; }
    public long AkuntabelSum { get; set; }
    public int AkuntabelCount { get; set; }
    public long KompetenSum { get; set; }
    public int KompetenCount { get; set; }
    public long HarmonisSum { get; set; }
    public int HarmonisCount { get; set; }
    public long LoyalSum { get; set; }
    public int LoyalCount { get; set; }
    public long AdaptifSum { get; set; }
    public int AdaptifCount { get; set; }
    public long KolaboratifSum { get; set; }
    public int KolaboratifCount { get; set; }
    public long AtasanSum { get; set; }
    public int AtasanCount { get; set; }
    public long RekanSum { get; set; }
    public int RekanCount { get; set; }
    public long BawahanSum { get; set; }
    public int BawahanCount { get; set; }
    public long MasyarakatSum { get; set; }
    public int MasyarakatCount { get; set; }
    public long DiriSum { get; set; }
    public int DiriCount { get; set; }

    public string? RatingHasilKerja { get; set; }
    public string? RatingPerilaku { get; set; }
    public string? Predikat { get; set; }
    /// <summary>Per predicate, bit i set when the (i+1)-th previous period had it (bit 0 = the period just before).</summary>
    public int SangatBaikMask { get; set; }
    public int BaikMask { get; set; }
    public int ButuhPerbaikanMask { get; set; }
    public int KurangMisconductMask { get; set; }
    public int SangatKurangMask { get; set; }

    public bool SkpPlanApproved { get; set; }
    public int SkpRhkCount { get; set; }
    public int SkpRhkAssessed { get; set; }
    public int SkpRhkDiAtas { get; set; }
    public int SkpRhkSesuai { get; set; }
    public int SkpRhkDiBawah { get; set; }
    public int SkpRhkUtama { get; set; }
    public int SkpRhkUtamaAssessed { get; set; }
    public int SkpRhkUtamaDiAtas { get; set; }
    public int SkpRhkUtamaDiBawah { get; set; }
    public double? SkpQuantAchievement { get; set; }

    // attendance detail (migration 0030; AttendanceDetailSql)
    public int LateDays1To30 { get; set; }
    public int LateDays31To60 { get; set; }
    public int LateDays61To90 { get; set; }
    public int LateDaysOver90 { get; set; }
    public int EarlyLeaveDays { get; set; }
    public int EarlyLeaveMinutes { get; set; }
    public int ApelMissedDays { get; set; }
    public int LeaveDaysTahunan { get; set; }
    public int LeaveDaysBesar { get; set; }
    public int LeaveDaysSakit { get; set; }
    public int LeaveDaysMelahirkan { get; set; }
    public int LeaveDaysAlasanPenting { get; set; }
    public int LeaveDaysBersama { get; set; }
    public int LeaveDaysLuarTanggungan { get; set; }
    public int IzinDays { get; set; }
    /// <summary>Survey respondents who named this employee as the officer who served them in the period (migration 0027).</summary>
    public int OfficerSurveyRespondents { get; set; }
    /// <summary>Their weighted NRR (1-4) with the weights of the employee's unit; null without respondents.</summary>
    public double? OfficerSurveyNrr { get; set; }

    /// <summary>A copy to change (the live model's activity-only update).</summary>
    public EmployeeFactsRow Copy() => (EmployeeFactsRow)MemberwiseClone();
}
