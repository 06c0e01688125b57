namespace Kinerja.Rules.Store;

/// <summary>A trigger row as stored (<c>trigger</c>), with the explanation of the rule that fired it.</summary>
public sealed record StoredTrigger
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Code { get; init; } = "";
    public string? Nip { get; init; }
    public string? UnitId { get; init; }
    public string? RegionId { get; init; }
    public string Period { get; init; } = "";
    public string Workflow { get; init; } = "";
    public int Version { get; init; }
    public string Rule { get; init; } = "";
    /// <summary>The snapshot values the rule read when it fired (JSON object).</summary>
    public string Inputs { get; init; } = "{}";
    public DateTime FiredAt { get; init; }
    /// <summary>"Why": the rule's text and description in the version that fired (filled by queries that explain).</summary>
    public RuleExplanation? Explanation { get; init; }
}

/// <summary>The rule behind a trigger, from the stored workflow version.</summary>
public sealed record RuleExplanation(string? Expression, string? Description, string? Action, string? Actor);
