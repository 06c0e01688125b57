using Kinerja.Dashboard.FollowUp;

namespace Kinerja.Dashboard.SkpMonitoring;

/// <summary>Where an employee stands with one deadline of an evaluation period.</summary>
public static class SkpDueStatus
{
    /// <summary>Done on or before the due day.</summary>
    public const string OnTime = "tepat_waktu";

    /// <summary>Done after the due day.</summary>
    public const string Late = "terlambat";

    /// <summary>Not done, and the due day has passed (today is after it).</summary>
    public const string Overdue = "tertunggak";

    /// <summary>Not done yet, and the due day is today or later.</summary>
    public const string Pending = "belum_jatuh_tempo";

    /// <summary>No approved plan for the period's year: nothing to realise or assess.</summary>
    public const string NoPlan = "tanpa_rencana";

    /// <summary>True for the two states the monitoring lists as late.</summary>
    public static bool IsLate(string status) => status is Late or Overdue;
}

/// <summary>One active employee as the monitoring sees them (HR and leaders of the region only: names and NIPs).</summary>
/// <param name="PlanStatus">Status of the current plan version of the year (draft, diajukan, disetujui, dikembalikan), null when none.</param>
/// <param name="PlanApproved">True when some version of the year's plan was approved.</param>
/// <param name="Realisation">A <see cref="SkpDueStatus"/> value for the realisation of the period.</param>
/// <param name="RealisedAt">The first realisation filed for the period, if any.</param>
/// <param name="Assessment">A <see cref="SkpDueStatus"/> value for the superior's assessment of the period.</param>
/// <param name="AssessedAt">The first assessment made for the period, if any.</param>
public sealed record SkpMonitoringEmployee(string Nip, string Name, string UnitId, string? SuperiorNip, string? SuperiorName,
    string? PlanStatus, bool PlanApproved, string Realisation, DateTimeOffset? RealisedAt, string Assessment, DateTimeOffset? AssessedAt);

/// <summary>One unit of the monitoring: counts and the three lists.</summary>
/// <param name="Employees">Active employees of the unit.</param>
/// <param name="WithoutPlan">Active employees without an approved plan for the year (list: <see cref="NoPlan"/>).</param>
/// <param name="LateRealisationCount">Realisations filed late or overdue.</param>
/// <param name="LateAssessmentCount">Assessments made late or overdue.</param>
public sealed record SkpMonitoringUnit(string UnitId, string Name, int Employees, int WithoutPlan, int LateRealisationCount,
    int LateAssessmentCount, IReadOnlyList<SkpMonitoringEmployee> NoPlan, IReadOnlyList<SkpMonitoringEmployee> LateRealisations,
    IReadOnlyList<SkpMonitoringEmployee> LateAssessments);

/// <summary><c>GET /api/v1/skp/monitoring</c>: per unit, who has no approved plan and whose realisation or assessment is late.</summary>
/// <param name="Year">The plan year the plan figures are about.</param>
/// <param name="Period">The evaluation period the realisation and assessment figures are about.</param>
/// <param name="Today">The region's local day the statuses were judged on.</param>
/// <param name="RealisationDue">Last local day a realisation of <paramref name="Period"/> is on time.</param>
/// <param name="AssessmentDue">Last local day an assessment of <paramref name="Period"/> is on time.</param>
public sealed record SkpMonitoringReport(string RegionId, string? UnitId, int Year, string Period, DateOnly Today,
    DateOnly RealisationDue, DateOnly AssessmentDue, IReadOnlyList<SkpMonitoringUnit> Units);

/// <summary>IKU attainment of a unit in a year: the unit's IKU targets against their latest stored realisation.</summary>
/// <param name="IkuCount">IKU of the unit for the year.</param>
/// <param name="Reported">IKU with a realisation stored.</param>
/// <param name="AttainmentPct">Mean of realisation ÷ target × 100 over the reported IKU (the period's own target when the IKU
/// has one); null when none is reported ("belum ada realisasi").</param>
public sealed record IkuAttainment(int IkuCount, int Reported, double? AttainmentPct);

/// <summary>The board figures of one unit: SKP completion, IKU attainment and follow-ups.</summary>
/// <param name="Employees">Active employees of the unit.</param>
/// <param name="PlanApproved">Active employees with an approved plan for the year.</param>
/// <param name="PlanApprovedPct">Share 0–100 of <paramref name="Employees"/>; null when the unit has nobody.</param>
/// <param name="RealisationOnTime">Employees with an approved plan whose realisation of the period came on time.</param>
/// <param name="RealisationOnTimePct">Share 0–100 of the employees with an approved plan for the period's year; null when none.</param>
/// <param name="AssessmentOnTime">Of those, whose superior assessed the period on time.</param>
/// <param name="AssessmentOnTimePct">Share 0–100 like <paramref name="RealisationOnTimePct"/>.</param>
/// <param name="FollowUps">Follow-ups of the unit in <see cref="BoardUnitsReport.FollowUpPeriod"/> (done on time, overdue, coaching completed).</param>
public sealed record BoardUnitFigures(string UnitId, string Name, int Employees, int PlanApproved, double? PlanApprovedPct,
    int PlanApprovedForPeriod, int RealisationOnTime, double? RealisationOnTimePct, int AssessmentOnTime, double? AssessmentOnTimePct,
    IkuAttainment Iku, UnitFollowUpCounts FollowUps);

/// <summary><c>GET /api/v1/board/units</c>: the leaders' board panels per unit of a region.</summary>
/// <param name="FollowUpPeriod">The month (<c>YYYY-MM</c>) whose follow-ups are counted: the region's current month.</param>
public sealed record BoardUnitsReport(string RegionId, int Year, string Period, DateOnly Today, DateOnly RealisationDue,
    DateOnly AssessmentDue, string FollowUpPeriod, IReadOnlyList<BoardUnitFigures> Units);

/// <summary>One unit on the public display: IKU attainment only, withheld (null, <see cref="Suppressed"/>) below the privacy floor.</summary>
public sealed record PublicIkuUnit(string UnitId, string Name, bool Suppressed, int? IkuCount, int? Reported, double? AttainmentPct);

/// <summary><c>GET /api/v1/public/{regionId}/iku?year=</c>: per unit IKU attainment, aggregates only.</summary>
public sealed record PublicIkuReport(string RegionId, int Year, int MinGroupSize, IReadOnlyList<PublicIkuUnit> Units);
