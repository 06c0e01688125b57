using System.Diagnostics.Metrics;
using Kinerja.Core.Telemetry;

namespace Kinerja.Dashboard.Notifications;

/// <summary>
/// Meter <c>Kinerja.Notifications</c>: outbox messages pending and dead (as last counted by this process's worker),
/// deliveries, dead-lettered messages and the time of each attempt. Tags: channel (webhook, email), kind, outcome only.
/// </summary>
public static class NotificationMetrics
{
    public const string MeterName = "Kinerja.Notifications";

    private static readonly Meter Meter = new(MeterName);
    private static long _pending;
    private static long _dead;

    private static readonly Histogram<double> AttemptDuration = Meter.CreateHistogram(
        "kinerja.notifications.attempt.duration", "s", "Time of one delivery attempt (HTTP request or SMTP exchange), by channel and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MetricBuckets.Seconds });

    private static readonly Counter<long> Delivered = Meter.CreateCounter<long>(
        "kinerja.notifications.delivered", "{message}", "Messages delivered, by channel and kind.");

    private static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>(
        "kinerja.notifications.dead", "{message}", "Messages moved to the dead-letter list after their last attempt, by channel and kind.");

    static NotificationMetrics()
    {
        Meter.CreateObservableGauge("kinerja.notifications.pending", () => Interlocked.Read(ref _pending), "{message}",
            "Outbox messages waiting for delivery (counted by the worker each scan).");
        Meter.CreateObservableGauge("kinerja.notifications.dead_letters", () => Interlocked.Read(ref _dead), "{message}",
            "Messages in the dead-letter list (counted by the worker each scan).");
    }

    public static void Attempt(string channel, string kind, TimeSpan elapsed, bool ok, bool dead)
    {
        var c = new KeyValuePair<string, object?>("channel", channel);
        var k = new KeyValuePair<string, object?>("kind", kind);
        AttemptDuration.Record(elapsed.TotalSeconds, c, new KeyValuePair<string, object?>("outcome", ok ? "delivered" : "failed"));
        if (ok)
        {
            Delivered.Add(1, c, k);
        }
        else if (dead)
        {
            DeadLettered.Add(1, c, k);
        }
    }

    public static void Counted(long pending, long dead)
    {
        Interlocked.Exchange(ref _pending, pending);
        Interlocked.Exchange(ref _dead, dead);
    }
}
