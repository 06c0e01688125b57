using System.ComponentModel.DataAnnotations;

namespace Kinerja.Dashboard.SkpMonitoring;

/// <summary>
/// When SKP realisations and the superior's assessments are due (section <c>Kinerja:Skp</c>, beside the evidence
/// settings), validated at start. DOMAIN.md names no deadline, so the region sets it: a realisation of a period is on
/// time when filed (in the region's local calendar) on or before the period's last day plus
/// <see cref="RealisationDueDays"/>; an assessment when made on or before the last day plus <see cref="AssessmentDueDays"/>.
/// </summary>
public sealed class SkpDueOptions
{
    public const string Section = "Kinerja:Skp";

    /// <summary>Days after a period's last day by which the employee files the realisation (default 5).</summary>
    [Range(0, 90)]
    public int RealisationDueDays { get; set; } = 5;

    /// <summary>Days after a period's last day by which the superior assesses it (default 10).</summary>
    [Range(0, 120)]
    public int AssessmentDueDays { get; set; } = 10;

    /// <summary>The region's evaluation period: <c>month</c> (default) or <c>quarter</c>; the board and the monitoring page
    /// show the last closed one unless a period is asked for.</summary>
    [RegularExpression("^(month|quarter)$", ErrorMessage = "Kinerja:Skp:EvaluationPeriod must be 'month' or 'quarter'.")]
    public string EvaluationPeriod { get; set; } = "month";
}
