namespace Kinerja.Dashboard.FollowUp;

/// <summary>A <c>followup</c> row with its names, as the reads load it.</summary>
internal sealed class FollowUpRow
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Code { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Nip { get; init; }
    public string? Name { get; init; }
    public string UnitId { get; init; } = "";
    public string UnitName { get; init; } = "";
    public string RegionId { get; init; } = "";
    public string Period { get; init; } = "";
    public string State { get; init; } = "";
    public DateOnly DueDate { get; init; }
    public bool Overdue { get; init; }
    public string Actor { get; init; } = "";
    public string? AssigneeNip { get; init; }
    public string? AssigneeName { get; init; }
    public string? EvidenceUrl { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? DoneAt { get; init; }
}
