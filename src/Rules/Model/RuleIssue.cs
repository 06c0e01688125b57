namespace Kinerja.Rules.Model;

/// <summary>One validation problem: where it is (file, workflow, rule) and why.</summary>
public sealed record RuleIssue(string File, string? Workflow, string? Rule, string Reason)
{
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
        return $"{where}: {Reason}";
    }
}

/// <summary>Thrown when a rule set does not validate; carries every issue found.</summary>
public sealed class RuleValidationFailedException(IReadOnlyList<RuleIssue> issues)
    : Exception("Rules failed validation:" + Environment.NewLine + string.Join(Environment.NewLine, issues))
{
    public IReadOnlyList<RuleIssue> Issues { get; } = issues;
}
