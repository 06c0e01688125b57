namespace Kinerja.Rules.Model;

/// <summary>How much a <see cref="RuleIssue"/> matters.</summary>
public enum RuleIssueSeverity
{
    /// <summary>The rule set does not validate; nothing is published.</summary>
    Error,

    /// <summary>
    /// The rule set validates, but a construct means something different here than in Microsoft RulesEngine
    /// (rules/README.md, "Differences from RulesEngine"); the user is told at the rule.
    /// </summary>
    Note,
}

/// <summary>One validation problem (or note): where it is (file, workflow, rule) and why.</summary>
public sealed record RuleIssue(string File, string? Workflow, string? Rule, string Reason)
{
    /// <summary><see cref="RuleIssueSeverity.Error"/> unless the issue is a note about a difference from RulesEngine.</summary>
    public RuleIssueSeverity Severity { get; init; } = RuleIssueSeverity.Error;

    /// <summary>True for an error (the set is rejected), false for a note.</summary>
    public bool IsError => Severity == RuleIssueSeverity.Error;

    /// <summary>A note (not an error) at a rule or workflow.</summary>
    public static RuleIssue Note(string file, string? workflow, string? rule, string reason) =>
        new(file, workflow, rule, reason) { Severity = RuleIssueSeverity.Note };

    public override string ToString()
    {
        var where = File;
        if (Workflow is not null)
        {
            where += $": workflow '{Workflow}'";
        }
        if (Rule is not null)
        {
            where += $", rule '{Rule}'";
        }
        return IsError ? $"{where}: {Reason}" : $"note: {where}: {Reason}";
    }
}

/// <summary>Thrown when a rule set does not validate; carries every issue found.</summary>
public sealed class RuleValidationFailedException(IReadOnlyList<RuleIssue> issues)
    : Exception("Rules failed validation:" + Environment.NewLine + string.Join(Environment.NewLine, issues))
{
    public IReadOnlyList<RuleIssue> Issues { get; } = issues;
}
