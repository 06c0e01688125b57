using Kinerja.Rules.Engine;

namespace Kinerja.Rules.Hosting;

/// <summary>
/// The rule set in force in this process. A publish or reload builds a complete new
/// <see cref="CompiledRuleSet"/> first and then swaps this one reference, so a caller sees the old set
/// or the new one, never half of each. Read <see cref="Current"/> once per batch.
/// </summary>
/// <param name="time">The product's clock (stamps <see cref="LoadedAt"/>).</param>
public sealed class ActiveRuleSet(TimeProvider time)
{
    private CompiledRuleSet? _current;

    /// <summary>The set in force; null until the first load.</summary>
    public CompiledRuleSet? Current => Volatile.Read(ref _current);

    /// <summary>The last validation failure of a file-watch or reload (the active set stayed).</summary>
    public string? LastError { get; set; }

    /// <summary>When the set in force was swapped in, on the product's clock.</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>Raised after a swap (argument: the new set).</summary>
    public event Action<CompiledRuleSet>? Swapped;

    public void Swap(CompiledRuleSet set)
    {
        Volatile.Write(ref _current, set);
        LoadedAt = time.GetUtcNow();
        Swapped?.Invoke(set);
    }

    /// <summary>The current set or an exception saying rules are not loaded yet.</summary>
    public CompiledRuleSet Require() => Current ?? throw new InvalidOperationException("Rules are not loaded yet.");
}
