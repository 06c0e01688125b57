using Kinerja.Core.Indicators;
using Kinerja.Rules.Backtest;

namespace Kinerja.Rules.Tests;

/// <summary>An <see cref="ISnapshotSource"/> over snapshots held in memory (tests and the rules benchmark, which links this file).</summary>
public sealed class InMemorySnapshotSource(IEnumerable<IndicatorSnapshot> snapshots, IEnumerable<UnitSnapshot>? units = null) : ISnapshotSource
{
    private readonly IndicatorSnapshot[] _snapshots = snapshots.ToArray();
    private readonly UnitSnapshot[] _units = units?.ToArray() ?? [];

    public async IAsyncEnumerable<IndicatorSnapshot> LoadAsync(IReadOnlyList<string> periods,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var wanted = periods.ToHashSet(StringComparer.Ordinal);
        foreach (var s in _snapshots)
        {
            ct.ThrowIfCancellationRequested();
            if (wanted.Contains(s.Period))
            {
                yield return s;
            }
        }
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<UnitSnapshot> LoadUnitsAsync(IReadOnlyList<string> periods,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var wanted = periods.ToHashSet(StringComparer.Ordinal);
        foreach (var u in _units.Where(u => wanted.Contains(u.Period)))
        {
            yield return u;
        }
        await Task.CompletedTask;
    }
}
