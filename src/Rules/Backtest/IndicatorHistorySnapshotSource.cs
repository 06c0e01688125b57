using Kinerja.Core.Indicators;

namespace Kinerja.Rules.Backtest;

/// <summary>Adapts Core's <see cref="IndicatorHistorySource"/> (stored indicator history) to <see cref="ISnapshotSource"/>.</summary>
public sealed class IndicatorHistorySnapshotSource(IndicatorHistorySource history) : ISnapshotSource
{
    public IAsyncEnumerable<IndicatorSnapshot> LoadAsync(IReadOnlyList<string> periods, CancellationToken ct) =>
        history.LoadAsync(periods, ct);

    public IAsyncEnumerable<UnitSnapshot> LoadUnitsAsync(IReadOnlyList<string> periods, CancellationToken ct) =>
        history.LoadUnitsAsync(periods, ct);
}
