namespace Kinerja.Rules.Safety;

/// <summary>
/// A rule went over an evaluation budget (time or allocation per snapshot or batch, or the length of a string it
/// builds). Thrown inside the rule, recorded as the rule's error, and the rule is disabled for its version.
/// </summary>
public sealed class RuleBudgetExceededException(string limit, string message) : Exception(message)
{
    /// <summary>The setting whose limit was exceeded (e.g. <c>SnapshotTimeBudgetMs</c>).</summary>
    public string Limit { get; } = limit;
}
