using System.Diagnostics.Metrics;
using Kinerja.Core.Telemetry;
using Kinerja.Rules.Store;

namespace Kinerja.Rules.Telemetry;

/// <summary>
/// Meter <c>Kinerja.Rules</c>: rule evaluation time and the triggers it raises. Tags name a workflow and a trigger kind
/// (<c>REWARD</c>, <c>SANCTION</c>, ...) only: never the subject, its NIP, unit or region.
/// </summary>
public static class RulesMetrics
{
    public const string MeterName = "Kinerja.Rules";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "kinerja.rules.evaluation.duration", "s",
        "Time of one evaluation batch through the active rule set (employee and unit snapshots), before storing.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MetricBuckets.Seconds });

    private static readonly Counter<long> Snapshots = Meter.CreateCounter<long>(
        "kinerja.rules.snapshots", "{snapshot}", "Snapshots evaluated, by subject (employee, unit).");

    private static readonly Counter<long> Triggers = Meter.CreateCounter<long>(
        "kinerja.rules.triggers", "{trigger}", "Triggers stored for the first time, by workflow and kind.");

    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "kinerja.rules.errors", "{error}", "Rules that threw while evaluating a snapshot, by workflow.");

    /// <summary>Records one evaluation batch of <paramref name="employees"/> and <paramref name="units"/> snapshots.</summary>
    public static void Evaluated(int employees, int units, TimeSpan elapsed)
    {
        Duration.Record(elapsed.TotalSeconds);
        Snapshots.Add(employees, new KeyValuePair<string, object?>("subject", "employee"));
        Snapshots.Add(units, new KeyValuePair<string, object?>("subject", "unit"));
    }

    /// <summary>Counts the triggers a batch stored for the first time.</summary>
    public static void Raised(IReadOnlyList<StoredTrigger> triggers)
    {
        foreach (var trigger in triggers)
        {
            Triggers.Add(1, new KeyValuePair<string, object?>("workflow", trigger.Workflow),
                new KeyValuePair<string, object?>("kind", trigger.Kind));
        }
    }

    /// <summary>Counts one rule error of <paramref name="workflow"/>.</summary>
    public static void Failed(string workflow) => Errors.Add(1, new KeyValuePair<string, object?>("workflow", workflow));
}
