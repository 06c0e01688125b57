namespace Kinerja.Rules.Engine;

/// <summary>
/// What a rule decided about a subject: <c>{ kind, code, subject, period, workflow, version, rule, inputs }</c>.
/// <see cref="Inputs"/> holds the snapshot values the rule read (camelCase names), so "why did I get
/// this?" has an answer together with the rule text of <see cref="Version"/>.
/// </summary>
public sealed record Trigger
{
    // Kind, Code, Workflow, Version, Rule, Action, Actor, DueDays and Description live in one object shared by the
    // triggers of one compiled rule (issue 22: a trigger is about half its former size); setting one of them in an
    // initializer or a `with` gives this trigger its own copy.
    private TriggerRule _rule = TriggerRule.Unset;

    public Trigger()
    {
    }

    /// <summary>A trigger of <paramref name="rule"/> (shared) about one subject.</summary>
    // Kind, Code, Workflow and Rule have no field of their own: they read the (non-null) rule set here
#pragma warning disable CS8618
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    internal Trigger(TriggerRule rule, string subject, bool isUnit, string period, IReadOnlyDictionary<string, object?> inputs,
        string? unitId, string? regionId)
    {
        _rule = rule;
        Subject = subject;
        IsUnit = isUnit;
        Period = period;
        Inputs = inputs;
        UnitId = unitId;
        RegionId = regionId;
    }
#pragma warning restore CS8618

    public required string Kind { get => _rule.Kind; init => _rule = _rule with { Kind = value }; }
    public required string Code { get => _rule.Code; init => _rule = _rule with { Code = value }; }
    /// <summary>NIP for employee triggers, unit id for unit (calibration) triggers.</summary>
    public required string Subject { get; init; }
    public required bool IsUnit { get; init; }
    public required string Period { get; init; }
    public required string Workflow { get => _rule.Workflow; init => _rule = _rule with { Workflow = value }; }
    public required int Version { get => _rule.Version; init => _rule = _rule with { Version = value }; }
    public required string Rule { get => _rule.Rule; init => _rule = _rule with { Rule = value }; }
    public required IReadOnlyDictionary<string, object?> Inputs { get; init; }
    public string? UnitId { get; init; }
    public string? RegionId { get; init; }
    /// <summary>What to do and who must act (<c>Properties.action</c>, <c>Properties.actor</c>).</summary>
    public string? Action { get => _rule.Action; init => _rule = _rule with { Action = value }; }
    public string? Actor { get => _rule.Actor; init => _rule = _rule with { Actor = value }; }
    /// <summary>Days its follow-up item is due in (<c>Properties.dueDays</c>); null for the kind's default.</summary>
    public int? DueDays { get => _rule.DueDays; init => _rule = _rule with { DueDays = value }; }
    /// <summary>The rule's <c>Properties.description</c>.</summary>
    public string? Description { get => _rule.Description; init => _rule = _rule with { Description = value }; }
}

/// <summary>A rule that threw while evaluating; the other rules still ran.</summary>
public sealed record RuleError(string Workflow, int Version, string Rule, string Message);
