using System.Diagnostics;

namespace Kinerja.Ingest.Pipeline;

/// <summary>Cumulative time the writer spends per phase (checks, copy, merge, notify, commit); for benchmarks and diagnostics.</summary>
public static class WriterTimings
{
    private static readonly long[] Ticks = new long[5];
    private static long _batches;
    private static long _items;

    public static readonly string[] Phases = ["checks", "copy", "merge", "notify", "commit"];

    public static long Batches => Interlocked.Read(ref _batches);

    public static long Items => Interlocked.Read(ref _items);

    /// <summary>Seconds spent per phase since start (or the last <see cref="Reset"/>).</summary>
    public static IReadOnlyList<(string Phase, double Seconds)> Snapshot() =>
        Phases.Select((p, i) => (p, Interlocked.Read(ref Ticks[i]) / (double)Stopwatch.Frequency)).ToArray();

    public static void Reset()
    {
        for (var i = 0; i < Ticks.Length; i++)
        {
            Interlocked.Exchange(ref Ticks[i], 0);
        }
        Interlocked.Exchange(ref _batches, 0);
        Interlocked.Exchange(ref _items, 0);
    }

    internal static long Add(int phase, long since)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref Ticks[phase], now - since);
        return now;
    }

    internal static void Batch(int items)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _items, items);
    }
}
