using System.Runtime.CompilerServices;
using Kinerja.Core.Domain;

namespace Kinerja.Core.Indicators;

/// <summary>
/// Stored indicator history for the rules' backtests, in the shape of <c>Kinerja.Rules.Backtest.ISnapshotSource</c>
/// (Core cannot reference Rules, so the host adapts it: <c>LoadAsync</c> and <c>LoadUnitsAsync</c> forward here).
/// One set-based query per period; snapshots stream out as each period completes.
/// </summary>
public sealed class IndicatorHistorySource(IIndicatorQueries queries)
{
    /// <summary>Every active employee's snapshot for each period key (<c>YYYY-MM</c>, <c>YYYY-Qn</c>, <c>YYYY</c>, <c>YYYY-MM-DD</c>).</summary>
    public async IAsyncEnumerable<IndicatorSnapshot> LoadAsync(IReadOnlyList<string> periods,
        [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var key in periods.Distinct(StringComparer.Ordinal))
        {
            foreach (var snapshot in await queries.EmployeesAsync(Parse(key), EmployeeFilter.All, ct))
            {
                yield return snapshot;
            }
        }
    }

    /// <summary>Every unit's predicate distribution and IKM for each period key.</summary>
    public async IAsyncEnumerable<UnitSnapshot> LoadUnitsAsync(IReadOnlyList<string> periods,
        [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var key in periods.Distinct(StringComparer.Ordinal))
        {
            foreach (var unit in await queries.UnitSnapshotsAsync(Parse(key), null, ct))
            {
                yield return unit;
            }
        }
    }

    private static Period Parse(string key) =>
        Period.TryParse(key, out var p) ? p : throw new ArgumentException($"'{key}' is not a period key.", nameof(key));
}
