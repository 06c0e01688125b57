using System.Diagnostics.Metrics;
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

    private static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>(
        "kinerja.board.hub.connections", "{connection}", "SignalR connections open on this instance, by hub.");

    private static readonly UpDownCounter<long> Subscriptions = Meter.CreateUpDownCounter<long>(
        "kinerja.board.hub.subscriptions", "{subscription}",
        "Group subscriptions of this instance's connections, by kind of group (region, unit, public).");

    private static readonly Histogram<double> PushDuration = Meter.CreateHistogram(
        "kinerja.board.push.duration", "s",
        "Push latency: a region's change marked on the board until its Indicators messages are handed to the connections.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MetricBuckets.Seconds });

    public static void Connected() => Connections.Add(1, BoardHubTag);

    public static void Disconnected() => Connections.Add(-1, BoardHubTag);

    public static void Subscribed(BoardGroupKind kind) => Subscriptions.Add(1, KindTag(kind));

    public static void Unsubscribed(BoardGroupKind kind) => Subscriptions.Add(-1, KindTag(kind));

    /// <summary>Records one push: <paramref name="latency"/> from the change being marked to the sends handed over.</summary>
    public static void Pushed(TimeSpan latency) => PushDuration.Record(Math.Max(0, latency.TotalSeconds));

    private static KeyValuePair<string, object?> KindTag(BoardGroupKind kind) => new("group.kind", kind switch
    {
        BoardGroupKind.Region => "region",
        BoardGroupKind.Unit => "unit",
        _ => "public",
    });
}
