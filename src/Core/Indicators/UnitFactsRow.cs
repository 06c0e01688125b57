namespace Kinerja.Core.Indicators;

/// <summary>Per-unit figures that are not sums of employee periods: today, predicates, IKM.</summary>
internal sealed class UnitFactsRow
{
    public string UnitId { get; set; } = "";
    public string RegionId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? UnitPredikat { get; set; }
    public int EmployeeCount { get; set; }
    public int FiledToday { get; set; }
    public int TodayHadir { get; set; }
    public int TodayTerlambat { get; set; }
    public int TodayIzin { get; set; }
    public int TodaySakit { get; set; }
    public int TodayCuti { get; set; }
    public int TodayDinasLuar { get; set; }
    public int TodayTks { get; set; }
    public int SangatBaik { get; set; }
    public int Baik { get; set; }
    public int ButuhPerbaikan { get; set; }
    public int KurangMisconduct { get; set; }
    public int SangatKurang { get; set; }
    public long IkmSum { get; set; }
    public int IkmCount { get; set; }

    public int TodayRecorded =>
        TodayHadir + TodayTerlambat + TodayIzin + TodaySakit + TodayCuti + TodayDinasLuar + TodayTks;
}
