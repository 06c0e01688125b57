namespace Kinerja.Core.Skp;

/// <summary>
/// One realisation as filed (<c>POST /api/v1/me/skp/realisations</c>): what the employee achieved on an indicator in an
/// evaluation period, numeric (<see cref="Value"/>) for an indicator with a numeric target or text for a qualitative one.
/// </summary>
public sealed record RealisationItem(string EventId, long IndicatorId, string Period, decimal? Value, string? Text, string? Note,
    string? EvidenceUrl);

/// <summary>One assessment as filed (<c>POST /api/v1/team/skp/assessments</c>): the superior's level for an RHK of a report in a period.</summary>
public sealed record AssessmentItem(string EventId, string Nip, long RhkId, string Period, string Level, string? Feedback);

/// <summary>One item of a batch body: its position, the event id as sent, and the item or why it cannot be read.</summary>
public sealed record SkpBatchItem<T>(int Index, string? EventId, T? Item, IReadOnlyList<SkpFieldError> Errors) where T : class;
