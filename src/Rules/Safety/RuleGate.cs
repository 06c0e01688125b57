using System.Collections.Concurrent;

namespace Kinerja.Rules.Safety;

/// <summary>A rule switched off for the rest of its version because it went over a budget.</summary>
public sealed record DisabledRule(string Workflow, int Version, string Rule, string Limit, string Reason, DateTimeOffset At);

/// <summary>
/// The per-workflow switch the compiled delegate reads at each rule's entry: a rule disabled here is skipped
/// (neither fires nor errs) for the rest of the compiled version. Shared by every thread evaluating the version.
/// </summary>
public sealed class RuleGate(int rules)
{
    private readonly bool[] _disabled = new bool[rules];
    private readonly ConcurrentDictionary<int, DisabledRule> _records = new();

    /// <summary>The rules disabled so far.</summary>
    public IReadOnlyCollection<DisabledRule> Disabled => _records.Values.OrderBy(d => d.At).ToArray();

    private bool _workflowDisabled;

    internal bool IsDisabled(int index) => Volatile.Read(ref _disabled[index]);

    /// <summary>True once the workflow's GlobalParams went over a budget: no rule of it runs for the rest of the version.</summary>
    public bool WorkflowDisabled => Volatile.Read(ref _workflowDisabled);

    internal void DisableWorkflow(DisabledRule record)
    {
        Volatile.Write(ref _workflowDisabled, true);
        _records.TryAdd(-1, record);
    }

    /// <summary>Disables rule <paramref name="index"/>; true when this call disabled it (the first time).</summary>
    internal bool Disable(int index, DisabledRule record)
    {
        Volatile.Write(ref _disabled[index], true);
        return _records.TryAdd(index, record);
    }
}
