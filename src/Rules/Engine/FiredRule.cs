namespace Kinerja.Rules.Engine;

/// <summary>A top-level rule that succeeded: its event and its OnSuccess output (if any).</summary>
public sealed record FiredRule
{
    // Workflow, Rule and Event live in one object shared by the records of one compiled rule (issue 22: a rule whose
    // output differs per snapshot, like the TPP figures, costs 32 bytes per snapshot instead of 48); setting one of them
    // in an initializer or a `with` gives this record its own copy. Equality and printing are still field by field.
    private FiredRuleHead _head;

    public FiredRule(string Workflow, string Rule, string Event, object? Output)
    {
        _head = new FiredRuleHead(Workflow, Rule, Event);
        this.Output = Output;
    }

    /// <summary>A record of the rule <paramref name="head"/> names (shared) with this snapshot's <paramref name="output"/>.</summary>
    internal FiredRule(FiredRuleHead head, object? output)
    {
        _head = head;
        Output = output;
    }

    public string Workflow { get => _head.Workflow; init => _head = _head with { Workflow = value }; }
    public string Rule { get => _head.Rule; init => _head = _head with { Rule = value }; }
    public string Event { get => _head.Event; init => _head = _head with { Event = value }; }
    public object? Output { get; init; }

    public void Deconstruct(out string Workflow, out string Rule, out string Event, out object? Output)
    {
        Workflow = this.Workflow;
        Rule = this.Rule;
        Event = this.Event;
        Output = this.Output;
    }
}

/// <summary>The fields of a <see cref="FiredRule"/> that come from its compiled rule and workflow (one shared instance).</summary>
internal sealed record FiredRuleHead(string Workflow, string Rule, string Event);
