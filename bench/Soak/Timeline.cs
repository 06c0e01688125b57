using System.Diagnostics;

namespace Kinerja.Bench.Soak;

/// <summary>Counters of one minute of the run; everything is attributed to the minute in which it happened (an ack or a push received).</summary>
public sealed class MinuteCounters
{
    public Histogram Ack { get; } = new();

    public Histogram Push { get; } = new();

    /// <summary>Send → 2xx of the final attempt (the server's own time; <see cref="Ack"/> adds the client-side wait for a slot).</summary>
    public Histogram Service { get; } = new();

    public long EventsAcked;
    /// <summary>Items the server rejected in the 2xx answers of this minute (per-item errors, e.g. over the daily maximum).</summary>
    public long Rejected;
    public long Requests;
    public long FailedRequests;
    public long Retries;
    public long IndicatorsMessages;
    public long ChartMessages;
    public long TriggerMessages;
}

/// <summary>The run's clock (started when the load starts) and its per-minute counters, plus whole-run histograms.</summary>
public sealed class Timeline(double minutes)
{
    private readonly MinuteCounters[] _minutes = Enumerable.Range(0, (int)Math.Ceiling(minutes) + 1).Select(_ => new MinuteCounters()).ToArray();
    private readonly Stopwatch _clock = new();

    public Histogram AckAll { get; } = new();

    public Histogram PushAll { get; } = new();

    public TimeSpan Elapsed => _clock.Elapsed;

    public int MinuteCount => _minutes.Length - 1;

    public void Start() => _clock.Start();

    /// <summary>The counters of the current minute (after the last minute: a spill-over bucket for the drain).</summary>
    public MinuteCounters Now => _minutes[Math.Min((int)(_clock.Elapsed.TotalMinutes), _minutes.Length - 1)];

    public MinuteCounters Minute(int index) => _minutes[index];
}
