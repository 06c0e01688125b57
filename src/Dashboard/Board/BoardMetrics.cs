using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Kinerja.Core.Telemetry;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// Meter <c>Kinerja.Board</c>: screens connected to the board hub, their group subscriptions by kind of group, and
/// the push latency. Tags carry the hub and the kind of group (<c>region</c>, <c>unit</c>, <c>public</c>), never a
/// group id: a group of one person (the coming <c>employee:{nip}</c>) would name that person.
/// </summary>
public static class BoardMetrics
{
    public const string MeterName = "Kinerja.Board";

    private static readonly Meter Meter = new(MeterName);

    private static readonly KeyValuePair<string, object?> BoardHubTag = new("hub", "board");

    // The connection and subscription counts are read from the hub's own bookkeeping when collected, not summed from
    // +1/-1 deltas: a reader started after a screen connected would otherwise count its disconnect as -1.
    private static readonly ConditionalWeakTable<BoardSubscriptions, object?> Sources = new();

    private static readonly Histogram<double> PushDuration = Meter.CreateHistogram(
        "kinerja.board.push.duration", "s",
        "Push latency: a region's change marked on the board until its Indicators messages are handed to the connections.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MetricBuckets.Seconds });

    static BoardMetrics()
    {
        Meter.CreateObservableUpDownCounter("kinerja.board.hub.connections", ObserveConnections, "{connection}",
            "SignalR connections open on this instance, by hub.");
        Meter.CreateObservableUpDownCounter("kinerja.board.hub.subscriptions", ObserveSubscriptions, "{subscription}",
            "Group subscriptions of this instance's connections, by kind of group (region, unit, public).");
    }

    /// <summary>Counts the connections and subscriptions <paramref name="subscriptions"/> keeps (one per host).</summary>
    public static void Track(BoardSubscriptions subscriptions) => Sources.AddOrUpdate(subscriptions, null);

    /// <summary>Records one push: <paramref name="latency"/> from the change being marked to the sends handed over.</summary>
    public static void Pushed(TimeSpan latency) => PushDuration.Record(Math.Max(0, latency.TotalSeconds));

    private static IEnumerable<Measurement<long>> ObserveConnections()
    {
        var sources = Sources.Select(s => s.Key).ToList();
        return sources.Count == 0 ? [] : [new Measurement<long>(sources.Sum(s => s.Connections), BoardHubTag)];
    }

    private static IEnumerable<Measurement<long>> ObserveSubscriptions()
    {
        var sources = Sources.Select(s => s.Key).ToList();
        if (sources.Count == 0)
        {
            return [];
        }
        var counts = new long[3];
        foreach (var source in sources)
        {
            foreach (var (kind, count) in source.CountByKind())
            {
                if ((int)kind < counts.Length)
                {
                    counts[(int)kind] += count;
                }
            }
        }
        return
        [
            new Measurement<long>(counts[(int)BoardGroupKind.Region], KindTag("region")),
            new Measurement<long>(counts[(int)BoardGroupKind.Unit], KindTag("unit")),
            new Measurement<long>(counts[(int)BoardGroupKind.Public], KindTag("public")),
        ];
    }

    private static KeyValuePair<string, object?> KindTag(string kind) => new("group.kind", kind);
}
