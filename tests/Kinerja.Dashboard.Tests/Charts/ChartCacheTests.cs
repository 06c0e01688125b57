using Kinerja.Dashboard.Charts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Dashboard.Tests.Charts;

/// <summary>
/// The chart cache renders a chart once per data version (and per trigger generation for trigger counts), without
/// comparing content, and a chart's version never goes back.
/// </summary>
public sealed class ChartCacheTests
{
    private static readonly IkmTrendSpec Ikm = new("r.uji.ikm", "IKM per bulan", ["Okt 26", "Nov 26"], [82.5, 84]);

    private static readonly TriggerCountsSpec Triggers = new("r.uji.tindak-lanjut", "Tindak lanjut", ["Nov 26"], [1], [2], [0]);

    private readonly ChartCache _cache = new(NullLogger<ChartCache>.Instance, TimeProvider.System);

    [Fact]
    public async Task GetOrRender_SameOrOlderDataVersion_ServesTheRenderedChart()
    {
        var first = await _cache.GetOrRenderAsync(Ikm, new ChartKey(1000), CancellationToken.None);
        var again = await _cache.GetOrRenderAsync(Ikm, new ChartKey(1000), CancellationToken.None);
        var older = await _cache.GetOrRenderAsync(Ikm with { Values = [1, 2] }, new ChartKey(999), CancellationToken.None);

        Assert.Same(first, again);
        Assert.Same(first, older); // a pass that read older figures never replaces a newer rendering
        Assert.Equal((1000, 1), (first.Version, _cache.SvgRenders));
    }

    [Fact]
    public async Task GetOrRender_NewerDataVersion_RendersStampedWithIt()
    {
        await _cache.GetOrRenderAsync(Ikm, new ChartKey(1000), CancellationToken.None);

        var next = await _cache.GetOrRenderAsync(Ikm with { Values = [82.5, 90] }, new ChartKey(1500), CancellationToken.None);

        Assert.Equal((1500, 2), (next.Version, _cache.SvgRenders));
        Assert.Same(next, _cache.Get(Ikm.ChartId));
    }

    [Fact]
    public async Task GetOrRender_NewTriggerGenerationAtTheSameDataVersion_RendersWithTheNextVersion()
    {
        var first = await _cache.GetOrRenderAsync(Triggers, new ChartKey(1000, 3), CancellationToken.None);

        var redrawn = await _cache.GetOrRenderAsync(Triggers with { Rewards = [2] }, new ChartKey(1000, 4), CancellationToken.None);
        var unread = await _cache.GetOrRenderAsync(Triggers with { Rewards = [] }, new ChartKey(1000, -1), CancellationToken.None);

        Assert.Equal(1000, first.Version);
        Assert.Equal(1001, redrawn.Version); // same figures, new triggers: screens still see a newer chart
        Assert.Same(redrawn, unread);
        Assert.Equal(2, _cache.SvgRenders);
    }
}
