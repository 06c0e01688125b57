using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Kinerja.Ingest.Telemetry;

namespace Kinerja.Ingest.Bench;

/// <summary>
/// The writer's time per phase, batches and items, summed from the ingest meter (<see cref="IngestMetrics"/>)
/// by a <see cref="MeterListener"/>: the same figures an exporter sees.
/// </summary>
internal static class WriterPhases
{
    private static readonly ConcurrentDictionary<string, double> Seconds = new();
    private static long _batches;
    private static long _items;
    private static MeterListener? _listener;

    public static long Batches => Interlocked.Read(ref _batches);

    public static long Items => Interlocked.Read(ref _items);

    /// <summary>Starts listening (once; every ingest meter of the process).</summary>
    public static void Listen()
    {
        if (_listener is not null)
        {
            return;
        }
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == IngestMetrics.MeterName
                    && instrument.Name is IngestMetrics.BatchDurationName or IngestMetrics.BatchSizeName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "phase", Value: string phase })
                {
                    Seconds.AddOrUpdate(phase, seconds, (_, sum) => sum + seconds);
                }
            }
        });
        _listener.SetMeasurementEventCallback<long>((_, items, _, _) =>
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _items, items);
        });
        _listener.Start();
    }

    /// <summary>Seconds per phase since start (or the last <see cref="Reset"/>), in the meter's phase order.</summary>
    public static IReadOnlyList<(string Phase, double Seconds)> Snapshot() =>
        IngestMetrics.Phases.Select(p => (p, Seconds.GetValueOrDefault(p))).ToArray();

    public static void Reset()
    {
        Seconds.Clear();
        Interlocked.Exchange(ref _batches, 0);
        Interlocked.Exchange(ref _items, 0);
    }
}
