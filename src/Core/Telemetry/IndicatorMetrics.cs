using System.Diagnostics.Metrics;

namespace Kinerja.Core.Telemetry;

/// <summary>
/// Meter <c>Kinerja.Indicators</c>: the live indicators' recomputes. Tags carry only the kind of recompute, never a
/// region, unit or person.
/// </summary>
public static class IndicatorMetrics
{
    public const string MeterName = "Kinerja.Indicators";

    /// <summary>Tag value of a recompute of the employees a change names.</summary>
    public const string Incremental = "incremental";

    /// <summary>Tag value of a load of whole regions (start, local midnight, a region-only change).</summary>
    public const string Full = "full";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "kinerja.indicators.recompute.duration", "s",
        "Time of one recompute of the live indicators (reads plus in-memory apply), by kind (incremental, full).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MetricBuckets.Seconds });

    private static readonly Counter<long> Employees = Meter.CreateCounter<long>(
        "kinerja.indicators.recompute.employees", "{employee}",
        "Employees recomputed by the live indicators, by kind (incremental, full).");

    /// <summary>Records one recompute of <paramref name="employees"/> employees.</summary>
    public static void Recomputed(string kind, int employees, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        Duration.Record(elapsed.TotalSeconds, tag);
        Employees.Add(employees, tag);
    }
}
