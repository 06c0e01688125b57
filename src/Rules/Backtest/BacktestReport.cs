namespace Kinerja.Rules.Backtest;

/// <summary>
/// The difference a candidate rule set makes over stored history, against the active set: triggers
/// gained (candidate only), lost (active only) and changed (same subject/period/workflow/rule, other
/// code or kind), by code and by unit, the affected employees, and predicate changes.
/// </summary>
public sealed record BacktestReport
{
    public required IReadOnlyList<string> Periods { get; init; }
    public required int Snapshots { get; init; }
    public required int Subjects { get; init; }
    public required IReadOnlyDictionary<string, int> ActiveVersions { get; init; }
    public required IReadOnlyDictionary<string, int> CandidateVersions { get; init; }
    public required int ActiveTriggers { get; init; }
    public required int CandidateTriggers { get; init; }
    public required int Gained { get; init; }
    public required int Lost { get; init; }
    public required int Changed { get; init; }
    public required IReadOnlyList<CodeDelta> ByCode { get; init; }
    public required IReadOnlyList<UnitDelta> ByUnit { get; init; }
    public required int AffectedCount { get; init; }
    /// <summary>The first affected employees/units (up to the requested limit), sorted by subject.</summary>
    public required IReadOnlyList<SubjectDelta> Affected { get; init; }
    public required IReadOnlyList<PredikatDelta> PredikatChanges { get; init; }
    /// <summary>The same predicate changes per unit (employee snapshots of units; the rules console's per-unit chart).</summary>
    public IReadOnlyList<UnitPredikatDelta> PredikatChangesByUnit { get; init; } = [];
    public required int CandidateRuleErrors { get; init; }
    public required double LoadSeconds { get; init; }
    public required double EvaluateSeconds { get; init; }
}

public sealed record CodeDelta(string Workflow, string Code, string Kind, int Gained, int Lost, int Changed);

public sealed record UnitDelta(string UnitId, int Gained, int Lost, int Changed);

/// <summary>One subject's changes: entries like <c>2026-03 disiplin/TEGURAN_LISAN</c>.</summary>
public sealed record SubjectDelta(string Subject, string? UnitId, IReadOnlyList<string> Gained, IReadOnlyList<string> Lost, IReadOnlyList<string> Changed)
{
    /// <summary>The employee's name, filled in by the HR-only backtest API (<see cref="Api.RulesApi"/>), null elsewhere.</summary>
    public string? Name { get; init; }
}

public sealed record PredikatDelta(string? From, string? To, int Count);

public sealed record UnitPredikatDelta(string? UnitId, string? From, string? To, int Count);
