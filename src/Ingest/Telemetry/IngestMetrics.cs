using System.Diagnostics;
using System.Diagnostics.Metrics;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;

namespace Kinerja.Ingest.Telemetry;

/// <summary>
/// The ingest meter (<c>Kinerja.Ingest</c>): item outcomes, queue depth, batch phase durations and batch sizes.
/// Tags carry only the stream, the outcome and the phase; never a NIP, an employee or an event id.
/// </summary>
/// <remarks>
/// Instruments: <c>kinerja.ingest.items</c> (counter; tags <c>stream</c> = the stream's name, e.g.
/// activities|attendance|ratings|reviews|feedback,
/// <c>outcome</c> = accepted|duplicate|rejected), <c>kinerja.ingest.queue.depth</c> (observable gauge, items
/// waiting for the writer), <c>kinerja.ingest.batch.duration</c> (histogram, seconds; tag <c>phase</c> = one of
/// <see cref="Phases"/>: each step of a committed batch transaction, and <c>total</c> from its start to its
/// commit), <c>kinerja.ingest.batch.size</c> (histogram, items per committed batch) and
/// <c>kinerja.ingest.batch.redone</c> (counter, batch tries rolled back and redone; tag <c>reason</c> =
/// conflict|missing_partition|connection|overlap: see <see cref="Redone"/>).
/// </remarks>
public sealed class IngestMetrics
{
    /// <summary>The meter's name (what an exporter subscribes to).</summary>
    public const string MeterName = "Kinerja.Ingest";

    public const string ItemsName = "kinerja.ingest.items";
    public const string QueueDepthName = "kinerja.ingest.queue.depth";
    public const string BatchDurationName = "kinerja.ingest.batch.duration";
    public const string BatchSizeName = "kinerja.ingest.batch.size";
    public const string BatchRedoneName = "kinerja.ingest.batch.redone";

    /// <summary>
    /// The <c>phase</c> values of <see cref="BatchDurationName"/>, in the order a batch goes through them:
    /// <c>lock</c> (begin, shared partition lock), <c>check</c> (checks against stored events), <c>registry</c>
    /// (claiming event ids before the COPY when a batch is redone carefully; or, on the overlapped path, an optimistic
    /// batch's claim run after its COPY while the previous batch still commits), <c>copy</c> (binary COPY),
    /// <c>rollup</c> (one round trip: stream merges with their rollups, the day rollup, the event-id claim of an
    /// optimistic batch unless it ran, the change notification), <c>commit</c>, and <c>total</c>.
    /// </summary>
    public static readonly IReadOnlyList<string> Phases = ["lock", "check", "registry", "copy", "rollup", "commit", "total"];

    private readonly Meter _meter;
    private readonly Counter<long> _items;
    private readonly Histogram<double> _duration;
    private readonly Histogram<long> _size;
    private readonly Counter<long> _redone;

    /// <remarks>The factory owns the meter (and disposes it with the container).</remarks>
    internal IngestMetrics(IMeterFactory factory, IngestQueue queue)
    {
        _meter = factory.Create(MeterName);
        _items = _meter.CreateCounter<long>(ItemsName, "{item}", "Ingested items by stream and outcome.");
        _meter.CreateObservableGauge(QueueDepthName, () => queue.QueuedItems, "{item}",
            "Items queued for the writer.");
        _duration = _meter.CreateHistogram<double>(BatchDurationName, "s",
            "Time a committed batch transaction spent per phase, and in total.");
        _size = _meter.CreateHistogram<long>(BatchSizeName, "{item}", "Items per committed batch.");
        _redone = _meter.CreateCounter<long>(BatchRedoneName, "{batch}",
            "Batch tries rolled back and redone, by reason.");
    }

    /// <summary>The meter instance (tests listen to this one only).</summary>
    internal Meter Meter => _meter;

    /// <summary>Counts the outcome of every item of a completed submission.</summary>
    internal void Completed(Submission submission)
    {
        long accepted = 0, duplicate = 0, rejected = 0;
        for (var i = 0; i < submission.Count; i++)
        {
            switch (submission.StatusOf(i))
            {
                case ItemStatus.Accepted: accepted++; break;
                case ItemStatus.Duplicate: duplicate++; break;
                default: rejected++; break;
            }
        }
        // the stream's name: a stream added later is tagged without a line here
        var stream = submission.Stream;
        Add(accepted, stream, "accepted");
        Add(duplicate, stream, "duplicate");
        Add(rejected, stream, "rejected");
    }

    private void Add(long count, string stream, string outcome)
    {
        if (count > 0)
        {
            _items.Add(count, new("stream", stream), new("outcome", outcome));
        }
    }

    /// <summary>
    /// Counts a batch try that was rolled back to be redone: <c>conflict</c> (an event id stored before or a day over
    /// its maximum: redone carefully), <c>missing_partition</c> (retention dropped a month: redone after creating it),
    /// <c>connection</c> (redone on a fresh connection), <c>overlap</c> (an overlapped batch failed for any other
    /// reason, e.g. a lock cycle: redone serially).
    /// </summary>
    internal void Redone(WriteFailure failure) => _redone.Add(1, new KeyValuePair<string, object?>("reason", failure switch
    {
        WriteFailure.Conflict => "conflict",
        WriteFailure.MissingPartition => "missing_partition",
        WriteFailure.Connection => "connection",
        _ => "overlap",
    }));

    /// <summary>Records a committed batch: the seconds of each of its phases, its total time and its size.</summary>
    internal void Committed(IReadOnlyList<(string Phase, double Seconds)> phases, long started, int items)
    {
        foreach (var (phase, seconds) in phases)
        {
            _duration.Record(seconds, new KeyValuePair<string, object?>("phase", phase));
        }
        _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("phase", "total"));
        _size.Record(items);
    }
}
