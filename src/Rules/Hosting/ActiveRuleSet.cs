using Kinerja.Rules.Engine;

namespace Kinerja.Rules.Hosting;

/// <summary>
/// The rules in force in this process, as a <see cref="RuleSchedule"/>: which compiled set evaluates which period. A
/// publish or reload builds a complete new schedule first and then swaps this one reference, so a caller sees the old
/// schedule or the new one, never half of each. Read <see cref="Schedule"/> once per batch and pick the set of each
/// period with <see cref="RuleSchedule.For"/>.
/// </summary>
/// <param name="time">The product's clock (stamps <see cref="LoadedAt"/>).</param>
public sealed class ActiveRuleSet(TimeProvider time)
{
    private RuleSchedule? _schedule;

    /// <summary>The schedule in force; null until the first load.</summary>
    public RuleSchedule? Schedule => Volatile.Read(ref _schedule);

    /// <summary>The newest published version of every workflow (<see cref="RuleSchedule.Latest"/>); null until the first load.</summary>
    public CompiledRuleSet? Current => Schedule?.Latest;

    /// <summary>The last validation failure of a file-watch or reload (the active set stayed).</summary>
    public string? LastError { get; set; }

    /// <summary>When the schedule in force was swapped in, on the product's clock.</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>Raised after a swap (argument: the new <see cref="Current"/>).</summary>
    public event Action<CompiledRuleSet>? Swapped;

    /// <summary>Puts one set in force for every period.</summary>
    public void Swap(CompiledRuleSet set) => Swap(RuleSchedule.Single(set));

    public void Swap(RuleSchedule schedule)
    {
        Volatile.Write(ref _schedule, schedule);
        LoadedAt = time.GetUtcNow();
        Swapped?.Invoke(schedule.Latest);
    }

    /// <summary>The newest set or an exception saying rules are not loaded yet.</summary>
    public CompiledRuleSet Require() => Current ?? throw new InvalidOperationException("Rules are not loaded yet.");

    /// <summary>The schedule or an exception saying rules are not loaded yet.</summary>
    public RuleSchedule RequireSchedule() => Schedule ?? throw new InvalidOperationException("Rules are not loaded yet.");
}
