namespace Kinerja.Core.Indicators;

/// <summary>
/// Indicators of a group of employees (a unit or a region) for one period: the employee figures
/// summed (minutes, days, counts) or pooled (rating averages are total score ÷ total count, not an
/// average of averages), plus today's filing rate and attendance and the predicate distribution.
/// Only active employees count. JSON names are the camelCase property names.
/// </summary>
public record GroupIndicators
{
    public GroupIndicators()
    {
    }

    /// <summary>Period key: <c>YYYY-MM</c>, <c>YYYY-Qn</c>, <c>YYYY</c> or <c>YYYY-MM-DD</c>.</summary>
    public string Period { get; init; } = "";
    /// <summary>Active employees in the group.</summary>
    public int EmployeeCount { get; init; }

    // --- activity ---
    /// <summary>Approved activity minutes of all employees.</summary>
    public long ActivityMinutes { get; init; }
    public long ActivityMinutesPending { get; init; }
    public long ActivityMinutesRejected { get; init; }
    /// <summary>Sum of the employees' (pro-rated) targets.</summary>
    public long ActivityTargetMinutes { get; init; }
    /// <summary>Approved minutes as a percentage of the summed target.</summary>
    public double ActivityPct { get; init; }
    /// <summary>Employees whose approved minutes reached their target.</summary>
    public int EmployeesOnTarget { get; init; }
    /// <summary>Employee-days with at least one activity.</summary>
    public long ActivityDays { get; init; }
    public int WorkingDays { get; init; }
    public int WorkingDaysElapsed { get; init; }

    // --- attendance (employee-days) ---
    public long AttendanceHadir { get; init; }
    public long AttendanceTerlambat { get; init; }
    public long AttendanceIzin { get; init; }
    public long AttendanceSakit { get; init; }
    public long AttendanceCuti { get; init; }
    public long AttendanceDinasLuar { get; init; }
    public long LateMinutes { get; init; }
    public long TksDays { get; init; }
    public long TksDaysYtd { get; init; }
    /// <summary>Employees with at least one TKS day in the year to date.</summary>
    public int EmployeesWithTksYtd { get; init; }
    /// <summary>Longest TKS run of any employee in the group, year to date.</summary>
    public int TksLongestRun { get; init; }

    // --- ratings (1-5, pooled) ---
    public double? HasilKerjaAvg { get; init; }
    public double? BerAkhlakAvg { get; init; }
    public long RatingCount { get; init; }
    public double? BerorientasiPelayananAvg { get; init; }
    public double? AkuntabelAvg { get; init; }
    public double? KompetenAvg { get; init; }
    public double? HarmonisAvg { get; init; }
    public double? LoyalAvg { get; init; }
    public double? AdaptifAvg { get; init; }
    public double? KolaboratifAvg { get; init; }
    public double? AtasanAvg { get; init; }
    public double? RekanAvg { get; init; }
    public double? BawahanAvg { get; init; }
    public double? MasyarakatAvg { get; init; }
    public double? DiriAvg { get; init; }

    // --- today (region-local, whatever the period) ---
    /// <summary>The region-local date "today" refers to (<c>YYYY-MM-DD</c>).</summary>
    public string Today { get; init; } = "";
    /// <summary>False on weekends and the region's holidays: no one is expected to file or attend.</summary>
    public bool WorkingDayToday { get; init; }
    /// <summary>Active employees with at least one activity today.</summary>
    public int FiledToday { get; init; }
    /// <summary>Share (0-100) of active employees who logged at least one activity today.</summary>
    public double FilingRateToday { get; init; }
    public AttendanceToday AttendanceToday { get; init; } = new();

    // --- predicates the rules produced for the period ---
    public PredikatDistribution Predikat { get; init; } = new();
}
