using System.Collections.Concurrent;
using Kinerja.Dashboard.Board;

namespace Kinerja.Dashboard.Charts;

/// <summary>
/// A chart rendered from the inputs of <paramref name="key"/>, stamped <paramref name="version"/> for screens and URLs
/// (increasing per chart). The PNG is made on first download, once per version.
/// </summary>
public sealed class RenderedChart(ChartSpec spec, long version, ChartKey key, string svg)
{
    private readonly Lazy<byte[]> _png = new(() => ChartRenderer.Png(spec), LazyThreadSafetyMode.ExecutionAndPublication);

    public ChartSpec Spec { get; } = spec;
    public long Version { get; } = version;
    /// <summary>The inputs this rendering shows: a later request with the same or an older key is served from it.</summary>
    public ChartKey Key { get; } = key;
    public string Svg { get; } = svg;
    public string ETag => $"\"{Spec.ChartId}-{Version}\"";
    public bool PngRendered => _png.IsValueCreated;

    public byte[] Png => _png.Value;
}

/// <summary>
/// The latest rendering of every chart, keyed by chart id. A chart is rendered only when its inputs moved on
/// (<see cref="ChartKey"/>: the live model's version of the figure family it draws, plus the trigger generation for a chart
/// that counts triggers), so the number of renders follows those versions, never the number of screens; a family's
/// version moves only when its figures do, so no content is compared here. Renders are serialised: ScottPlot work is CPU-bound and a <c>Plot</c> is not shared. Each
/// render runs on a thread of its own, never on a thread-pool worker: a render takes tens of milliseconds of
/// CPU (hundreds on a busy machine), and holding a worker that long on a 2-core host delays every other
/// region's flush, SignalR send and HTTP request queued behind it.
/// </summary>
public sealed class ChartCache(ILogger<ChartCache> logger, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, RenderedChart> _charts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _render = new(1, 1);
    private long _svgRenders, _pngRenders;

    /// <summary>SVG renders since start (one per chart per changed version of its figure family).</summary>
    public long SvgRenders => Interlocked.Read(ref _svgRenders);

    public long PngRenders => Interlocked.Read(ref _pngRenders);

    /// <summary>Durations of the SVG renders (off the thread pool, see the class remarks).</summary>
    public StageTiming RenderTimes { get; } = new();

    public RenderedChart? Get(string chartId) => _charts.GetValueOrDefault(chartId);

    /// <summary>
    /// The chart for <paramref name="spec"/>: the cached one when it was rendered from the inputs of <paramref name="key"/>
    /// or later ones, otherwise rendered now and stamped <paramref name="key"/>'s data version (or one more than the
    /// cached version, so a chart's version never goes back).
    /// </summary>
    public async Task<RenderedChart> GetOrRenderAsync(ChartSpec spec, ChartKey key, CancellationToken ct)
    {
        if (_charts.TryGetValue(spec.ChartId, out var cached) && key.IsCoveredBy(cached.Key))
        {
            return cached;
        }
        await _render.WaitAsync(ct);
        try
        {
            if (_charts.TryGetValue(spec.ChartId, out cached) && key.IsCoveredBy(cached.Key))
            {
                return cached;
            }
            var started = time.GetTimestamp();
            var svg = await Task.Factory.StartNew(() => ChartRenderer.Svg(spec), ct, TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            var elapsed = time.GetElapsedTime(started);
            RenderTimes.Add(elapsed);
            ChartMetrics.Rendered(ChartMetrics.Svg, elapsed);
            Interlocked.Increment(ref _svgRenders);
            var rendered = new RenderedChart(spec, Math.Max(key.DataVersion, (cached?.Version ?? 0) + 1), key, svg);
            _charts[spec.ChartId] = rendered;
            return rendered;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Rendering chart {ChartId} failed", spec.ChartId);
            throw;
        }
        finally
        {
            _render.Release();
        }
    }

    /// <summary>The PNG of a cached chart, rendered on first request of its version.</summary>
    public byte[] Png(RenderedChart chart)
    {
        if (!chart.PngRendered)
        {
            Interlocked.Increment(ref _pngRenders);
            var started = time.GetTimestamp();
            var png = chart.Png;
            ChartMetrics.Rendered(ChartMetrics.Png, time.GetElapsedTime(started));
            return png;
        }
        return chart.Png;
    }
}

/// <summary>What a chart is drawn from: the version of the data it draws and, for a chart of trigger counts, the trigger generation.</summary>
/// <param name="DataVersion">
/// The live model's version of the figures the chart draws (equal versions, equal figures): the version of the chart's
/// <see cref="Kinerja.Core.Indicators.FigureFamily"/>, the region's
/// (<see cref="Kinerja.Core.Indicators.RegionIndicators.Families"/>) for region and public charts and the unit's
/// (<see cref="Kinerja.Core.Indicators.RegionIndicators.UnitFamilies"/>) for a unit's charts, so more minutes do not redraw
/// the attendance chart and a change in one unit redraws no other unit's.
/// </param>
/// <param name="Triggers">
/// How many trigger changes of the region had been announced before its inputs were read (0 for charts that show no
/// triggers); triggers are rule outputs, not figures, so they do not move the data version.
/// </param>
public readonly record struct ChartKey(long DataVersion, long Triggers = 0)
{
    /// <summary>True when a rendering from <paramref name="rendered"/> already shows these inputs (it is as new or newer in both).</summary>
    public bool IsCoveredBy(ChartKey rendered) => rendered.DataVersion >= DataVersion && rendered.Triggers >= Triggers;
}
