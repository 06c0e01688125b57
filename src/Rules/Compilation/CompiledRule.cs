namespace Kinerja.Rules.Compilation;

/// <summary>A top-level rule of a compiled workflow with what Kinerja reads from its declaration.</summary>
public sealed class CompiledRule
{
    public required string Name { get; init; }
    public required int Index { get; init; }
    /// <summary>The rule's <c>SuccessEvent</c>, or its name when it has none.</summary>
    public required string Event { get; init; }
    /// <summary>Trigger kind from <c>Properties.kind</c>; null for rules that only set values.</summary>
    public string? Kind { get; init; }
    /// <summary>Value name from <c>Properties.sets</c>.</summary>
    public string? Sets { get; init; }
    /// <summary>Slot of <see cref="Sets"/> in the rule set's value table (-1 when none).</summary>
    public int SetsSlot { get; init; } = -1;
    /// <summary>The rule has an OnSuccess action (OutputExpression or EvaluateRule) whose output is its value.</summary>
    public bool HasOutput { get; init; }
    /// <summary>No output, or one of a type that cannot hold a reference to the snapshot (a number, a string, a date...).</summary>
    internal bool OutputIsPlainValue { get; init; } = true;
    /// <summary>A double or decimal output the delegate writes unboxed (<see cref="RuleScratch.Doubles"/>, <see cref="RuleScratch.Decimals"/>).</summary>
    internal Engine.OutputNumber Number { get; init; }
    public string? ActionText { get; init; }
    public string? Actor { get; init; }
    public string? Description { get; init; }
    /// <summary>Days the follow-up item of this rule's trigger is due in (<c>Properties.dueDays</c>); null for the kind's default.</summary>
    public int? DueDays { get; init; }
    /// <summary>Human-readable rule text: expression, nested children, local params.</summary>
    public required string Text { get; init; }
    /// <summary>The snapshot properties the rule reads (camelCase), for "why did I get this?".</summary>
    public required string[] Reads { get; init; }
    internal Func<object, object?>[] ReadGetters { get; init; } = [];

    // The last FiredRule built for this rule: most outputs are the same object every time (no output, a string
    // constant), so outcomes share one immutable record instead of allocating one per snapshot. Threads race on it
    // harmlessly (a lost write only costs an allocation).
    private Engine.FiredRule? _lastFired;

    // The rule's part of its FiredRule records in the last workflow it fired in (shared by them; threads race harmlessly).
    private Engine.FiredRuleHead? _firedHead;

    // The rule's part of its triggers in the last workflow version it fired in (shared by them; threads race harmlessly).
    private Engine.TriggerRule? _triggerRule;

    /// <summary>The fields this rule gives its triggers in <paramref name="workflow"/> version <paramref name="version"/> (one shared instance).</summary>
    internal Engine.TriggerRule TriggerRule(string workflow, int version)
    {
        var last = _triggerRule;
        if (last is not null && ReferenceEquals(last.Workflow, workflow) && last.Version == version)
        {
            return last;
        }
        var rule = new Engine.TriggerRule(Kind!, Event, workflow, version, Name, ActionText, Actor, DueDays, Description);
        _triggerRule = rule;
        return rule;
    }

    /// <summary>The record of this rule firing in <paramref name="workflow"/> with <paramref name="output"/>.</summary>
    internal Engine.FiredRule FiredWith(string workflow, object? output)
    {
        var last = _lastFired;
        if (last is not null && ReferenceEquals(last.Workflow, workflow)
            && (ReferenceEquals(last.Output, output) || (output is string s && last.Output is string t && string.Equals(s, t, StringComparison.Ordinal))))
        {
            return last;
        }
        var head = _firedHead;
        if (head is null || !ReferenceEquals(head.Workflow, workflow))
        {
            _firedHead = head = new Engine.FiredRuleHead(workflow, Name, Event);
        }
        var fired = new Engine.FiredRule(head, output);
        _lastFired = fired;
        return fired;
    }
}
