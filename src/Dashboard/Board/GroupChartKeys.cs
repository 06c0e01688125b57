using Kinerja.Core.Indicators;
using Kinerja.Dashboard.Charts;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// The keys of one group's charts: each chart keys on the version of the figure family it draws, the region's
/// (<see cref="RegionIndicators.Families"/>) for region and public charts, the unit's own
/// (<see cref="RegionIndicators.UnitFamilies"/>) for a unit's charts, so a chart is drawn again only when its own
/// figures changed. Figures not from the live model carry no family versions: their charts key on the data version.
/// </summary>
internal readonly struct GroupChartKeys(RegionIndicators region, BoardGroup group, long version, long triggers)
{
    private readonly FamilyVersions? _families = group.Kind == BoardGroupKind.Unit
        ? region.UnitFamilies.GetValueOrDefault(group.Id)
        : region.Families;

    public ChartKey Of(ChartSpec spec, FigureFamily family) => new(
        _families is null || ReferenceEquals(_families, FamilyVersions.None) ? version : _families.Of(family),
        spec is TriggerCountsSpec ? triggers : 0);
}
