using Kinerja.Rules.Engine;

namespace Kinerja.Rules.Hosting;

/// <summary>
/// The rule set in force in this process. A publish or reload builds a complete new
/// <see cref="CompiledRuleSet"/> first and then swaps this one reference, so a caller sees the old set
/// or the new one, never half of each. Read <see cref="Current"/> once per batch.
/// </summary>
public sealed class ActiveRuleSet
{
    private CompiledRuleSet? _current;

    /// <summary>The set in force; null until the first load.</summary>
    public CompiledRuleSet? Current => Volatile.Read(ref _current);

    /// <summary>The last validation failure of a file-watch or reload (the active set stayed).</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>Raised after a swap (argument: the new set).</summary>
    public event Action<CompiledRuleSet>? Swapped;

    public void Swap(CompiledRuleSet set)
    {
        Volatile.Write(ref _current, set);
        LoadedAt = DateTimeOffset.UtcNow;
        Swapped?.Invoke(set);
    }

    /// <summary>The current set or an exception saying rules are not loaded yet.</summary>
    public CompiledRuleSet Require() => Current ?? throw new InvalidOperationException("Rules are not loaded yet.");
}
