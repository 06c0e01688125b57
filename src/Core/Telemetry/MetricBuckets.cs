namespace Kinerja.Core.Telemetry;

/// <summary>Histogram bucket boundaries shared by the product's meters (the exporter's defaults are for milliseconds).</summary>
public static class MetricBuckets
{
    /// <summary>Durations in seconds, 1 ms to 30 s: a recompute, a rule batch, a push, a render.</summary>
    public static readonly IReadOnlyList<double> Seconds =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30];
}
