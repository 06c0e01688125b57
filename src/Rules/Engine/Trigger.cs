namespace Kinerja.Rules.Engine;

/// <summary>
/// What a rule decided about a subject: <c>{ kind, code, subject, period, workflow, version, rule, inputs }</c>.
/// <see cref="Inputs"/> holds the snapshot values the rule read (camelCase names), so "why did I get
/// this?" has an answer together with the rule text of <see cref="Version"/>.
/// </summary>
public sealed record Trigger
{
    public required string Kind { get; init; }
    public required string Code { get; init; }
    /// <summary>NIP for employee triggers, unit id for unit (calibration) triggers.</summary>
    public required string Subject { get; init; }
    public required bool IsUnit { get; init; }
    public required string Period { get; init; }
    public required string Workflow { get; init; }
    public required int Version { get; init; }
    public required string Rule { get; init; }
    public required IReadOnlyDictionary<string, object?> Inputs { get; init; }
    public string? UnitId { get; init; }
    public string? RegionId { get; init; }
    /// <summary>What to do and who must act (<c>Properties.action</c>, <c>Properties.actor</c>).</summary>
    public string? Action { get; init; }
    public string? Actor { get; init; }
    /// <summary>Days its follow-up item is due in (<c>Properties.dueDays</c>); null for the kind's default.</summary>
    public int? DueDays { get; init; }
    /// <summary>The rule's <c>Properties.description</c>.</summary>
    public string? Description { get; init; }
}

/// <summary>A rule that threw while evaluating; the other rules still ran.</summary>
public sealed record RuleError(string Workflow, int Version, string Rule, string Message);

/// <summary>A top-level rule that succeeded: its event and its OnSuccess output (if any).</summary>
public sealed record FiredRule(string Workflow, string Rule, string Event, object? Output);
