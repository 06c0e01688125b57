namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// Raised by <see cref="LiveIndicators"/> after it recomputed subjects of one region: consumers
/// (dashboard groups, rules) recompute only what is named. <see cref="Full"/> means every subject of
/// the region changed (load, local-midnight rollover, reference data change).
/// </summary>
/// <param name="RegionId">The region whose current-month snapshots changed.</param>
/// <param name="Period">The region's current month key (<c>YYYY-MM</c>).</param>
/// <param name="UnitIds">Units whose figures changed (units of the changed employees plus units named by the feed).</param>
/// <param name="Nips">Employees whose snapshots were recomputed (empty when <see cref="Full"/>).</param>
/// <param name="Version">
/// The region's data version after the change: it increases when, and only when, the region's figures changed, so a
/// change that re-read equal figures carries the version before it.
/// </param>
/// <param name="Full">True when the whole region was recomputed.</param>
/// <remarks>
/// <see cref="LevelsOnly"/> changes carry only levels the rules stored (<c>kinerja_levels</c>): screens redraw,
/// the rules do not evaluate them again (their own output is not a new input).
/// </remarks>
public sealed record IndicatorsChanged(
    string RegionId,
    string Period,
    IReadOnlyList<string> UnitIds,
    IReadOnlyList<string> Nips,
    long Version,
    bool Full)
{
    /// <summary>True when only the rules' leveled values (their own output) moved; no input did.</summary>
    public bool LevelsOnly { get; init; }
}
