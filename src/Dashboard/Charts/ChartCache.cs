using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Kinerja.Dashboard.Board;

namespace Kinerja.Dashboard.Charts;

/// <summary>A chart rendered at a data version. The PNG is made on first download, once per version.</summary>
public sealed class RenderedChart(ChartSpec spec, long version, string hash, string svg)
{
    private readonly Lazy<byte[]> _png = new(() => ChartRenderer.Png(spec), LazyThreadSafetyMode.ExecutionAndPublication);

    public ChartSpec Spec { get; } = spec;
    public long Version { get; } = version;
    public string Hash { get; } = hash;
    public string Svg { get; } = svg;
    public string ETag => $"\"{Spec.ChartId}-{Version}\"";
    public bool PngRendered => _png.IsValueCreated;

    public byte[] Png => _png.Value;
}

/// <summary>
/// The latest rendering of every chart, keyed by chart id. A chart is rendered only when its data
/// changed (content hash), so the number of renders follows data versions, never the number of
/// screens. Renders are serialised: ScottPlot work is CPU-bound and a <c>Plot</c> is not shared. Each
/// render runs on a thread of its own, never on a thread-pool worker: a render takes tens of milliseconds of
/// CPU (hundreds on a busy machine), and holding a worker that long on a 2-core host delays every other
/// region's flush, SignalR send and HTTP request queued behind it.
/// </summary>
public sealed class ChartCache(ILogger<ChartCache> logger, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
    private readonly ConcurrentDictionary<string, RenderedChart> _charts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _render = new(1, 1);
    private long _svgRenders, _pngRenders;

    /// <summary>SVG renders since start (one per chart per changed data version).</summary>
    public long SvgRenders => Interlocked.Read(ref _svgRenders);

    public long PngRenders => Interlocked.Read(ref _pngRenders);

    /// <summary>Durations of the SVG renders (off the thread pool, see the class remarks).</summary>
    public StageTiming RenderTimes { get; } = new();

    public RenderedChart? Get(string chartId) => _charts.GetValueOrDefault(chartId);

    /// <summary>
    /// The chart for <paramref name="spec"/>: the cached one when its content is unchanged
    /// (<paramref name="changed"/> = false), otherwise rendered now and stamped <paramref name="version"/>.
    /// </summary>
    public async Task<RenderedChart> GetOrRenderAsync(ChartSpec spec, long version, CancellationToken ct)
    {
        var hash = Hash(spec);
        if (_charts.TryGetValue(spec.ChartId, out var cached) && cached.Hash == hash)
        {
            return cached;
        }
        await _render.WaitAsync(ct);
        try
        {
            if (_charts.TryGetValue(spec.ChartId, out cached) && cached.Hash == hash)
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
            var rendered = new RenderedChart(spec, Math.Max(version, (cached?.Version ?? 0) + 1), hash, svg);
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

    private static string Hash(ChartSpec spec) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(spec, spec.GetType(), Json)));
}
