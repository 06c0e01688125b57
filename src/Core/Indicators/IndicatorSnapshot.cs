namespace Kinerja.Core.Indicators;

/// <summary>
/// The indicator values of one employee for one period: the typed, stable input of every rules
/// workflow (DESIGN.md "Rules") and the body of the employee indicators API. JSON names are the
/// camelCase of the property names (<c>activityMinutes</c>, <c>tksDaysYtd</c>, ...); rule
/// expressions read them as <c>snapshot.TksDaysYtd</c>. Averages are null when nothing was rated.
/// Add fields freely; never rename or remove one (HR's rules and fixtures read them).
/// </summary>
public sealed record IndicatorSnapshot
{
    // --- subject ---
    public string Nip { get; init; } = "";
    public string UnitId { get; init; } = "";
    public string RegionId { get; init; } = "";
    /// <summary>Period key: <c>YYYY-MM</c>, <c>YYYY-Qn</c>, <c>YYYY</c> or <c>YYYY-MM-DD</c>.</summary>
    public string Period { get; init; } = "";
    /// <summary><c>PNS</c>, <c>PPPK</c> or <c>CPNS</c>.</summary>
    public string Status { get; init; } = "PNS";
    public string Position { get; init; } = "";
    /// <summary>False for employees who left; unit and region aggregates count active employees only.</summary>
    public bool Active { get; init; } = true;

    // --- activity (approved minutes count towards the target) ---
    public int ActivityMinutes { get; init; }
    public int ActivityMinutesPending { get; init; }
    public int ActivityMinutesRejected { get; init; }
    /// <summary>Target minutes for the period, pro-rated by working days for partial periods.</summary>
    public int ActivityTargetMinutes { get; init; }
    /// <summary>Approved minutes as a percentage of the target (0 when the target is 0).</summary>
    public double ActivityPct { get; init; }
    public int ActivityDays { get; init; }
    public int WorkingDays { get; init; }
    /// <summary>Working days elapsed so far in the period (equals <see cref="WorkingDays"/> for closed periods).</summary>
    public int WorkingDaysElapsed { get; init; }

    // --- attendance ---
    public int AttendanceHadir { get; init; }
    public int AttendanceTerlambat { get; init; }
    public int AttendanceIzin { get; init; }
    public int AttendanceSakit { get; init; }
    public int AttendanceCuti { get; init; }
    public int AttendanceDinasLuar { get; init; }
    public int LateMinutes { get; init; }
    /// <summary>Days absent without valid reason (tanpa keterangan) in the period.</summary>
    public int TksDays { get; init; }
    /// <summary>TKS days from 1 January of the period's year to the end of the period.</summary>
    public int TksDaysYtd { get; init; }
    /// <summary>Longest run of consecutive TKS working days in the year to date (weekends and holidays do not break a run).</summary>
    public int TksLongestRun { get; init; }

    // --- ratings (1-5 scale) ---
    /// <summary>Average <c>hasil_kerja</c> score given by the superior (atasan).</summary>
    public double? HasilKerjaAvg { get; init; }
    /// <summary>Average of all BerAKHLAK aspect scores from every rater role.</summary>
    public double? BerAkhlakAvg { get; init; }
    public int RatingCount { get; init; }
    public double? BerorientasiPelayananAvg { get; init; }
    public double? AkuntabelAvg { get; init; }
    public double? KompetenAvg { get; init; }
    public double? HarmonisAvg { get; init; }
    public double? LoyalAvg { get; init; }
    public double? AdaptifAvg { get; init; }
    public double? KolaboratifAvg { get; init; }
    /// <summary>BerAKHLAK average per rater role.</summary>
    public double? AtasanAvg { get; init; }
    public double? RekanAvg { get; init; }
    public double? BawahanAvg { get; init; }
    public double? MasyarakatAvg { get; init; }
    public double? DiriAvg { get; init; }
    /// <summary>Number of <c>hasil_kerja</c> scores from the superior behind <see cref="HasilKerjaAvg"/>.</summary>
    public int HasilKerjaCount { get; init; }
    /// <summary>Number of BerAKHLAK scores (all roles) behind <see cref="BerAkhlakAvg"/>.</summary>
    public int BerAkhlakCount { get; init; }
    /// <summary>BerAKHLAK score counts per rater role.</summary>
    public int AtasanCount { get; init; }
    public int RekanCount { get; init; }
    public int BawahanCount { get; init; }
    public int MasyarakatCount { get; init; }
    public int DiriCount { get; init; }

    // --- leveled values produced by the rules (null until evaluated) ---
    /// <summary><c>DI_ATAS_EKSPEKTASI</c>, <c>SESUAI_EKSPEKTASI</c> or <c>DI_BAWAH_EKSPEKTASI</c>.</summary>
    public string? RatingHasilKerja { get; init; }
    public string? RatingPerilaku { get; init; }
    /// <summary>One of the five predicate codes (<c>SANGAT_BAIK</c> ... <c>SANGAT_KURANG</c>).</summary>
    public string? Predikat { get; init; }

    // --- history features (consecutive periods of the same kind, ending with the previous one) ---
    public string? PreviousPredikat { get; init; }
    public int PeriodsSangatBaik { get; init; }
    public int PeriodsBaik { get; init; }
    public int PeriodsButuhPerbaikan { get; init; }
    public int PeriodsKurangMisconduct { get; init; }
    public int PeriodsSangatKurang { get; init; }

    // --- SKP plan of the period's year (issue 17; migration 0019/0021) ---
    /// <summary>True when the employee's current plan of the period's year is approved (<c>disetujui</c>).</summary>
    public bool SkpPlanApproved { get; init; }
    /// <summary>RHK of the approved current plan (utama and tambahan); 0 without an approved plan.</summary>
    public int SkpRhkCount { get; init; }
    /// <summary>RHK of the approved plan the superior has assessed for the period (the newest assessment per RHK).</summary>
    public int SkpRhkAssessed { get; init; }
    /// <summary>Assessed RHK per level: <c>di_atas</c>, <c>sesuai</c>, <c>di_bawah</c> (ekspektasi).</summary>
    public int SkpRhkDiAtas { get; init; }
    public int SkpRhkSesuai { get; init; }
    public int SkpRhkDiBawah { get; init; }
    /// <summary>RHK utama of the approved plan, how many of them are assessed, and how many were assessed di_atas and di_bawah.</summary>
    public int SkpRhkUtama { get; init; }
    public int SkpRhkUtamaAssessed { get; init; }
    public int SkpRhkUtamaDiAtas { get; init; }
    public int SkpRhkUtamaDiBawah { get; init; }
    /// <summary>
    /// Weighted achievement of the quantitative indicators in percent: each numeric indicator with a realisation for the
    /// period counts realisation ÷ target (the period target when the plan has one, else the annual target), capped at
    /// 120%, weighted equally; null when no quantitative indicator has a realisation yet.
    /// </summary>
    public double? SkpQuantAchievement { get; init; }

    // --- attendance detail (issue 19; migration 0030): the regional allowance variants read these ---
    /// <summary>Days late by 1-30 minutes (the day's latest attendance record).</summary>
    public int LateDays1To30 { get; init; }
    /// <summary>Days late by 31-60 minutes.</summary>
    public int LateDays31To60 { get; init; }
    /// <summary>Days late by 61-90 minutes.</summary>
    public int LateDays61To90 { get; init; }
    /// <summary>Days late by more than 90 minutes.</summary>
    public int LateDaysOver90 { get; init; }
    /// <summary>Days the employee left early (<c>earlyLeaveMinutes</c> above 0).</summary>
    public int EarlyLeaveDays { get; init; }
    /// <summary>Minutes of leaving early in the period.</summary>
    public int EarlyLeaveMinutes { get; init; }
    /// <summary>Days the morning assembly (apel) was recorded as missed (<c>apel</c> false; not recorded does not count).</summary>
    public int ApelMissedDays { get; init; }
    /// <summary>Days per leave type (<c>leaveType</c>): cuti tahunan, besar, sakit, melahirkan, alasan penting, bersama, di luar tanggungan negara.</summary>
    public int LeaveDaysTahunan { get; init; }
    public int LeaveDaysBesar { get; init; }
    public int LeaveDaysSakit { get; init; }
    public int LeaveDaysMelahirkan { get; init; }
    public int LeaveDaysAlasanPenting { get; init; }
    public int LeaveDaysBersama { get; init; }
    public int LeaveDaysLuarTanggungan { get; init; }
    /// <summary>Days of a valid permit: status <c>izin</c> recorded with <c>leaveType</c> <c>izin</c>.</summary>
    public int IzinDays { get; init; }
    /// <summary>True when the period has working days and every one of them was TKS (<see cref="TksDays"/> ≥ <see cref="WorkingDays"/>).</summary>
    public bool TksWholeMonth { get; init; }
    // --- officer-level citizen survey (issue 18; migration 0027) ---
    /// <summary>
    /// Survey respondents of the period who named this employee as the officer who served them, when at least
    /// <c>Kinerja:Survey:OfficerMinRespondents</c> (default 5) did; 0 below that minimum (the answers then have no effect).
    /// At or above it they are blended into the masyarakat and BerAKHLAK means (<see cref="OfficerSurveyRating"/>).
    /// </summary>
    public int MasyarakatSurveyRespondents { get; init; }
    /// <summary>The officer's own IKM (25-100, two decimals) from those answers; null below the minimum.</summary>
    public double? MasyarakatSurveyIkm { get; init; }

    // --- allowance ---
    /// <summary>Monthly TPP ceiling in rupiah for this employee's post (0 when unknown).</summary>
    public decimal TppCeiling { get; init; }
}
