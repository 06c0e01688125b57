namespace Kinerja.Core.Indicators;

/// <summary>
/// The columns the full employee statement (<see cref="EmployeeFactsRow"/>) and the live model's cheap read
/// (<see cref="LiveSignatureRow"/>) share: who the employee is and the month's activity and attendance sums.
/// </summary>
internal abstract class EmployeeMonthFigures
{
    public string Nip { get; set; } = "";
    public string UnitId { get; set; } = "";
    public string RegionId { get; set; } = "";
    public bool Active { get; set; }

    public int MinutesApproved { get; set; }
    public int MinutesPending { get; set; }
    public int MinutesRejected { get; set; }
    public int ActivityDays { get; set; }
    public int Hadir { get; set; }
    public int Terlambat { get; set; }
    public int Izin { get; set; }
    public int Sakit { get; set; }
    public int Cuti { get; set; }
    public int DinasLuar { get; set; }
    public int Tks { get; set; }
    public int LateMinutes { get; set; }
}
