using Kinerja.Dashboard.Board.Cluster;
using Kinerja.Dashboard.Charts;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// The chart behind a <c>/charts/{id}</c> URL on any instance. The publishing instance answers from its
/// cache (it renders once per data version). Another instance — the load balancer may send a screen's
/// download anywhere — renders on demand from the committed data when its cache lacks the chart or holds
/// an older version than the URL's <c>v</c>, at most once per coalescing window per region.
/// </summary>
public sealed class BoardChartSource(ChartCache charts, BoardRegistry boards, IBoardData data, BoardPublisher publisher)
{
    public async Task<RenderedChart?> GetAsync(string chartId, long? version, CancellationToken ct)
    {
        var cached = charts.Get(chartId);
        if (cached is not null && (publisher.IsActive || version is null || version <= cached.Version))
        {
            return cached;
        }
        if (!TryGroup(chartId, out var group))
        {
            return cached;
        }
        var regionId = group.Kind == BoardGroupKind.Unit ? await data.RegionOfUnitAsync(group.Id, ct) : group.Id;
        if (regionId is null)
        {
            return cached;
        }
        await boards.Get(regionId).StateAsync(group, ct, unwatched: true);
        return charts.Get(chartId) ?? cached;
    }

    /// <summary>The group a chart id belongs to: <c>r.{region}.*</c>, <c>p.{region}.*</c>, <c>u.{unit}.*</c>.</summary>
    public static bool TryGroup(string chartId, out BoardGroup group)
    {
        group = default;
        var parts = chartId.Split('.', 3);
        if (parts.Length < 3)
        {
            return false;
        }
        var kind = parts[0] switch
        {
            "r" => "region",
            "p" => "public",
            "u" => "unit",
            _ => null,
        };
        return kind is not null && BoardGroup.TryParse(kind + ":" + parts[1], out group);
    }
}
