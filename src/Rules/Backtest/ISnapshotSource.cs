using Kinerja.Core.Indicators;

namespace Kinerja.Rules.Backtest;

/// <summary>
/// Stored indicator history for backtests, implemented by the indicators layer (Core). For each period
/// key (<c>YYYY-MM</c>, <c>YYYY-Qn</c>, <c>YYYY</c>) it yields one <see cref="IndicatorSnapshot"/> per
/// employee as of the end of that period, with the history features (<c>PreviousPredikat</c>,
/// <c>Periods*</c>) as stored. Order does not matter (the backtester groups by period); snapshots of
/// periods not asked for are ignored. Implementations should stream (one query per period is fine):
/// the target is 12 months × 10,000 employees, loading included, in 10 s.
/// </summary>
public interface ISnapshotSource
{
    IAsyncEnumerable<IndicatorSnapshot> LoadAsync(IReadOnlyList<string> periods, CancellationToken ct);

    /// <summary>Unit snapshots (predicate distributions) for the periods; none by default.</summary>
    IAsyncEnumerable<UnitSnapshot> LoadUnitsAsync(IReadOnlyList<string> periods, CancellationToken ct) =>
        AsyncEnumerable.Empty<UnitSnapshot>();
}
