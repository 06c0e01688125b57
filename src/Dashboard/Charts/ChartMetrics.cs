using System.Diagnostics.Metrics;
using Kinerja.Core.Telemetry;

namespace Kinerja.Dashboard.Charts;

/// <summary>
/// Meter <c>Kinerja.Charts</c>: chart renders and their time, by format (<c>svg</c> for screens, <c>png</c> for
/// downloads). Renders follow data versions, never the number of screens, so the rate stays flat as screens grow.
/// </summary>
public static class ChartMetrics
{
    public const string MeterName = "Kinerja.Charts";

    public const string Svg = "svg";

    public const string Png = "png";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Renders = Meter.CreateCounter<long>(
        "kinerja.charts.renders", "{render}", "Chart renders, by format (svg, png).");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "kinerja.charts.render.duration", "s", "Time of one chart render, by format (svg, png).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MetricBuckets.Seconds });

    /// <summary>Records one render in <paramref name="format"/> that took <paramref name="elapsed"/>.</summary>
    public static void Rendered(string format, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("format", format);
        Renders.Add(1, tag);
        Duration.Record(elapsed.TotalSeconds, tag);
    }
}
